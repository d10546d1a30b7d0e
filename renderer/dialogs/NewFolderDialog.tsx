// mkdir in the chosen folder.
import { useState } from 'react';

import { joinPath } from '../../shared/bpf/paths.js';

import { DialogFrame } from './DialogFrame.js';
import { TextField } from './Field.js';
import { useDialogSubmit } from './use-dialog-submit.js';
import type { Problem } from './validation.js';
import { nameProblem } from './validation.js';

function modeProblem(text: string): Problem | undefined {
  return /^[0-7]{1,4}$/.test(text.trim()) ? undefined : { code: 'EINVAL', message: 'The mode is octal, e.g. 755.' };
}

export function NewFolderDialog({ target }: { target: string }) {
  const [name, setName] = useState('');
  const [mode, setMode] = useState('755');
  const { error, busy, run, store } = useDialogSubmit();
  const problem = nameProblem(name);
  const modeBad = modeProblem(mode);
  const path = joinPath(target, name);

  const submit = (): void =>
    void run(`Creating folder "${path}"`, async () => {
      await store.getState().mkdir(path, parseInt(mode, 8));
    });

  return (
    <DialogFrame
      title="New folder"
      submitLabel="Create folder"
      canSubmit={!problem && !modeBad}
      busy={busy}
      error={error}
      onSubmit={submit}
      onCancel={() => store.getState().closeDialog()}
    >
      <p className="dialog-where">
        In <code>/{target}</code>
      </p>
      <TextField label="Name" value={name} onChange={setName} problem={name === '' ? undefined : problem} />
      <TextField label="Mode (octal)" value={mode} onChange={setMode} problem={modeBad} monospace />
    </DialogFrame>
  );
}
