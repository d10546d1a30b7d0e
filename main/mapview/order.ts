// The view order of a snapshot: rows that pass every filter, sorted. Sliced so a million rows never block main.
import { BpfError } from '../../shared/errors.js';
import type { FilterSpec, SortSpec } from '../../shared/mapview.js';

import { fieldReader, type PackedRows } from './numeric.js';
import { type Slicer, sortSliced } from './slicer.js';

export interface PerCpu {
  cpus: number;
  slotSize: number;
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

function rowTest(rows: PackedRows, f: FilterSpec, perCpu: PerCpu | null): (i: number) => boolean {
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
      const cmp = {
        '<': (x: number) => x < v,
        '<=': (x: number) => x <= v,
        '==': (x: number) => x === v,
        '!=': (x: number) => x !== v,
        '>=': (x: number) => x >= v,
        '>': (x: number) => x > v,
      }[f.op];
      return (i) => cmp(read(i));
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
): Promise<Uint32Array | null> {
  if (filters.length === 0 && !sort) return null;
  let order: Uint32Array;
  if (filters.length === 0) {
    order = new Uint32Array(rows.count);
    for (let i = 0; i < rows.count; i++) order[i] = i;
  } else {
    const tests = filters.map((f) => rowTest(rows, f, perCpu));
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
