// The view order of a snapshot: rows that pass every filter, sorted. Sliced so a million rows never block main.
import { BpfError } from '../../shared/errors.js';
import type { CompareOp, FilterSpec, SortSpec } from '../../shared/mapview.js';

import { type LookState, SAME } from './look.js';
import { fieldReader, type PackedRows } from './numeric.js';
import { type Slicer, sortSliced } from './slicer.js';

export interface PerCpu {
  cpus: number;
  slotSize: number;
}

/** What filters on time and change read besides the rows: the look, and the clocks at the snapshot. */
export interface FilterContext {
  look: LookState | null;
  /** performance.now() at the snapshot. */
  nowMs: number;
  /** The engine's CLOCK_MONOTONIC (ns) at the snapshot. */
  monoNowNs: number;
}

const COMPARE: Record<CompareOp, (x: number, v: number) => boolean> = {
  '<': (x, v) => x < v,
  '<=': (x, v) => x <= v,
  '==': (x, v) => x === v,
  '!=': (x, v) => x !== v,
  '>=': (x, v) => x >= v,
  '>': (x, v) => x > v,
};

/** Bytes [at, at + size) of `bytes` against `want`, lexicographically: <0, 0, >0. */
function bytesCompare(bytes: Uint8Array, at: number, want: Uint8Array): number {
  for (let k = 0; k < want.length; k++) {
    const d = (bytes[at + k] ?? 0) - (want[k] as number);
    if (d !== 0) return d;
  }
  return 0;
}

function byteRange(rows: PackedRows, part: 'key' | 'value', offset: number, size: number) {
  const stride = part === 'key' ? rows.keySize : rows.valueSize;
  if (offset + size > stride) {
    throw new BpfError('EINVAL', `Bytes ${offset}..${offset + size} lie outside the ${part} (${stride} bytes).`, {
      hint: 'Pick a column of this map; its layout may have changed.',
    });
  }
  return { bytes: part === 'key' ? rows.keys : rows.values, stride };
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hexOf(bytes: Uint8Array, from: number, size: number): string {
  let s = '';
  for (let k = 0; k < size; k++) s += HEX[bytes[from + k] as number];
  return s;
}

/** A decimal, negative or 0x literal as a number; EINVAL otherwise. */
export function parseNumber(text: string): number {
  const t = text.trim();
  const n = /^-?0x[0-9a-f]+$/i.test(t) ? (t.startsWith('-') ? -Number(t.slice(1)) : Number(t)) : Number(t);
  if (t === '' || Number.isNaN(n)) {
    throw new BpfError('EINVAL', `The filter value "${text}" is not a number.`, {
      hint: 'Use a decimal like 42 or -1.5, or hex like 0x2a.',
    });
  }
  return n;
}

function rowTest(rows: PackedRows, f: FilterSpec, perCpu: PerCpu | null, ctx: FilterContext): (i: number) => boolean {
  const { keySize, valueSize, keys, values } = rows;
  switch (f.kind) {
    case 'keyPrefix': {
      const want = f.hex.toLowerCase();
      return (i) => hexOf(keys, i * keySize, Math.min(keySize, Math.ceil(want.length / 2))).startsWith(want);
    }
    case 'hex': {
      const want = f.text.toLowerCase().replace(/\s+/g, '');
      const part = f.part ?? 'both';
      return (i) =>
        (part !== 'value' && hexOf(keys, i * keySize, keySize).includes(want)) ||
        (part !== 'key' && hexOf(values, i * valueSize, valueSize).includes(want));
    }
    case 'compare': {
      const read = fieldReader(rows, f.field, perCpu, f.cpu);
      const v = parseNumber(f.value);
      const cmp = COMPARE[f.op];
      return (i) => cmp(read(i), v);
    }
    case 'age': {
      const read = fieldReader(rows, f.field, perCpu, f.cpu);
      const v = parseNumber(f.ns);
      const cmp = COMPARE[f.op];
      const now = ctx.monoNowNs;
      // 0 is a timestamp never set: it has no age, and matches no age filter.
      return (i) => {
        const t = read(i);
        return t !== 0 && cmp(now - t, v);
      };
    }
    case 'bytes': {
      const { bytes, stride } = byteRange(rows, f.part, f.offset, f.size);
      const want = Uint8Array.from(f.hex.match(/../g) ?? [], (h) => parseInt(h, 16));
      if (want.length !== f.size) {
        throw new BpfError('EINVAL', `The filter compares ${f.size} bytes with ${want.length} bytes of hex.`, {
          hint: 'Give as many hex bytes as the filter covers.',
        });
      }
      const cmp = COMPARE[f.op];
      return (i) => cmp(bytesCompare(bytes, i * stride + f.offset, want), 0);
    }
    case 'changed': {
      const look = ctx.look;
      if (!look) return () => false;
      if (f.withinMs === undefined) return (i) => look.marks[i] !== SAME;
      const since = ctx.nowMs - f.withinMs;
      return (i) => (look.changedAt[i] as number) >= since;
    }
  }
}

async function rowCompare(
  rows: PackedRows,
  sort: SortSpec,
  perCpu: PerCpu | null,
  slicer: Slicer,
): Promise<(a: number, b: number) => number> {
  const { keySize, keys } = rows;
  const bytesCmp = (a: number, b: number): number => {
    for (let k = 0; k < keySize; k++) {
      const d = (keys[a * keySize + k] as number) - (keys[b * keySize + k] as number);
      if (d !== 0) return d;
    }
    return 0;
  };
  const sign = sort.dir === 'desc' ? -1 : 1;
  if (sort.by === 'key') return (a, b) => sign * bytesCmp(a, b) || a - b;
  if (sort.by === 'bytes') {
    const { bytes, stride } = byteRange(rows, sort.part, sort.offset, sort.size);
    const { offset, size } = sort;
    return (a, b) => {
      for (let k = 0; k < size; k++) {
        const d = (bytes[a * stride + offset + k] as number) - (bytes[b * stride + offset + k] as number);
        if (d !== 0) return sign * d;
      }
      return bytesCmp(a, b) || a - b;
    };
  }
  const read = fieldReader(rows, sort.field, perCpu, sort.cpu);
  // One read per row up front: the merge sort compares each row ~log2(n) times.
  const cache = new Float64Array(rows.count);
  for (let i = 0; i < rows.count; i++) {
    cache[i] = read(i);
    if (slicer.due()) await slicer.pause();
  }
  return (a, b) => {
    const x = cache[a] as number;
    const y = cache[b] as number;
    return sign * (x < y ? -1 : x > y ? 1 : 0) || bytesCmp(a, b) || a - b;
  };
}

/** Row indices in view order, or null when the view is every row in snapshot order. */
export async function viewOrder(
  rows: PackedRows,
  filters: FilterSpec[],
  sort: SortSpec | null,
  perCpu: PerCpu | null,
  slicer: Slicer,
  ctx: FilterContext = { look: null, nowMs: 0, monoNowNs: 0 },
): Promise<Uint32Array | null> {
  if (filters.length === 0 && !sort) return null;
  let order: Uint32Array;
  if (filters.length === 0) {
    order = new Uint32Array(rows.count);
    for (let i = 0; i < rows.count; i++) order[i] = i;
  } else {
    const tests = filters.map((f) => rowTest(rows, f, perCpu, ctx));
    const kept = new Uint32Array(rows.count);
    let n = 0;
    for (let i = 0; i < rows.count; i++) {
      if (tests.every((t) => t(i))) kept[n++] = i;
      if (slicer.due()) await slicer.pause();
    }
    order = kept.slice(0, n);
  }
  return sort ? sortSliced(order, await rowCompare(rows, sort, perCpu, slicer), slicer) : order;
}
