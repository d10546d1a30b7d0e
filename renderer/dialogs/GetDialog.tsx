// BPF_OBJ_GET: open the object at a path as a new handle.
import { useState } from 'react';

import type { Access } from '../../shared/engine.js';

import { DialogFrame } from './DialogFrame.js';
import { SelectField, TextField } from './Field.js';
import { useDialogSubmit } from './use-dialog-submit.js';
import { existingPathProblem } from './validation.js';

export function GetDialog({ target }: { target: string }) {
  const [path, setPath] = useState(target);
  const [access, setAccess] = useState<Access>('rw');
  const { error, busy, run, store } = useDialogSubmit();
  const problem = existingPathProblem(path);

  const submit = (): void =>
    void run(`Opening "${path}"`, async () => {
      await store.getState().getObject(path, access);
    });

  return (
    <DialogFrame
      title="Get"
      submitLabel="Get handle"
      canSubmit={!problem}
      busy={busy}
      error={error}
      onSubmit={submit}
      onCancel={() => store.getState().closeDialog()}
    >
      <TextField label="Path" value={path} onChange={setPath} problem={problem} monospace />
      <SelectField label="Access" value={access} onChange={(v) => setAccess(v as Access)}>
        <option value="rw">read-write</option>
        <option value="ro">read-only</option>
        <option value="wo">write-only</option>
      </SelectField>
    </DialogFrame>
  );
}
