// What changed between two snapshots: for each current row, its row in the previous snapshot (-1: new) and
// whether its value differs. Unchanged key order (the common case for arrays and stable hashes) is one memcmp
// of the keys plus word compares of the values; otherwise a key -> row map of the previous snapshot.
import type { PackedRows } from './numeric.js';
import type { Slicer } from './slicer.js';

export interface RowDiff {
  /** Row of the previous snapshot holding the same key, or -1. */
  prevIndex: Int32Array;
  changed: Uint8Array;
  changedCount: number;
  /** Both snapshots hold the same keys in the same order: row i was row i (prevIndex is the identity). */
  sameOrder: boolean;
}

/** Rows compared by one memcmp in the same-order case; small enough that a chunk stays well under a slice. */
const DIFF_CHUNK = 256;

const buf = (a: Uint8Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** A Map key for key bytes: a number for keys up to 6 bytes, else a latin1 string. */
export function keyIdFn(rows: PackedRows): (i: number) => number | string {
  const { keySize } = rows;
  const keys = buf(rows.keys);
  if (keySize <= 6 && keySize > 0) return (i) => keys.readUIntLE(i * keySize, keySize);
  return (i) => keys.toString('latin1', i * keySize, (i + 1) * keySize);
}

function valueEqualFn(prev: PackedRows, cur: PackedRows): (a: number, b: number) => boolean {
  const size = cur.valueSize;
  const aligned = size % 4 === 0 && prev.values.byteOffset % 4 === 0 && cur.values.byteOffset % 4 === 0;
  if (aligned) {
    const p = new Uint32Array(prev.values.buffer, prev.values.byteOffset, prev.values.byteLength / 4);
    const c = new Uint32Array(cur.values.buffer, cur.values.byteOffset, cur.values.byteLength / 4);
    const words = size / 4;
    return (a, b) => {
      const pa = a * words;
      const cb = b * words;
      for (let w = 0; w < words; w++) if (p[pa + w] !== c[cb + w]) return false;
      return true;
    };
  }
  const p = prev.values;
  const c = cur.values;
  return (a, b) => {
    for (let k = 0; k < size; k++) if (p[a * size + k] !== c[b * size + k]) return false;
    return true;
  };
}

export async function diffRows(prev: PackedRows | null, cur: PackedRows, slicer: Slicer): Promise<RowDiff> {
  const n = cur.count;
  const prevIndex = new Int32Array(n).fill(-1);
  const changed = new Uint8Array(n);
  if (!prev || prev.keySize !== cur.keySize || prev.valueSize !== cur.valueSize)
    return { prevIndex, changed, changedCount: 0, sameOrder: false };
  const same = valueEqualFn(prev, cur);
  let changedCount = 0;
  const sameOrder = prev.count === n && buf(prev.keys).equals(buf(cur.keys));
  if (sameOrder) {
    // Rows in chunks: one memcmp per chunk, and row compares only inside chunks that differ (few rows move).
    const size = cur.valueSize;
    const pv = buf(prev.values);
    const cv = buf(cur.values);
    for (let lo = 0; lo < n; lo += DIFF_CHUNK) {
      const hi = Math.min(lo + DIFF_CHUNK, n);
      for (let i = lo; i < hi; i++) prevIndex[i] = i;
      if (cv.compare(pv, lo * size, hi * size, lo * size, hi * size) !== 0) {
        for (let i = lo; i < hi; i++) {
          if (!same(i, i)) {
            changed[i] = 1;
            changedCount++;
          }
        }
      }
      if (slicer.dueNow()) await slicer.pause();
    }
    return { prevIndex, changed, changedCount, sameOrder: true };
  }
  const prevId = keyIdFn(prev);
  const byKey = new Map<number | string, number>();
  for (let i = 0; i < prev.count; i++) {
    byKey.set(prevId(i), i);
    if (slicer.due()) await slicer.pause();
  }
  const curId = keyIdFn(cur);
  for (let i = 0; i < n; i++) {
    const j = byKey.get(curId(i));
    if (j === undefined || !same(j, i)) {
      changed[i] = 1;
      changedCount++;
    }
    if (j !== undefined) prevIndex[i] = j;
    if (slicer.due()) await slicer.pause();
  }
  return { prevIndex, changed, changedCount, sameOrder: false };
}
