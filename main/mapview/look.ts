// What changed since the user last looked (the view opened, or they marked it seen): each row's row in the
// snapshot of that moment, whether it changed or appeared since, when it last changed, and the rows that
// vanished. Carried from snapshot to snapshot through the diff's prevIndex, so no refresh re-hashes the baseline.
import { MAX_GONE_ROWS } from '../../shared/mapview.js';

import { keyIdFn, type RowDiff } from './diff.js';
import type { PackedRows } from './numeric.js';
import type { Slicer } from './slicer.js';

/** Rows handled between two checks of the time slice. */
const CHUNK = 16_384;

export const SAME = 0;
export const CHANGED = 1;
export const ADDED = 2;

interface GoneRow {
  key: Uint8Array;
  value: Uint8Array;
  atMs: number;
}

export interface LookState {
  /** Wall time of the last look. */
  atMs: number;
  /** Values of the snapshot taken at the last look (valueSize per row). */
  baseValues: Uint8Array;
  /** Row of the look's snapshot holding the same key, or -1 for rows that appeared since. */
  baseIndex: Int32Array;
  /** SAME / CHANGED / ADDED per row. */
  marks: Uint8Array;
  /** performance.now() of each row's last change or appearance (-Infinity: not since the view opened). */
  changedAt: Float64Array;
  changed: number;
  added: number;
  /** Newest last, keyed by key id; at most MAX_GONE_ROWS kept. */
  gone: Map<number | string, GoneRow>;
  goneTotal: number;
}

/** The look at a snapshot: nothing changed, nothing gone. */
export function lookAt(rows: PackedRows, prior?: LookState): LookState {
  const n = rows.count;
  const baseIndex = new Int32Array(n);
  for (let i = 0; i < n; i++) baseIndex[i] = i;
  return {
    atMs: Date.now(),
    baseValues: rows.values,
    baseIndex,
    marks: new Uint8Array(n),
    // Marking seen keeps when rows last changed: "changed in the last N s" does not restart.
    changedAt: prior && prior.changedAt.length === n ? prior.changedAt : new Float64Array(n).fill(-Infinity),
    changed: 0,
    added: 0,
    gone: new Map(),
    goneTotal: 0,
  };
}

/** The common case, the same keys in the same order: copies of the marks with the changed rows updated. */
function carrySameOrder(look: LookState, diff: RowDiff, nowMs: number): LookState {
  if (diff.changedCount === 0) return look;
  const marks = look.marks.slice();
  const changedAt = look.changedAt.slice();
  let changed = look.changed;
  const n = diff.changed.length;
  for (let i = 0; i < n; i++) {
    if (diff.changed[i] !== 1) continue;
    changedAt[i] = nowMs;
    if (marks[i] === SAME) {
      marks[i] = CHANGED;
      changed++;
    }
  }
  return { ...look, marks, changedAt, changed };
}

/** The look carried to a new snapshot `rows`, diffed against the previous one `prev`. */
export async function carryLook(
  look: LookState,
  prev: PackedRows,
  rows: PackedRows,
  diff: RowDiff,
  nowMs: number,
  slicer: Slicer,
): Promise<LookState> {
  if (diff.sameOrder) return carrySameOrder(look, diff, nowMs);
  const n = rows.count;
  const baseIndex = new Int32Array(n);
  const marks = new Uint8Array(n);
  const changedAt = new Float64Array(n);
  const referenced = new Uint8Array(prev.count);
  const gone = new Map(look.gone);
  let goneTotal = look.goneTotal;
  let changed = 0;
  let added = 0;
  const curId = keyIdFn(rows);
  const { prevIndex, changed: diffChanged } = diff;
  // Plain loops over chunks of rows, the slice checked between chunks: a million rows in a few ms.
  for (let lo = 0; lo < n; lo += CHUNK) {
    const hi = Math.min(n, lo + CHUNK);
    for (let i = lo; i < hi; i++) {
      const p = prevIndex[i]!;
      let m: number;
      if (p >= 0) {
        referenced[p] = 1;
        baseIndex[i] = look.baseIndex[p]!;
        const moved = diffChanged[i] === 1;
        changedAt[i] = moved ? nowMs : look.changedAt[p]!;
        m = look.marks[p]!;
        if (m === SAME && moved) m = CHANGED;
      } else {
        baseIndex[i] = -1;
        changedAt[i] = nowMs;
        m = ADDED;
        // A row that comes back is no longer gone.
        if (gone.size > 0 && gone.delete(curId(i))) goneTotal--;
      }
      marks[i] = m;
      if (m === CHANGED) changed++;
      else if (m === ADDED) added++;
    }
    if (slicer.dueNow()) await slicer.pause();
  }
  const prevId = keyIdFn(prev);
  const wall = Date.now();
  for (let lo = 0; lo < prev.count; lo += CHUNK) {
    const hi = Math.min(prev.count, lo + CHUNK);
    for (let p = lo; p < hi; p++) {
      if (referenced[p]) continue;
      goneTotal++;
      const id = prevId(p);
      gone.delete(id);
      gone.set(id, {
        key: prev.keys.slice(p * prev.keySize, (p + 1) * prev.keySize),
        value: prev.values.slice(p * prev.valueSize, (p + 1) * prev.valueSize),
        atMs: wall,
      });
      if (gone.size > MAX_GONE_ROWS) gone.delete(gone.keys().next().value!);
    }
    if (slicer.dueNow()) await slicer.pause();
  }
  return { ...look, baseIndex, marks, changedAt, changed, added, gone, goneTotal };
}
