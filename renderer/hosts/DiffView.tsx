// The diff of two hosts (snapshots or live): pins added, removed, moved and replaced, objects whose info changed,
// and per map its counts and rows in the live view's columns, changed fields old (struck out) and new.
import type { FieldChange } from '../../shared/snapshot.js';
import type { MapDiffView, SnapshotDiffView } from '../../shared/snapshot-ops.js';

import { progressText } from './CaptureDialog.js';
import { useHosts } from './context.js';
import { diffTable } from './diff-table.js';

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
const fieldsText = (fs: FieldChange[]): string =>
  fs.map((f) => `${f.field} ${show(f.from)} → ${show(f.to)}`).join(', ');
const obj = (o: { kind: string; id: number; name?: string }) => `${o.kind} ${o.id}${o.name ? ` ${o.name}` : ''}`;

function PinChanges({ d }: { d: SnapshotDiffView }) {
  const p = d.pins;
  const lines = [
    ...p.added.map((x) => ['added', `+ ${x.path} (${x.object ? obj(x.object) : x.kind})`] as const),
    ...p.removed.map((x) => ['removed', `− ${x.path} (${x.object ? obj(x.object) : x.kind})`] as const),
    ...p.moved.map((m) => ['moved', `${m.from} → ${m.to} (${obj(m.object)})`] as const),
    ...p.replaced.map(
      (r) =>
        [
          'replaced',
          `${r.path}: ${obj(r.from)} replaced by ${obj(r.to)}${r.from.tag !== undefined ? ` (tag ${r.from.tag} → ${r.to.tag ?? '?'})` : ''}`,
        ] as const,
    ),
    ...p.changed.map((c) => ['changed', `${c.path}: ${fieldsText(c.fields)}`] as const),
  ];
  return (
    <section aria-label="Pins">
      <h3>Pins ({lines.length})</h3>
      <ul>
        {lines.map(([kind, text]) => (
          <li key={`${kind}:${text}`} className={`diff-${kind}`}>
            {text}
          </li>
        ))}
      </ul>
    </section>
  );
}

function MapChanges({ m }: { m: MapDiffView }) {
  const counts = `${m.added} added, ${m.removed} removed, ${m.changed} changed`;
  const table = m.incomplete ? null : diffTable(m);
  return (
    <section aria-label={`Map ${m.path}`} className="diff-map">
      <h4>
        {m.path} <span>{m.incomplete ? `not compared (${m.incomplete})` : counts}</span>
      </h4>
      {table && (
        <table aria-label={`Changed entries of ${m.path}`}>
          <thead>
            <tr>
              <th>Change</th>
              {table.columns.map((c) => (
                <th key={c.id} title={c.title}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, i) => (
              // Rows have no other identity than their place in the diff.
              // biome-ignore lint/suspicious/noArrayIndexKey: a diff's rows do not move
              <tr key={i} className={`diff-${r.change}`}>
                <td>{r.change}</td>
                {r.cells.map((c, j) => (
                  <td key={table.columns[j]!.id}>
                    {c.was !== undefined ? (
                      <>
                        <del>{c.was}</del> <ins>{c.text}</ins>
                      </>
                    ) : (
                      c.text
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!table && !m.incomplete && (
        <ul>
          {m.rows.map((r) => (
            <li key={`${r.change}:${r.key}`}>
              {r.change} {r.key}: {r.from ?? ''} → {r.to ?? ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Result({ d }: { d: SnapshotDiffView }) {
  const none = [d.pins.added, d.pins.removed, d.pins.moved, d.pins.replaced, d.pins.changed, d.objects, d.maps].every(
    (x) => x.length === 0,
  );
  if (none) return <p role="status">No changes.</p>;
  return (
    <>
      <PinChanges d={d} />
      <section aria-label="Objects">
        <h3>Objects ({d.objects.length})</h3>
        <ul>
          {d.objects.map((o) => (
            <li key={`${o.kind}:${o.id}`}>
              {obj(o)}: {fieldsText(o.fields)}
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Maps">
        <h3>Maps ({d.maps.length})</h3>
        {d.maps.map((m) => (
          <MapChanges key={`${m.fromId}:${m.toId}`} m={m} />
        ))}
      </section>
    </>
  );
}

export function DiffView() {
  const diff = useHosts((s) => s.diff);
  const close = useHosts((s) => s.closeDiff);
  if (!diff) return null;
  return (
    <div className="dialog-backdrop">
      <div
        role="dialog"
        aria-modal="true"
        aria-label="Snapshot diff"
        className="dialog diff-dialog"
        onKeyDown={(e) => e.key === 'Escape' && close()}
      >
        <h2>{diff.step === 'done' ? `${diff.diff.from} → ${diff.diff.to}` : 'Comparing…'}</h2>
        {diff.step === 'running' && <p aria-live="polite">{progressText(diff.progress)}</p>}
        {diff.step === 'failed' && <p role="alert">{diff.error}</p>}
        {diff.step === 'done' && <Result d={diff.diff} />}
        <div className="dialog-buttons">
          <button type="button" onClick={close}>
            {diff.step === 'running' ? 'Cancel' : 'Close'}
          </button>
        </div>
      </div>
    </div>
  );
}
