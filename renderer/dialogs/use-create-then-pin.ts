// Create (map or program) then pin. When the pin fails the handle is kept: the dialog stays open to retry
// just the pin, and the notice says the object exists unpinned.
import { useState } from 'react';

import type { HandleInfo } from '../../shared/engine.js';
import { BpfError, isBpfError } from '../../shared/errors.js';

import { toWire, useDialogSubmit } from './use-dialog-submit.js';

export function useCreateThenPin(noun: 'Map' | 'Program') {
  const submit = useDialogSubmit();
  const [created, setCreated] = useState<HandleInfo | null>(null);
  const [errorNote, setErrorNote] = useState<string | undefined>(undefined);
  const { store } = submit;

  const run = (create: () => Promise<HandleInfo>, pinPath: string): void => {
    void submit.run(`Creating ${noun.toLowerCase()}`, async () => {
      const s = store.getState();
      const handle = created ?? (await create());
      setCreated(handle);
      if (pinPath === '') return;
      try {
        await s.pinHandle(handle.handle, pinPath);
      } catch (err) {
        const note = `${noun} created as handle ${handle.handle}; it stays in the Handles pane, unpinned. Fix the path and press Pin, or Cancel.`;
        setErrorNote(note);
        submit.setError(toWire(err));
        const e = isBpfError(err) ? err : new BpfError('EIO', String(err));
        s.notifyError(
          new BpfError(
            e.code,
            `${noun} created as handle ${handle.handle}, but pinning it at "${pinPath}" failed: ${e.message}`,
            { hint: e.hint },
          ),
        );
        return false;
      }
    });
  };
  return { ...submit, created, errorNote: submit.error ? errorNote : undefined, run };
}
