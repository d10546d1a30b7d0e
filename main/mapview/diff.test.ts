// diffRows on snapshots whose keys kept their order (a refresh of a stable map): exactly the rows whose value
// moved are marked, wherever they sit (first row, chunk edges, last row), and an unchanged snapshot marks none.
import { describe, expect, it } from 'vitest';

import { diffRows } from './diff.js';
import type { PackedRows } from './numeric.js';
import { Slicer } from './slicer.js';

function snapshot(n: number, valueOf: (i: number) => number, valueSize = 8): PackedRows {
  const keys = new Uint8Array(n * 4);
  const values = new Uint8Array(n * valueSize);
  const k = new DataView(keys.buffer);
  const v = new DataView(values.buffer);
  for (let i = 0; i < n; i++) {
    k.setUint32(i * 4, i * 7 + 1, true);
    v.setUint32(i * valueSize, valueOf(i), true);
  }
  return { count: n, keySize: 4, valueSize, keys, values };
}

describe('diffRows, keys in the same order', () => {
  const n = 3000;
  const moved = [0, 255, 256, 257, 1023, 2047, 2048, n - 1];

  for (const valueSize of [8, 6]) {
    it(`marks exactly the rows whose ${valueSize}-byte value changed, each at its own row`, async () => {
      const prev = snapshot(n, (i) => i * 3, valueSize);
      const cur = snapshot(n, (i) => (moved.includes(i) ? i * 3 + 1 : i * 3), valueSize);
      const d = await diffRows(prev, cur, new Slicer());
      expect(d.changedCount).toBe(moved.length);
      expect([...d.changed.keys()].filter((i) => d.changed[i] === 1)).toEqual(moved);
      expect(d.prevIndex.every((p, i) => p === i)).toBe(true);
    });
  }

  it('marks nothing when no value moved', async () => {
    const d = await diffRows(
      snapshot(n, (i) => i),
      snapshot(n, (i) => i),
      new Slicer(),
    );
    expect(d.changedCount).toBe(0);
    expect(d.changed.every((c) => c === 0)).toBe(true);
  });

  it('marks a row changed when only a byte past the first word differs', async () => {
    const prev = snapshot(600, (i) => i);
    const cur = snapshot(600, (i) => i);
    cur.values[300 * 8 + 7] = 1;
    const d = await diffRows(prev, cur, new Slicer());
    expect([d.changedCount, d.changed[300]]).toEqual([1, 1]);
  });
});
