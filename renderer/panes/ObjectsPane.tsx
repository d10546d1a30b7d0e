// Every live object of the engine: type, name, id, pins, who holds it; filterable, sortable, draggable onto
// tree folders (or "Pin to…" from the keyboard). Refreshed on engine events and every few seconds.
import { useEffect, useMemo, useState } from 'react';

import type { ObjectSummary } from '../../shared/engine.js';
import { byteCountText } from '../../shared/formats/units.js';

import { endDrag, startDrag } from '../dnd/drag-data.js';
import type { PinSource } from '../dnd/pin-source.js';
import { useAppStore, useAppStoreApi } from '../store/context.js';
import { nameText, ObjectName } from './object-name.js';
import { compareObjects, matchesFilter, memoryUnder, type ObjectSortKey } from './objects-table.js';

const COLUMNS: { key: ObjectSortKey; label: string }[] = [
  { key: 'type', label: 'Type' },
  { key: 'name', label: 'Name' },
  { key: 'id', label: 'Id' },
  { key: 'pins', label: 'Pins' },
  { key: 'memory', label: 'Memory' },
];

const sourceOf = (o: ObjectSummary): PinSource => ({ type: 'object', kind: o.kind, id: o.id, name: o.name });

function holdersText(o: ObjectSummary): string {
  const parts = (o.holders ?? []).map((h) => `${h.comm || '?'} (pid ${h.pid}, fd ${h.fds.join(', ')})`);
  if (o.handles.length > 0) parts.push(`bpfscope handle ${o.handles.join(', ')}`);
  return parts.join('; ');
}

export function ObjectsPane({ refreshMs = 3000 }: { refreshMs?: number }) {
  const store = useAppStoreApi();
  const objects = useAppStore((s) => s.objects);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ key: ObjectSortKey; asc: boolean }>({ key: 'id', asc: true });

  useEffect(() => store.getState().watchObjects(refreshMs), [store, refreshMs]);

  const rows = useMemo(
    () =>
      objects
        .filter((o) => matchesFilter(o, filter))
        .sort((a, b) => compareObjects(a, b, sort.key) * (sort.asc ? 1 : -1)),
    [objects, filter, sort],
  );

  return (
    <section className="pane objects-pane" aria-labelledby="objects-title">
      <h2 id="objects-title">Objects</h2>
      <input
        type="search"
        className="objects-filter"
        aria-label="Filter objects"
        placeholder="Filter by type, name, id, pin, process"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <table className="objects-table" aria-label="Live objects">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} aria-sort={sort.key === c.key ? (sort.asc ? 'ascending' : 'descending') : 'none'}>
                <button
                  type="button"
                  onClick={() => setSort((s) => ({ key: c.key, asc: s.key === c.key ? !s.asc : true }))}
                >
                  {c.label}
                </button>
              </th>
            ))}
            <th>Held by</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((o) => (
            <tr
              key={`${o.kind}:${o.id}`}
              draggable
              aria-label={`${o.kind} ${nameText(o) || '(no name)'} id ${o.id}`}
              onDragStart={(e) => startDrag(e.dataTransfer, sourceOf(o))}
              onDragEnd={endDrag}
            >
              <td>
                {o.kind} {o.type}
              </td>
              <td>{o.name ? <ObjectName object={o} /> : <em>(no name)</em>}</td>
              <td>{o.id}</td>
              <td>
                {o.pins.length > 0 ? (
                  o.pins.map((p) => (
                    <code key={p} className="object-pin">
                      {p}
                    </code>
                  ))
                ) : (
                  <span className="unpinned" title="Alive only through open fds">
                    no pin
                  </span>
                )}
              </td>
              <td
                className="object-memory"
                title={o.memlock === undefined ? undefined : `${o.memlock} bytes (memlock)`}
              >
                {o.memlock === undefined ? '' : byteCountText(o.memlock)}
              </td>
              <td className="object-holders">{holdersText(o)}</td>
              <td>
                <button
                  type="button"
                  aria-label={`Pin ${o.kind} ${o.id} to…`}
                  onClick={() => store.getState().openWorkflow({ kind: 'pin-to', source: sourceOf(o) })}
                >
                  Pin to…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <MountMemory objects={objects} />
      {rows.length === 0 && (
        <p className="empty">{objects.length === 0 ? 'No live objects.' : 'No object matches the filter.'}</p>
      )}
    </section>
  );
}

/** The memory of every pinned object of the mount, each counted once. */
function MountMemory({ objects }: { objects: ObjectSummary[] }) {
  const { bytes, objects: n } = memoryUnder(objects, '');
  if (n === 0) return null;
  return (
    <p className="objects-total" aria-label="Mount memory">
      Pinned objects of this mount: {byteCountText(bytes)} in {n} object{n === 1 ? '' : 's'} (memlock)
    </p>
  );
}
