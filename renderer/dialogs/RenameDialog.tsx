// rename(2) within the same folder, optionally with RENAME_NOREPLACE.
import { useState } from 'react';

import { baseName, joinPath, parentOf } from '../../shared/bpf/paths.js';

import { DialogFrame } from './DialogFrame.js';
import { CheckboxField, TextField } from './Field.js';
import { useDialogSubmit } from './use-dialog-submit.js';
import { nameProblem } from './validation.js';

export function RenameDialog({ target }: { target: string }) {
  const [name, setName] = useState(baseName(target));
  const [noreplace, setNoreplace] = useState(true);
  const { error, busy, run, store } = useDialogSubmit();
  const dir = parentOf(target);
  const to = joinPath(dir, name);
  const problem = nameProblem(name);

  const submit = (): void =>
    void run(`Renaming "${target}"`, async () => {
      await store.getState().rename(target, to, noreplace);
    });

  return (
    <DialogFrame
      title={`Rename ${baseName(target)}`}
      submitLabel="Rename"
      canSubmit={!problem && to !== target}
      busy={busy}
      error={error}
      onSubmit={submit}
      onCancel={() => store.getState().closeDialog()}
    >
      <TextField label="New name" value={name} onChange={setName} problem={problem} />
      <CheckboxField label="Fail if it exists" checked={noreplace} onChange={setNoreplace} />
      {!noreplace && <p className="note">An existing pin with that name will be replaced and its reference dropped.</p>}
    </DialogFrame>
  );
}
