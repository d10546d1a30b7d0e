// The selected row in full: every field (hidden ones too) in its format with nothing cut off, the raw value,
// the C type, each CPU's value of per-CPU maps, and the key and value bytes.
import { spacedHex } from '../../shared/bpf/hex.js';
import type { MapViewWindow } from '../../shared/mapview.js';

import { type CellView, computeCell, SINCE_LOOK } from './cells.js';
import type { ViewCodec } from './codec.js';
import type { ViewColumn } from './view-columns.js';

/** Row `i` of `w` as a window of its own, so the panel keeps it when the table scrolls away. */
export function oneRow(w: MapViewWindow, i: number): MapViewWindow {
  const k = (a: Uint8Array, size: number) => a.slice(i * size, (i + 1) * size);
  return {
    ...w,
    offset: 0,
    count: 1,
    total: 1,
    keys: k(w.keys, w.keySize),
    values: k(w.values, w.valueSize),
    prevValues: k(w.prevValues, w.valueSize),
    baseValues: k(w.baseValues, w.valueSize),
    changed: k(w.changed, 1),
    rated: k(w.rated, 1),
    sinceLook: k(w.sinceLook, 1),
    vanished: k(w.vanished, 1),
  };
}

function raw(c: CellView): string {
  return c.title && c.title !== c.text ? c.title : c.hex;
}

export function RowDetail(p: { row: MapViewWindow; codec: ViewCodec; columns: ViewColumn[]; onClose(): void }) {
  const { row, codec, columns } = p;
  const cell = (col: ViewColumn) => computeCell(row, 0, col, codec);
  const flow = columns.find((c) => c.flow);
  const heading = flow ? cell(flow).text : codec.key.text(row.keys, 0);
  const main = columns.filter((c) => c.field && typeof c.cpu !== 'number');
  const perCpu = (col: ViewColumn) =>
    columns.filter((c) => c.field?.id === col.field?.id && typeof c.cpu === 'number').map((c) => cell(c).text);
  const mark = row.sinceLook[0];
  return (
    <section className="row-detail" aria-label="Row details">
      <header>
        <h4>
          {heading}
          {mark === SINCE_LOOK.added && <span className="badge-new">new since you looked</span>}
          {mark === SINCE_LOOK.changed && <span className="badge-changed">changed since you looked</span>}
        </h4>
        <button type="button" onClick={p.onClose}>
          Close
        </button>
      </header>
      <table>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Value</th>
            <th scope="col">Raw</th>
            <th scope="col">Type</th>
          </tr>
        </thead>
        <tbody>
          {main.map((col) => {
            const c = cell(col);
            const cpus = codec.perCpu ? perCpu(col) : [];
            return (
              <tr key={col.id} data-col={col.id} className={c.changed ? 'cell-changed' : undefined}>
                <th scope="row">
                  {col.part}.{col.field!.path}
                </th>
                <td className="detail-value">
                  {c.text}
                  {c.rate && <span className="rate">{c.rate}</span>}
                  {cpus.length > 0 && (
                    <div className="detail-cpus">{cpus.map((t, i) => `cpu${i} ${t}`).join(' · ')}</div>
                  )}
                </td>
                <td className="detail-raw">{raw(c)}</td>
                <td className="type-label">{col.title}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="detail-bytes">
        key <code>{spacedHex(row.keys)}</code>
        <br />
        value <code>{spacedHex(row.values)}</code>
      </p>
    </section>
  );
}
