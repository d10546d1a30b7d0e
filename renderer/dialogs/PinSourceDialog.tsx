// "Pin here" (after a drop on a folder) and "Pin to…" (keyboard: choose the folder): pins an object or a
// handle; an object bpfscope has no handle on is opened by id first and that handle closed afterwards.
import { useMemo, useState } from 'react';

import { joinPath } from '../../shared/bpf/paths.js';

import { describeSource, type PinSource } from '../dnd/pin-source.js';
import { useAppStore } from '../store/context.js';
import { DialogFrame } from './DialogFrame.js';
import { SelectField, TextField } from './Field.js';
import { useDialogSubmit } from './use-dialog-submit.js';
import { nameProblem } from './validation.js';

export function PinSourceDialog({ source, folder: fixedFolder }: { source: PinSource; folder?: string }) {
  const children = useAppStore((s) => s.children);
  const folders = useMemo(
    () =>
      [
        '',
        ...Object.values(children)
          .flat()
          .filter((e) => e.kind === 'dir')
          .map((e) => e.path),
      ].sort(),
    [children],
  );
  const [folder, setFolder] = useState(fixedFolder ?? '');
  const [name, setName] = useState(source.name);
  const { error, busy, run, store } = useDialogSubmit();
  const problem = nameProblem(name);
  const path = joinPath(folder, name);
  const close = (): void => store.getState().closeWorkflow();

  const submit = (): void =>
    void run(`Pinning ${describeSource(source)} at "${path}"`, async () => {
      await store.getState().pinSource(source, path);
      close();
      return false;
    });

  return (
    <DialogFrame
      title={fixedFolder === undefined ? 'Pin to' : 'Pin here'}
      submitLabel="Pin"
      canSubmit={!problem}
      busy={busy}
      error={error}
      onSubmit={submit}
      onCancel={close}
    >
      <p>Pin the {describeSource(source)}.</p>
      {fixedFolder === undefined ? (
        <SelectField label="Folder" value={folder} onChange={setFolder}>
          {folders.map((f) => (
            <option key={f} value={f}>
              /{f}
            </option>
          ))}
        </SelectField>
      ) : (
        <p className="dialog-where">
          In <code>/{fixedFolder}</code>
        </p>
      )}
      <TextField label="Name" value={name} onChange={setName} problem={problem} />
    </DialogFrame>
  );
}
