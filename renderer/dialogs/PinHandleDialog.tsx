// BPF_OBJ_PIN of one of the app's handles into the chosen folder.
import { useState } from 'react';

import { joinPath } from '../../shared/bpf/paths.js';

import { useAppStore } from '../store/context.js';
import { DialogFrame } from './DialogFrame.js';
import { SelectField, TextField } from './Field.js';
import { HandleOptions } from './handle-options.js';
import { useDialogSubmit } from './use-dialog-submit.js';
import { nameProblem } from './validation.js';

export function PinHandleDialog({ target, handle }: { target: string; handle?: number | undefined }) {
  const handles = useAppStore((s) => s.handles);
  const [chosen, setChosen] = useState(String(handle ?? handles[0]?.handle ?? ''));
  const info = handles.find((h) => String(h.handle) === chosen);
  const [name, setName] = useState(info?.name ?? '');
  const { error, busy, run, store } = useDialogSubmit();
  const problem = nameProblem(name);
  const path = joinPath(target, name);

  const submit = (): void =>
    void run(`Pinning handle ${chosen} at "${path}"`, async () => {
      await store.getState().pinHandle(Number(chosen), path);
    });

  return (
    <DialogFrame
      title="Pin handle here"
      submitLabel="Pin"
      canSubmit={!problem && info !== undefined}
      busy={busy}
      error={error}
      onSubmit={submit}
      onCancel={() => store.getState().closeDialog()}
    >
      <p className="dialog-where">
        In <code>/{target}</code>
      </p>
      <SelectField
        label="Handle"
        value={chosen}
        onChange={setChosen}
        problem={info ? undefined : { code: 'EBADF', message: 'Choose an open handle.' }}
      >
        <HandleOptions handles={handles} />
      </SelectField>
      <TextField label="Name" value={name} onChange={setName} problem={problem} />
    </DialogFrame>
  );
}
