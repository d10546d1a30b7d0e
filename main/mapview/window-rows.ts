// The per-row arrays of one map-view window. A window is asked for on every scroll and for every row of a full
// read, so rows are copied with plain byte loops (no subarray per row) and the common cases skip work entirely.
import type { RowDiff } from './diff.js';
import { changedIn, type LiveRows, ratedIn } from './live.js';
import { CHANGED, type LookState, SAME } from './look.js';
import type { PackedRows } from './numeric.js';
import { borrowedWindowRows } from './window-borrow.js';

export interface WindowSource {
  rows: PackedRows;
  prevRows: PackedRows | null;
  diff: RowDiff | null;
  order: Uint32Array | null;
  look: LookState | null;
  live: LiveRows;
  tick: number;
}

export interface WindowRows {
  keys: Uint8Array;
  values: Uint8Array;
  prevValues: Uint8Array;
  changed: Uint8Array;
  /** 1 per changed row whose previous value was read one refresh before (see MapViewWindow.rated). */
  rated: Uint8Array;
  baseValues: Uint8Array;
  sinceLook: Uint8Array;
  vanished: Uint8Array;
}

/** Copies `size` bytes; a loop beats subarray + set for the small keys and values most maps have. */
function copy(dst: Uint8Array, at: number, src: Uint8Array, from: number, size: number): void {
  if (size > 32) {
    dst.set(src.subarray(from, from + size), at);
    return;
  }
  for (let b = 0; b < size; b++) dst[at + b] = src[from + b] as number;
}

function sameAt(a: Uint8Array, b: Uint8Array, from: number): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[from + i]) return false;
  return true;
}

/**
 * Rows start .. start+n of the view, in view order, with their change marks. With `borrow` (a reply serialized at
 * once) the arrays may be views on the source's rows and on a shared zero buffer: read them, never write them.
 */
export function windowRows(src: WindowSource, start: number, n: number, borrow = false): WindowRows {
  const borrowed = borrow ? borrowedWindowRows(src, start, n) : null;
  if (borrowed) return borrowed;
  const { rows, order, diff, prevRows, look, live, tick } = src;
  const { keySize: ks, valueSize: vs } = rows;
  const out: WindowRows = {
    keys: new Uint8Array(n * ks),
    values: new Uint8Array(n * vs),
    prevValues: new Uint8Array(n * vs),
    changed: new Uint8Array(n),
    rated: new Uint8Array(n),
    baseValues: new Uint8Array(n * vs),
    sinceLook: new Uint8Array(n),
    vanished: new Uint8Array(n),
  };
  const hasLive = live.size > 0;
  for (let i = 0; i < n; i++) {
    const r = order ? (order[start + i] as number) : start + i;
    copy(out.keys, i * ks, rows.keys, r * ks, ks);
    const l = hasLive ? live.get(r) : undefined;
    if (l?.value) out.values.set(l.value, i * vs);
    else copy(out.values, i * vs, rows.values, r * vs, vs);
    if (l) out.vanished[i] = l.value === null ? 1 : 0;
    if (tick > 0) {
      // After a tick the scan's change marks are old news: only the latest tick's lookups count.
      const moved = hasLive && changedIn(live, r, tick);
      if (moved && l) out.prevValues.set(l.prev, i * vs);
      else copy(out.prevValues, i * vs, out.values, i * vs, vs);
      out.changed[i] = moved ? 1 : 0;
      out.rated[i] = moved && ratedIn(live, r, tick) ? 1 : 0;
    } else if (diff) {
      const p = diff.prevIndex[r] as number;
      if (p >= 0 && prevRows) copy(out.prevValues, i * vs, prevRows.values, p * vs, vs);
      out.changed[i] = diff.changed[r] as number;
      // A row new to this scan has no previous value to measure a rate against.
      out.rated[i] = out.changed[i] && p >= 0 ? 1 : 0;
    }
    if (look) {
      const b = look.baseIndex[r] as number;
      if (b >= 0) copy(out.baseValues, i * vs, look.baseValues, b * vs, vs);
      let mark = look.marks[r] as number;
      if (mark === SAME && l?.value && b >= 0 && !sameAt(l.value, look.baseValues, b * vs)) mark = CHANGED;
      out.sinceLook[i] = mark;
    } else {
      copy(out.baseValues, i * vs, out.values, i * vs, vs);
    }
  }
  return out;
}
