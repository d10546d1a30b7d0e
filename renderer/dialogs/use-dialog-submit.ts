// Runs a dialog's action: on success the dialog closes; on refusal the errno stays in the dialog and becomes a notice.
import { useState } from 'react';

import type { WireError } from '../../shared/errors.js';
import { isBpfError } from '../../shared/errors.js';

import { useAppStoreApi } from '../store/context.js';

export function toWire(err: unknown): WireError {
  if (isBpfError(err)) return err.toWire();
  return { code: 'EIO', errno: 5, message: err instanceof Error ? err.message : String(err) };
}

export function useDialogSubmit() {
  const store = useAppStoreApi();
  const [error, setError] = useState<WireError | null>(null);
  const [busy, setBusy] = useState(false);

  /** `action` returns false to keep the dialog open without an error. */
  const run = async (context: string, action: () => Promise<void | false>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const keepOpen = (await action()) === false;
      if (!keepOpen) store.getState().closeDialog();
    } catch (err) {
      setError(toWire(err));
      store.getState().notifyError(err, context);
    } finally {
      setBusy(false);
    }
  };
  return { error, setError, busy, run, store };
}
