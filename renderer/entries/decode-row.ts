// One row of a window, decoded for display: key and value text (per CPU plus the sum for per-CPU maps), hex,
// change mark and per-second rates. Rows are decoded only when shown and cached per window (= per generation).
import { spacedHex } from '../../shared/bpf/hex.js';
import type { FieldRef } from '../../shared/fields.js';
import type { MapViewWindow } from '../../shared/mapview.js';

import type { PartCodec, ViewCodec } from './codec.js';
import { fieldNumber, formatRate, sumOverCpus } from './numbers.js';

export interface CellView {
  text: string;
  hex: string;
  /** Per-second change of the numeric fields, e.g. "+1.2k/s" or "packets +3/s bytes +4.5k/s". */
  rate?: string;
}

export interface RowView {
  /** Row number in the view (after filter and sort). */
  index: number;
  changed: boolean;
  key: CellView;
  /** One cell, or one per CPU followed by the sum. */
  values: CellView[];
  keyBytes: Uint8Array;
  valueBytes: Uint8Array;
}

function safeText(codec: PartCodec, bytes: Uint8Array, offset: number): string {
  try {
    return codec.text(bytes, offset);
  } catch (e) {
    return `(cannot decode: ${e instanceof Error ? e.message : String(e)})`;
  }
}

function rateText(w: MapViewWindow, i: number, codec: ViewCodec): string | undefined {
  if (w.intervalMs <= 0 || !w.rated[i]) return undefined;
  const base = i * w.valueSize;
  const read = (bytes: Uint8Array, f: FieldRef): number =>
    codec.perCpu
      ? Number(sumOverCpus(bytes, base, f, codec.perCpu.cpus, codec.perCpu.slot))
      : fieldNumber(bytes, base, f);
  const fields = codec.value.fields;
  const rates: { name: string; rate: string }[] = [];
  for (const f of fields) {
    const d = read(w.values, f) - read(w.prevValues, f);
    if (d !== 0 && Number.isFinite(d)) rates.push({ name: f.path, rate: formatRate((d / w.intervalMs) * 1000) });
  }
  if (rates.length === 0) return undefined;
  if (fields.length === 1) return rates[0]!.rate;
  return rates
    .slice(0, 3)
    .map((r) => `${r.name} ${r.rate}`)
    .join(' ');
}

/** The sum over CPUs of every value field: one number for a scalar value, else `{field: sum, ...}`. */
export function sumText(w: MapViewWindow, i: number, codec: ViewCodec): string {
  const { perCpu } = codec;
  if (!perCpu) return '';
  const fields = codec.value.fields;
  if (fields.length === 0) return '—';
  const sums = fields.map(
    (f) => [f.path, String(sumOverCpus(w.values, i * w.valueSize, f, perCpu.cpus, perCpu.slot))] as const,
  );
  if (fields.length === 1 && fields[0]!.size === codec.value.size) return sums[0]![1];
  return `{${sums.map(([p, v]) => `${p}: ${v}`).join(', ')}}`;
}

export function decodeRow(w: MapViewWindow, i: number, codec: ViewCodec): RowView {
  const keyBytes = w.keys.subarray(i * w.keySize, (i + 1) * w.keySize);
  const valueBytes = w.values.subarray(i * w.valueSize, (i + 1) * w.valueSize);
  const key: CellView = { text: safeText(codec.key, w.keys, i * w.keySize), hex: spacedHex(keyBytes) };
  const rate = rateText(w, i, codec);
  let values: CellView[];
  if (codec.perCpu) {
    const { cpus, slot } = codec.perCpu;
    values = Array.from({ length: cpus }, (_, c) => ({
      text: safeText(codec.value, w.values, i * w.valueSize + c * slot),
      hex: spacedHex(valueBytes.subarray(c * slot, c * slot + codec.value.size)),
    }));
    values.push({ text: sumText(w, i, codec), hex: spacedHex(valueBytes), ...(rate ? { rate } : {}) });
  } else {
    values = [
      { text: safeText(codec.value, w.values, i * w.valueSize), hex: spacedHex(valueBytes), ...(rate ? { rate } : {}) },
    ];
  }
  return { index: w.offset + i, changed: w.changed[i] === 1, key, values, keyBytes, valueBytes };
}

const cache = new WeakMap<MapViewWindow, WeakMap<ViewCodec, Map<number, RowView>>>();

/** Row `index` of the view from the window holding it (decoded once per window and codec), or null. */
export function rowAt(w: MapViewWindow | null, index: number, codec: ViewCodec): RowView | null {
  if (!w || index < w.offset || index >= w.offset + w.count) return null;
  let byCodec = cache.get(w);
  if (!byCodec) cache.set(w, (byCodec = new WeakMap()));
  let rows = byCodec.get(codec);
  if (!rows) byCodec.set(codec, (rows = new Map()));
  let row = rows.get(index);
  if (!row) rows.set(index, (row = decodeRow(w, index - w.offset, codec)));
  return row;
}
