// After an unlink: an Undo button with a countdown; main holds the object until the window ends.
import { useEffect, useState } from 'react';

import { useAppStore, useAppStoreApi } from '../store/context.js';

export function UndoToast() {
  const store = useAppStoreApi();
  const undo = useAppStore((s) => s.undo);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (!undo) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [undo]);

  const left = undo ? Math.ceil((undo.deadline - now) / 1000) : 0;
  useEffect(() => {
    if (undo && left <= 0) store.getState().dismissUndo();
  }, [undo, left, store]);

  if (!undo || left <= 0) return null;
  return (
    <div role="status" className="undo-toast" aria-label="Undo unlink">
      <span>
        Unlinked <code>{undo.path}</code>. Undo within {left} s.
      </span>
      <button type="button" onClick={() => void store.getState().undoUnlink()}>
        Undo
      </button>
      <button type="button" aria-label="Dismiss undo" onClick={() => store.getState().dismissUndo()}>
        ×
      </button>
    </div>
  );
}
