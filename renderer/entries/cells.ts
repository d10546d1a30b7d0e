// One cell of the table: a column of one row of a window, in the column's format, with whether it changed
// since the user last looked and, for counters, its rate per second. Cached per window and column.
import { spacedHex } from '../../shared/bpf/hex.js';
import {
  byteCountText,
  type Clock,
  flowText,
  formatRaw,
  type Raw,
  readRaw,
  sumRaw,
} from '../../shared/formats/index.js';
import type { MapViewWindow } from '../../shared/mapview.js';

import type { ViewCodec } from './codec.js';
import { formatRate } from './numbers.js';
import type { ViewColumn } from './view-columns.js';

export interface CellView {
  text: string;
  title?: string;
  hex: string;
  /** The value differs from the one the user last looked at. */
  changed: boolean;
  /** Per-second change since the previous refresh, e.g. "+12/s" or "+1.5 KiB/s". */
  rate?: string;
}

export const SINCE_LOOK = { same: 0, changed: 1, added: 2 } as const;

export const clockOf = (w: MapViewWindow): Clock => ({ monoNowNs: w.monoNowNs, wallNowMs: w.wallNowMs });

function equalRaw(a: Raw, b: Raw): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/** The column's value in `bytes` for row `i` of `w` (a CPU's slot, or the sum for per-CPU values). */
function rawOf(w: MapViewWindow, bytes: Uint8Array, i: number, col: ViewColumn, codec: ViewCodec): Raw {
  const f = col.field!;
  const base = i * (f.part === 'key' ? w.keySize : w.valueSize);
  const per = codec.perCpu;
  if (f.part === 'value' && per) {
    if (col.cpu === 'sum') return sumRaw(f, bytes, base, per.cpus, per.slot);
    return readRaw(f, bytes, base + (col.cpu ?? 0) * per.slot);
  }
  return readRaw(f, bytes, base);
}

function rateOf(col: ViewColumn, now: Raw, prev: Raw, intervalMs: number): string | undefined {
  if (typeof now === 'object' || typeof prev === 'object') return undefined;
  const d = Number(now) - Number(prev);
  if (d === 0 || !Number.isFinite(d)) return undefined;
  const perSec = (d / intervalMs) * 1000;
  if (col.field?.format === 'bytes') return `${perSec < 0 ? '-' : '+'}${byteCountText(Math.abs(perSec))}/s`;
  return formatRate(perSec);
}

export function computeCell(w: MapViewWindow, i: number, col: ViewColumn, codec: ViewCodec): CellView {
  const clock = clockOf(w);
  const keyBytes = w.keys.subarray(i * w.keySize, (i + 1) * w.keySize);
  if (col.flow)
    return { text: flowText(col.flow, w.keys, i * w.keySize, clock), hex: spacedHex(keyBytes), changed: false };
  const f = col.field!;
  const isKey = f.part === 'key';
  const raw = rawOf(w, isKey ? w.keys : w.values, i, col, codec);
  const shown = formatRaw(f, raw, clock);
  const slot = isKey ? 0 : i * w.valueSize + (typeof col.cpu === 'number' ? col.cpu * (codec.perCpu?.slot ?? 0) : 0);
  const hex = isKey
    ? spacedHex(keyBytes.subarray(f.offset, f.offset + f.size))
    : spacedHex(w.values.subarray(slot + f.offset, slot + f.offset + f.size));
  const cell: CellView = { ...shown, hex, changed: false };
  if (isKey) return cell;
  if (w.sinceLook[i] === SINCE_LOOK.changed) cell.changed = !equalRaw(raw, rawOf(w, w.baseValues, i, col, codec));
  if (col.counter && w.intervalMs > 0 && w.rated[i]) {
    const rate = rateOf(col, raw, rawOf(w, w.prevValues, i, col, codec), w.intervalMs);
    if (rate) cell.rate = rate;
  }
  return cell;
}

const cache = new WeakMap<MapViewWindow, WeakMap<ViewColumn, CellView[]>>();

/** Cell of view row `index` (which must be in `w`) in column `col`. */
export function cellAt(w: MapViewWindow, index: number, col: ViewColumn, codec: ViewCodec): CellView {
  let byCol = cache.get(w);
  if (!byCol) cache.set(w, (byCol = new WeakMap()));
  let cells = byCol.get(col);
  if (!cells) byCol.set(col, (cells = []));
  const i = index - w.offset;
  return (cells[i] ??= computeCell(w, i, col, codec));
}
