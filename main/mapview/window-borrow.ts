// A window whose arrays are views on the view's own rows instead of copies, for replies the wire codec encodes at
// once (the agent's pipe): the write copies the bytes anyway, so copying them first is work paid twice. Only the common shape qualifies: rows in map order, no tick lookups, and a diff and
// look that keep every row where it was; anything else is built row by row (window-rows.ts).
import { wireZeros } from '../../shared/wire-codec.js';

import type { WindowRows, WindowSource } from './window-rows.js';

function identityOver(index: Int32Array, start: number, n: number): boolean {
  for (let r = start; r < start + n; r++) if (index[r] !== r) return false;
  return true;
}

function noneBefore(index: Int32Array, start: number, n: number): boolean {
  for (let r = start; r < start + n; r++) if (index[r] !== -1) return false;
  return true;
}

type Previous = Pick<WindowRows, 'prevValues' | 'changed' | 'rated'>;

/** The rows' previous values and change marks as views, or null when they must be gathered row by row. */
function previous(src: WindowSource, start: number, n: number, values: Uint8Array): Previous | null {
  const { diff, prevRows, tick } = src;
  const vs = src.rows.valueSize;
  // After a tick with nothing looked up every row is unchanged since the scan.
  if (tick > 0) return { prevValues: values, changed: wireZeros(n), rated: wireZeros(n) };
  const none = { prevValues: wireZeros(n * vs), changed: wireZeros(n), rated: wireZeros(n) };
  if (diff === null) return none;
  if (diff.sameOrder) {
    const changed = diff.changed.subarray(start, start + n);
    const prevValues = prevRows ? prevRows.values.subarray(start * vs, (start + n) * vs) : none.prevValues;
    // Every row kept its place, so each changed row has a previous value to rate against.
    return { prevValues, changed, rated: changed };
  }
  // The first scan: a diff against nothing, every row new and none marked.
  return diff.changedCount === 0 && noneBefore(diff.prevIndex, start, n) ? none : null;
}

/** Rows start .. start+n as views on the source, or null when they cannot be served without copying. */
export function borrowedWindowRows(src: WindowSource, start: number, n: number): WindowRows | null {
  const { rows, order, look, live } = src;
  if (order !== null || live.size > 0) return null;
  if (look && !identityOver(look.baseIndex, start, n)) return null;
  const ks = rows.keySize;
  const vs = rows.valueSize;
  const values = rows.values.subarray(start * vs, (start + n) * vs);
  const prev = previous(src, start, n, values);
  if (!prev) return null;
  return {
    keys: rows.keys.subarray(start * ks, (start + n) * ks),
    values,
    ...prev,
    baseValues: look ? look.baseValues.subarray(start * vs, (start + n) * vs) : values,
    sinceLook: look ? look.marks.subarray(start, start + n) : wireZeros(n),
    vanished: wireZeros(n),
  };
}
