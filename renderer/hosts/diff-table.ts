// One map's diff rows in the live view's columns and formats: the rows are laid out as a map view window (new
// values, old values as "when last looked"), so the entries table's own cell code decodes and marks them.
import { hexToBytes } from '../../shared/bpf/hex.js';
import type { MapViewWindow } from '../../shared/mapview.js';
import type { MapDiffView } from '../../shared/snapshot-ops.js';

import { computeCell } from '../entries/cells.js';
import { makeCodec, parseViewBtf } from '../entries/codec.js';
import { type ViewColumn, viewColumns } from '../entries/view-columns.js';
import { EMPTY_PREFS } from '../store/column-prefs-slice.js';

export interface DiffCell {
  text: string;
  /** The old value's text when this field changed. */
  was?: string;
}

export interface DiffTable {
  columns: ViewColumn[];
  rows: { change: 'added' | 'removed' | 'changed'; cells: DiffCell[] }[];
}

const SINCE = { added: 2, changed: 1, removed: 0 } as const;

function pack(hexes: (string | undefined)[], size: number): Uint8Array {
  const out = new Uint8Array(hexes.length * size);
  hexes.forEach((h, i) => {
    const b = h === undefined ? undefined : hexToBytes(h);
    if (b) out.set(b.subarray(0, size), i * size);
  });
  return out;
}

function windowOf(m: MapDiffView, values: Uint8Array, base: Uint8Array): MapViewWindow {
  const n = m.rows.length;
  return {
    generation: 0,
    total: n,
    entries: n,
    complete: true,
    offset: 0,
    count: n,
    keySize: m.keySize,
    valueSize: m.valueSize,
    keys: pack(
      m.rows.map((r) => r.key),
      m.keySize,
    ),
    values,
    prevValues: values,
    changed: new Uint8Array(n),
    rated: new Uint8Array(n),
    intervalMs: 0,
    monoNowNs: 0,
    wallNowMs: Date.now(),
    baseValues: base,
    sinceLook: Uint8Array.from(m.rows.map((r) => SINCE[r.change])),
    vanished: new Uint8Array(n),
    scanAt: 0,
    look: {
      atMs: 0,
      changed: 0,
      added: 0,
      gone: 0,
      goneCount: 0,
      goneKeys: new Uint8Array(),
      goneValues: new Uint8Array(),
      goneAtMs: new Float64Array(),
    },
  };
}

/** The map's rows decoded with its BTF (else the default layouts), or null without its info. */
export function diffTable(m: MapDiffView): DiffTable | null {
  if (!m.info || m.keySize !== m.info.keySize) return null;
  const codec = makeCodec(m.info, parseViewBtf(m.btf), {});
  const columns = viewColumns(codec, EMPTY_PREFS).filter((c) => !c.hidden);
  // Removed rows show their last value; changed rows their new one, the old one as what the user last saw.
  const now = pack(
    m.rows.map((r) => r.to ?? r.from),
    m.valueSize,
  );
  const old = pack(
    m.rows.map((r) => r.from ?? r.to),
    m.valueSize,
  );
  const w = windowOf(m, now, old);
  const was = windowOf(m, old, old);
  const rows = m.rows.map((r, i) => ({
    change: r.change,
    cells: columns.map((col): DiffCell => {
      const cell = computeCell(w, i, col, codec);
      return cell.changed ? { text: cell.text, was: computeCell(was, i, col, codec).text } : { text: cell.text };
    }),
  }));
  return { columns, rows };
}
