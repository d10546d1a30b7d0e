// LRU eviction and ZERO_SEED iteration order as the kernel answers them (the same cases run against the kernel
// in conformance/scenarios/lru-* and iter-*; these keep the model honest where no kernel is at hand).
import { describe, expect, it } from 'vitest';

import { leUint, uintToLe } from '../../../shared/bpf/hex.js';
import type { MapSpec, PinStore } from '../../../shared/engine.js';

import { createEmulatedEngine } from './index.js';

const fresh = async (): Promise<PinStore> => createEmulatedEngine({ demo: false, traffic: false, possibleCpus: 2 });
const k = (n: number): Uint8Array => uintToLe(n, 4);
const spec = (type: MapSpec['type'], maxEntries: number, flags: MapSpec['flags'] = []): MapSpec => ({
  type,
  name: 'm',
  keySize: 4,
  valueSize: 8,
  maxEntries,
  flags,
});

async function keysAfter(type: MapSpec['type'], max: number, inserts: number, flags: MapSpec['flags'] = []) {
  const e = await fresh();
  const m = await e.createMap(spec(type, max, flags));
  const value = new Uint8Array(type === 'lru_percpu_hash' ? 16 : 8);
  for (let i = 0; i < inserts; i++) await e.mapUpdate(m.handle, k(i), value, 'any');
  const { entries } = await e.mapDump(m.handle);
  return { e, m, keys: entries.map((x) => Number(leUint(x.key))) };
}

describe('LRU hash eviction', () => {
  it('refills target_free nodes at a time, so a full map of 8 on 2 CPUs loses two keys at once', async () => {
    const { keys } = await keysAfter('lru_hash', 8, 9);
    expect(keys.sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });

  it('takes a node before looking at the flags: EXIST on the oldest key evicts it, then fails', async () => {
    const { e, m } = await keysAfter('lru_hash', 2, 2);
    await expect(e.mapUpdate(m.handle, k(0), new Uint8Array(8), 'exist')).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(e.mapLookup(m.handle, k(0))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('with NO_COMMON_LRU uses only this CPU list: half of max_entries on 2 CPUs', async () => {
    const { keys } = await keysAfter('lru_hash', 4, 4, ['no_common_lru']);
    expect(keys.sort((a, b) => a - b)).toEqual([2, 3]);
  });

  it('per-CPU values: an EXIST update of a full map takes no node and evicts nothing', async () => {
    const { e, m } = await keysAfter('lru_percpu_hash', 2, 2);
    await e.mapUpdate(m.handle, k(0), new Uint8Array(16), 'exist');
    expect((await e.mapDump(m.handle)).entries).toHaveLength(2);
  });
});

describe('ZERO_SEED hash iteration order', () => {
  it('walks jhash buckets in order, as the kernel does for keys 0..9 in 16 buckets', async () => {
    const { keys } = await keysAfter('hash', 16, 10, ['zero_seed']);
    expect(keys).toEqual([4, 5, 0, 7, 2, 1, 8, 9, 6, 3]);
  });
});
