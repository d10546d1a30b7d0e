import { describe, expect, it } from 'vitest';

import { decodeFrame, encodeFrame } from '../../shared/wire-codec.js';

import { diffRows } from './diff.js';
import type { LiveRows } from './live.js';
import { carryLook, lookAt } from './look.js';
import type { PackedRows } from './numeric.js';
import { Slicer } from './slicer.js';
import { borrowedWindowRows } from './window-borrow.js';
import { type WindowSource, windowRows } from './window-rows.js';

const KS = 4;
const VS = 8;

/** Keys 0..n-1 in order; value of key k is f(k) as a little-endian u64. */
function packed(n: number, f: (k: number) => number, keys?: number[]): PackedRows {
  const ks = keys ?? Array.from({ length: n }, (_, i) => i);
  const out: PackedRows = {
    count: ks.length,
    keySize: KS,
    valueSize: VS,
    keys: new Uint8Array(ks.length * KS),
    values: new Uint8Array(ks.length * VS),
  };
  const kv = new DataView(out.keys.buffer);
  const vv = new DataView(out.values.buffer);
  ks.forEach((k, i) => {
    kv.setUint32(i * KS, k, true);
    vv.setBigUint64(i * VS, BigInt(f(k)), true);
  });
  return out;
}

const NO_LIVE: LiveRows = new Map();
const base = (rows: PackedRows): WindowSource => ({
  rows,
  prevRows: null,
  diff: null,
  order: null,
  look: null,
  live: NO_LIVE,
  tick: 0,
});

/** What a client receives: the window's arrays after one trip through the wire codec. */
function overTheWire(src: WindowSource, start: number, n: number, borrow: boolean): unknown {
  return decodeFrame(encodeFrame(windowRows(src, start, n, borrow)));
}

async function shapes(): Promise<[string, WindowSource][]> {
  const first = packed(300, (k) => k * 3);
  const second = packed(300, (k) => (k % 7 === 0 ? k * 5 : k * 3));
  const slicer = new Slicer();
  const diff = await diffRows(first, second, slicer);
  const look = lookAt(first);
  const carried = await carryLook(look, first, second, diff, Date.now(), slicer);
  const reordered = packed(300, (k) => k, [...Array.from({ length: 300 }, (_, i) => 299 - i)]);
  const moved = await diffRows(first, reordered, slicer);
  const fromNothing = await diffRows(null, first, slicer);
  return [
    ['the first read', base(first)],
    ['the first read, looked at', { ...base(first), look }],
    ['the first read, diffed against nothing', { ...base(first), diff: fromNothing, look }],
    ['a second read in the same order', { ...base(second), prevRows: first, diff }],
    ['a second read with the look carried', { ...base(second), prevRows: first, diff, look: carried }],
    ['a tick that looked nothing up', { ...base(second), prevRows: first, diff, look: carried, tick: 2 }],
    ['a read whose rows moved', { ...base(reordered), prevRows: first, diff: moved, look: carried }],
    ['a sorted view', { ...base(second), order: Uint32Array.from({ length: 300 }, (_, i) => 299 - i) }],
  ];
}

describe('windows served in place of copies', () => {
  it('arrive at the client exactly as the copied windows do, in every shape of view', async () => {
    for (const [name, src] of await shapes()) {
      for (const [start, n] of [
        [0, 300],
        [7, 50],
        [299, 1],
        [300, 0],
      ] as const) {
        expect(overTheWire(src, start, n, true), `${name}, rows ${start}+${n}`).toEqual(
          overTheWire(src, start, n, false),
        );
      }
    }
  });

  it('are views on the rows when they can be, and copies when the rows moved or are sorted', async () => {
    const all = new Map(await shapes());
    const first = all.get('the first read') as WindowSource;
    const w = borrowedWindowRows(first, 10, 20);
    expect(w?.keys.buffer).toBe(first.rows.keys.buffer);
    expect(w?.baseValues).toBe(w?.values);
    expect(
      borrowedWindowRows(all.get('the first read, diffed against nothing') as WindowSource, 0, 300),
    ).not.toBeNull();
    expect(borrowedWindowRows(all.get('a second read with the look carried') as WindowSource, 0, 300)).not.toBeNull();
    expect(borrowedWindowRows(all.get('a read whose rows moved') as WindowSource, 0, 10)).toBeNull();
    expect(borrowedWindowRows(all.get('a sorted view') as WindowSource, 0, 10)).toBeNull();
  });
});
