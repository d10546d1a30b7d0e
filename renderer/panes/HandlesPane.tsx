// The handles bpfscope holds, each closable and pinnable.
import { useState } from 'react';

import { entryAt, folderOf } from '../actions/actions.js';
// Handles drag onto tree folders, or "Pin to…"
import { endDrag, startDrag } from '../dnd/drag-data.js';
import type { PinSource } from '../dnd/pin-source.js';
import { useAppStore, useAppStoreApi } from '../store/context.js';

const ACCESS_LABEL = { rw: 'read-write', ro: 'read-only', wo: 'write-only' } as const;

export function HandlesPane() {
  const store = useAppStoreApi();
  const handles = useAppStore((s) => s.handles);
  const [closing, setClosing] = useState<number | null>(null);

  const close = async (handle: number): Promise<void> => {
    setClosing(handle);
    try {
      await store.getState().closeHandle(handle);
    } catch (err) {
      store.getState().notifyError(err, `Closing handle ${handle}`);
    } finally {
      setClosing(null);
    }
  };
  const pin = (handle: number): void => {
    const s = store.getState();
    s.openDialog('pin-handle', folderOf(entryAt(s.children, s.selected)), handle);
  };

  return (
    <section className="pane handles-pane" aria-labelledby="handles-title">
      <h2 id="handles-title">Handles</h2>
      {handles.length === 0 ? (
        <p className="empty">No open handles. Create a map, load a program or Get a pin.</p>
      ) : (
        <ul className="handle-list" aria-label="Open handles">
          {handles.map((h) => (
            <li
              key={h.handle}
              className="handle"
              draggable
              onDragEnd={endDrag}
              onDragStart={(e) =>
                startDrag(e.dataTransfer, {
                  type: 'handle',
                  handle: h.handle,
                  kind: h.kind,
                  id: h.id,
                  name: h.name,
                } satisfies PinSource)
              }
            >
              <div>
                <strong>#{h.handle}</strong> {h.kind} {h.type} <em>{h.name || '(no name)'}</em> id {h.id}
              </div>
              <div className="handle-meta">
                {ACCESS_LABEL[h.access]} · {h.origin}
                {h.path !== undefined ? ` from ${h.path}` : ''}
              </div>
              <div className="handle-actions">
                <button type="button" onClick={() => pin(h.handle)} aria-label={`Pin handle ${h.handle}`}>
                  Pin
                </button>
                <button
                  type="button"
                  aria-label={`Pin handle ${h.handle} to…`}
                  onClick={() =>
                    store.getState().openWorkflow({
                      kind: 'pin-to',
                      source: { type: 'handle', handle: h.handle, kind: h.kind, id: h.id, name: h.name },
                    })
                  }
                >
                  Pin to…
                </button>
                <button
                  type="button"
                  disabled={closing === h.handle}
                  onClick={() => void close(h.handle)}
                  aria-label={`Close handle ${h.handle}`}
                >
                  Close
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
