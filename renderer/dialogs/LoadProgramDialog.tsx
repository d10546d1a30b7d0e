// BPF_PROG_LOAD of a tiny template program (or custom instructions), then an optional pin.
import { useState } from 'react';

import { bytesToHex } from '../../shared/bpf/hex.js';
import { joinPath } from '../../shared/bpf/paths.js';
import type { ProgTypeName } from '../../shared/bpf/types.js';

import { DialogFrame } from './DialogFrame.js';
import { SelectField, TextField } from './Field.js';
import { customInsns, PROG_TYPE_CHOICES, returnInsns, templatesFor } from './prog-templates.js';
import { useCreateThenPin } from './use-create-then-pin.js';
import { objectNameFieldProblem, pinAtProblem } from './validation.js';

const CUSTOM = 'custom';

export function LoadProgramDialog({ target }: { target: string }) {
  const [type, setType] = useState<ProgTypeName>('xdp');
  const [name, setName] = useState('');
  const [template, setTemplate] = useState(templatesFor('xdp')[0]!.id);
  const [custom, setCustom] = useState('b700000000000000 9500000000000000');
  const [license, setLicense] = useState('GPL');
  const [pinPath, setPinPath] = useState(joinPath(target, ''));
  const flow = useCreateThenPin('Program');

  const templates = templatesFor(type);
  const chosen = templates.find((t) => t.id === template);
  const customResult = template === CUSTOM ? customInsns(custom) : undefined;
  const insns = chosen ? returnInsns(chosen.returns) : customResult?.insns;
  const nameProblem = objectNameFieldProblem(name);
  const licenseProblem =
    license.length > 127 ? { code: 'EINVAL', message: 'The license is at most 127 characters.' } : undefined;
  const pinProblem = pinAtProblem(pinPath);
  const valid = insns !== undefined && !nameProblem && !licenseProblem && !pinProblem;

  const changeType = (t: ProgTypeName): void => {
    setType(t);
    if (template !== CUSTOM) setTemplate(templatesFor(t)[0]!.id);
  };
  const submit = (): void =>
    flow.run(
      () => flow.store.getState().createProgram({ type, name, insns: bytesToHex(insns ?? new Uint8Array()), license }),
      pinPath,
    );

  const locked = flow.created !== null;
  return (
    <DialogFrame
      title="Load program"
      submitLabel={locked ? 'Pin' : 'Load program'}
      canSubmit={valid}
      busy={flow.busy}
      error={flow.error}
      errorNote={flow.errorNote}
      onSubmit={submit}
      onCancel={() => flow.store.getState().closeDialog()}
    >
      <fieldset disabled={locked} className="dialog-grid">
        <SelectField label="Program type" value={type} onChange={(v) => changeType(v as ProgTypeName)}>
          {PROG_TYPE_CHOICES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </SelectField>
        <TextField label="Name" value={name} onChange={setName} problem={nameProblem} />
        <SelectField label="Template" value={template} onChange={setTemplate}>
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label} (return {t.returns})
            </option>
          ))}
          <option value={CUSTOM}>custom hex</option>
        </SelectField>
        {template === CUSTOM && (
          <TextField
            label="Instructions (hex)"
            value={custom}
            onChange={setCustom}
            problem={customResult?.problem}
            monospace
          />
        )}
        <TextField label="License" value={license} onChange={setLicense} problem={licenseProblem} />
      </fieldset>
      <TextField
        label="Pin at"
        value={pinPath}
        onChange={setPinPath}
        problem={pinProblem}
        placeholder="leave empty to keep only the handle"
        monospace
      />
    </DialogFrame>
  );
}
