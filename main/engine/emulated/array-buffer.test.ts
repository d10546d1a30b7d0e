// Array maps keep their values in large buffers: no JS object per element, and every index still answers.
import { describe, expect, it } from 'vitest';

import { uintToLe } from '../../../shared/bpf/hex.js';

import { createEmulatedEngine } from './index.js';

const ENTRIES = 4_000_000;

describe('array maps in one buffer', () => {
  it('creating a 4M-entry array grows the JS heap by far less than one object per element', async () => {
    const e = createEmulatedEngine({ demo: false, traffic: false, possibleCpus: 2 });
    const before = process.memoryUsage().heapUsed;
    const h = await e.createMap({
      type: 'array',
      name: 'big',
      keySize: 4,
      valueSize: 8,
      maxEntries: ENTRIES,
      flags: [],
    });
    // One small object per element would be >= 4M * 16 bytes = 64 MB of heap.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(16 * 2 ** 20);
    await e.mapUpdate(h.handle, uintToLe(ENTRIES - 1, 4), uintToLe(0x0102030405n, 8), 'any');
    expect(await e.mapLookup(h.handle, uintToLe(ENTRIES - 1, 4))).toEqual(uintToLe(0x0102030405n, 8));
    expect(await e.mapLookup(h.handle, uintToLe(ENTRIES - 2, 4))).toEqual(new Uint8Array(8));
    await expect(e.mapLookup(h.handle, uintToLe(ENTRIES, 4))).rejects.toMatchObject({ code: 'ENOENT' });
    const dump = await e.mapDump(h.handle, 3);
    expect(dump.truncated).toBe(true);
    expect(dump.entries.map((x) => x.key)).toEqual([0, 1, 2].map((i) => uintToLe(i, 4)));
    await e.dispose();
  });

  it('a per-CPU array keeps each index apart across its CPUs', async () => {
    const e = createEmulatedEngine({ demo: false, traffic: false, possibleCpus: 2 });
    const h = await e.createMap({
      type: 'percpu_array',
      name: 'pc',
      keySize: 4,
      valueSize: 4,
      maxEntries: 3,
      flags: [],
    });
    const v = new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0]);
    await e.mapUpdate(h.handle, uintToLe(1, 4), v, 'any');
    expect(await e.mapLookup(h.handle, uintToLe(1, 4))).toEqual(v);
    expect(await e.mapLookup(h.handle, uintToLe(2, 4))).toEqual(new Uint8Array(16));
    await e.dispose();
  });
});
