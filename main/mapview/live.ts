// Between full scans: the rows on screen read again by key (one BPF_MAP_LOOKUP_ELEM each), laid over the rows of
// the last full scan. A key whose lookup says ENOENT is kept, marked vanished, until the next full scan drops it.
import type { PinStore } from '../../shared/engine.js';
import { isBpfError } from '../../shared/errors.js';

import type { PackedRows } from './numeric.js';

/** Rows read per tick at most: a screenful with overscan, never a whole map. */
export const MAX_LIVE_ROWS = 1000;

export interface LiveRow {
  /** The value the lookup returned; null when the key was gone (ENOENT). */
  value: Uint8Array | null;
  /** The value before this row's last lookup (the scan's, or the previous lookup's). */
  prev: Uint8Array;
  /** The tick that read it: change marks belong to the latest tick only. */
  tick: number;
  /** The tick that read `prev` (0: the full scan); a rate needs it to be the tick just before. */
  prevTick: number;
}

/** Row index (in the scan) -> its newest read since that scan. */
export type LiveRows = ReadonlyMap<number, LiveRow>;

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** The value of scan row `r` as last read: the lookup's when there was one, else the scan's. */
export function valueOf(rows: PackedRows, live: LiveRows, r: number): Uint8Array {
  const v = live.get(r)?.value;
  return v ?? rows.values.subarray(r * rows.valueSize, (r + 1) * rows.valueSize);
}

/** Whether row `r` changed in tick `tick` (its lookup returned other bytes than the value shown before). */
export function changedIn(live: LiveRows, r: number, tick: number): boolean {
  const l = live.get(r);
  return l !== undefined && l.tick === tick && l.value !== null && !sameBytes(l.value, l.prev);
}

/** Whether row `r`'s change in tick `tick` spans exactly one refresh interval, so a per-second rate holds: not for
 * a row first read in this tick (newly on screen), whose previous value is the older full scan's. */
export function ratedIn(live: LiveRows, r: number, tick: number): boolean {
  return changedIn(live, r, tick) && live.get(r)?.prevTick === tick - 1;
}

/** Looks up the keys of scan rows `which` and returns the overlay with their new values. */
export async function readRows(
  engine: PinStore,
  handle: number,
  rows: PackedRows,
  which: readonly number[],
  prior: LiveRows,
  tick: number,
): Promise<LiveRows> {
  const { keySize, valueSize } = rows;
  const read = await Promise.all(
    which.map((r) =>
      engine.mapLookup(handle, rows.keys.slice(r * keySize, (r + 1) * keySize)).then(
        (v) => v.slice(0, valueSize),
        (e: unknown) => {
          if (isBpfError(e) && e.code === 'ENOENT') return null;
          throw e;
        },
      ),
    ),
  );
  const next = new Map(prior);
  which.forEach((r, i) => {
    const before = prior.get(r);
    next.set(r, { value: read[i] ?? null, prev: valueOf(rows, prior, r).slice(), tick, prevTick: before?.tick ?? 0 });
  });
  return next;
}
