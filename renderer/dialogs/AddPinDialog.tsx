// A second pin (hard link) of the selected object.
import { useState } from 'react';

import { DialogFrame } from './DialogFrame.js';
import { TextField } from './Field.js';
import { useDialogSubmit } from './use-dialog-submit.js';
import { newPathProblem } from './validation.js';

export function AddPinDialog({ target }: { target: string }) {
  const [to, setTo] = useState(`${target}_2`);
  const { error, busy, run, store } = useDialogSubmit();
  const problem = newPathProblem(to);

  const submit = (): void =>
    void run(`Adding a pin of "${target}"`, async () => {
      await store.getState().link(target, to);
    });

  return (
    <DialogFrame
      title="Add second pin"
      submitLabel="Add pin"
      canSubmit={!problem}
      busy={busy}
      error={error}
      onSubmit={submit}
      onCancel={() => store.getState().closeDialog()}
    >
      <p className="dialog-where">
        Object pinned at <code>{target}</code>
      </p>
      <TextField label="Target path" value={to} onChange={setTo} problem={problem} monospace />
    </DialogFrame>
  );
}
