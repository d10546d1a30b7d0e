// A snapshot engine reads in batches but refuses every batch command that would change entries.
import { describe, expect, it } from 'vitest';

import { createEmulatedEngine } from '../engine/emulated/index.js';
import { readOnlyEngine } from './read-only.js';

describe('readOnlyEngine and batch commands', () => {
  it('lets batch lookups through and refuses batch updates, deletes and lookup-and-deletes with EROFS', async () => {
    const live = createEmulatedEngine({ demo: false, traffic: false });
    const h = await live.createMap({ type: 'hash', name: 'h', keySize: 4, valueSize: 4, maxEntries: 4, flags: [] });
    const key = new Uint8Array([1, 0, 0, 0]);
    await live.mapUpdate(h.handle, key, new Uint8Array([7, 0, 0, 0]), 'any');
    const snap = readOnlyEngine(live, 'web-7');
    const read = await snap.mapBatch(h.handle, { op: 'lookup', count: 8 });
    expect(read.keys).toEqual([key]);
    for (const op of ['update', 'delete', 'lookup_and_delete'] as const) {
      const req = { op, count: 1, keys: [key], values: [new Uint8Array(4)] };
      await expect(snap.mapBatch(h.handle, req)).rejects.toMatchObject({ code: 'EROFS' });
    }
    expect((await live.mapBatch(h.handle, { op: 'lookup', count: 8 })).values).toEqual([new Uint8Array([7, 0, 0, 0])]);
    await live.dispose();
  });
});
