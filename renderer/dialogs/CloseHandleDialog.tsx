// close() of one of the app's handles; the object lives on only if something else holds it.
import { useState } from 'react';

import { useAppStore } from '../store/context.js';
import { DialogFrame } from './DialogFrame.js';
import { SelectField } from './Field.js';
import { HandleOptions } from './handle-options.js';
import { useDialogSubmit } from './use-dialog-submit.js';

export function CloseHandleDialog({ handle }: { handle?: number | undefined }) {
  const handles = useAppStore((s) => s.handles);
  const [chosen, setChosen] = useState(String(handle ?? handles[0]?.handle ?? ''));
  const { error, busy, run, store } = useDialogSubmit();
  const info = handles.find((h) => String(h.handle) === chosen);

  const submit = (): void =>
    void run(`Closing handle ${chosen}`, async () => {
      await store.getState().closeHandle(Number(chosen));
    });

  return (
    <DialogFrame
      title="Close handle"
      submitLabel="Close handle"
      canSubmit={info !== undefined}
      busy={busy}
      error={error}
      onSubmit={submit}
      onCancel={() => store.getState().closeDialog()}
    >
      <SelectField label="Handle" value={chosen} onChange={setChosen}>
        <HandleOptions handles={handles} />
      </SelectField>
      <p className="note">If no pin and no other reference holds the object, closing frees it.</p>
    </DialogFrame>
  );
}
