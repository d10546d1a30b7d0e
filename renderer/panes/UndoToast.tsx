// After an unlink: an Undo button with a countdown per unlinked pin; main holds each pin until its window ends.
import { useEffect, useState } from 'react';

import { useAppStore, useAppStoreApi } from '../store/context.js';
import type { PendingUndo } from '../store/undo-slice.js';

export function UndoToast() {
  const store = useAppStoreApi();
  const undos = useAppStore((s) => s.undos);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (undos.length === 0) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [undos]);

  useEffect(() => {
    for (const u of undos) if (u.deadline <= now) store.getState().dismissUndo(u.token);
  }, [undos, now, store]);

  const live = undos.filter((u) => u.deadline > now);
  if (live.length === 0) return null;
  return (
    <div className="undo-toasts">
      {live.map((u) => (
        <UndoItem key={u.token} undo={u} now={now} />
      ))}
    </div>
  );
}

function UndoItem({ undo, now }: { undo: PendingUndo; now: number }) {
  const store = useAppStoreApi();
  return (
    <div role="status" className="undo-toast" aria-label="Undo unlink">
      <span>
        Unlinked{' '}
        {undo.group ? (
          <>
            {undo.group.length} pins: {undo.group.map((g, i) => [i > 0 && ', ', <code key={g.token}>{g.path}</code>])}
          </>
        ) : (
          <code>{undo.path}</code>
        )}
        . Undo within {Math.ceil((undo.deadline - now) / 1000)} s.
      </span>
      <button type="button" onClick={() => void store.getState().undoUnlink(undo.token)}>
        Undo
      </button>
      <button type="button" aria-label="Dismiss undo" onClick={() => store.getState().dismissUndo(undo.token)}>
        ×
      </button>
    </div>
  );
}
