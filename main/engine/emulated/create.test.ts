// docs/bpffs-semantics.md §5: BPF_MAP_CREATE, every row of the per-type table and the generic rules.
import { describe, expect, it } from 'vitest';

import { MAP_TYPES, type MapTypeName } from '../../../shared/bpf/types.js';
import type { MapSpec, PinStore } from '../../../shared/engine.js';

import { simpleProgram } from './demo.js';
import { createEmulatedEngine, type EmulatedOptions } from './index.js';

/** A bare engine: no demo tree, no traffic, 2 possible CPUs unless the test says otherwise. */
const fresh = async (o: EmulatedOptions = {}): Promise<PinStore> =>
  createEmulatedEngine({ demo: false, traffic: false, possibleCpus: 2, ...o });

const BASE: Record<string, Omit<MapSpec, 'name' | 'flags'> & { flags?: string[] }> = {
  array: { type: 'array', keySize: 4, valueSize: 4, maxEntries: 4 },
  percpu_array: { type: 'percpu_array', keySize: 4, valueSize: 4, maxEntries: 4 },
  hash: { type: 'hash', keySize: 4, valueSize: 4, maxEntries: 4 },
  percpu_hash: { type: 'percpu_hash', keySize: 4, valueSize: 4, maxEntries: 4 },
  lru_hash: { type: 'lru_hash', keySize: 4, valueSize: 4, maxEntries: 4 },
  lru_percpu_hash: { type: 'lru_percpu_hash', keySize: 4, valueSize: 4, maxEntries: 4 },
  prog_array: { type: 'prog_array', keySize: 4, valueSize: 4, maxEntries: 4 },
  perf_event_array: { type: 'perf_event_array', keySize: 4, valueSize: 4, maxEntries: 4 },
  array_of_maps: { type: 'array_of_maps', keySize: 4, valueSize: 4, maxEntries: 4 },
  hash_of_maps: { type: 'hash_of_maps', keySize: 4, valueSize: 4, maxEntries: 4 },
  ringbuf: { type: 'ringbuf', keySize: 0, valueSize: 0, maxEntries: 4096 },
  queue: { type: 'queue', keySize: 0, valueSize: 4, maxEntries: 4 },
  stack: { type: 'stack', keySize: 0, valueSize: 4, maxEntries: 4 },
  lpm_trie: { type: 'lpm_trie', keySize: 8, valueSize: 4, maxEntries: 4, flags: ['no_prealloc'] },
  bloom_filter: { type: 'bloom_filter', keySize: 0, valueSize: 4, maxEntries: 4 },
};
const MAP_IN_MAP = new Set(['array_of_maps', 'hash_of_maps']);
type Change = Partial<MapSpec>;

/** Creates `type` with `change` applied; map-in-map types get a plain hash as the inner template. */
async function create(e: PinStore, type: string, change: Change = {}) {
  const base = BASE[type]!;
  const spec: MapSpec = { name: 'm', flags: [], ...base, ...change } as MapSpec;
  if (MAP_IN_MAP.has(type) && !('innerHandle' in change)) {
    spec.innerHandle = (
      await e.createMap({ type: 'hash', name: 'tpl', keySize: 4, valueSize: 4, maxEntries: 1, flags: [] })
    ).handle;
  }
  return e.createMap(spec);
}
const outcome = async (type: string, change: Change): Promise<string> => {
  const e = await fresh();
  return create(e, type, change).then(
    () => 'ok',
    (err: { code: string }) => err.code,
  );
};

describe('every modelled type with a valid spec', () => {
  it.each(Object.keys(BASE))('%s: creates a map that reports what was asked', async (type) => {
    const e = await fresh();
    const h = await create(e, type);
    expect(h).toMatchObject({ kind: 'map', type, name: 'm', access: 'rw', origin: 'create' });
    const base = BASE[type]!;
    expect(await e.objectInfo(h.handle)).toMatchObject({
      kind: 'map',
      id: h.id,
      type,
      typeId: MAP_TYPES[type as MapTypeName],
      keySize: base.keySize,
      valueSize: base.valueSize,
      maxEntries: base.maxEntries,
      frozen: false,
    });
  });
});

const ARRAYS = ['array', 'percpu_array'];
const HASHES = ['hash', 'percpu_hash', 'lru_hash', 'lru_percpu_hash'];
const rows: [string, string, Change, string][] = [
  ...ARRAYS.flatMap((t): [string, string, Change, string][] => [
    [t, 'key_size 8', { keySize: 8 }, 'EINVAL'],
    [t, 'key_size 0', { keySize: 0 }, 'EINVAL'],
    [t, 'value_size 0', { valueSize: 0 }, 'EINVAL'],
    [t, 'max_entries 0', { maxEntries: 0 }, 'EINVAL'],
    [t, 'no_prealloc', { flags: ['no_prealloc'] }, 'EINVAL'],
    [t, 'zero_seed', { flags: ['zero_seed'] }, 'EINVAL'],
  ]),
  ['array', 'mmapable', { flags: ['mmapable'] }, 'ok'],
  ['percpu_array', 'mmapable', { flags: ['mmapable'] }, 'EINVAL'],
  ['percpu_array', 'value_size 32768 (round_up 32768)', { valueSize: 32768 }, 'ok'],
  ['percpu_array', 'value_size 32761 (round_up 32768)', { valueSize: 32761 }, 'ok'],
  ['percpu_array', 'value_size 32769 (round_up 32776)', { valueSize: 32769 }, 'E2BIG'],
  ...HASHES.flatMap((t): [string, string, Change, string][] => [
    [t, 'key_size 0', { keySize: 0 }, 'EINVAL'],
    [t, 'value_size 0', { valueSize: 0 }, 'EINVAL'],
    [t, 'max_entries 0', { maxEntries: 0 }, 'EINVAL'],
    [t, 'mmapable', { flags: ['mmapable'] }, 'EINVAL'],
    [t, 'key + value of 4 MiB', { valueSize: 4 << 20 }, 'E2BIG'],
    [
      t,
      'max_entries 2^31 + 1',
      { maxEntries: 2 ** 31 + 1, flags: t.startsWith('lru') ? [] : ['no_prealloc'] },
      'E2BIG',
    ],
  ]),
  ['hash', 'no_common_lru', { flags: ['no_common_lru'] }, 'EINVAL'],
  ['percpu_hash', 'no_common_lru', { flags: ['no_common_lru'] }, 'EINVAL'],
  ['lru_hash', 'no_common_lru', { flags: ['no_common_lru'] }, 'ok'],
  ['lru_percpu_hash', 'no_common_lru', { flags: ['no_common_lru'] }, 'ok'],
  ['hash', 'no_prealloc', { flags: ['no_prealloc'] }, 'ok'],
  ['percpu_hash', 'no_prealloc', { flags: ['no_prealloc'] }, 'ok'],
  ['lru_hash', 'no_prealloc', { flags: ['no_prealloc'] }, 'ENOTSUPP'],
  ['lru_percpu_hash', 'no_prealloc', { flags: ['no_prealloc'] }, 'ENOTSUPP'],
  ['hash', 'zero_seed', { flags: ['zero_seed'] }, 'ok'],
  ['percpu_hash', 'value_size 32768', { valueSize: 32768 }, 'ok'],
  ['percpu_hash', 'value_size 32769', { valueSize: 32769 }, 'E2BIG'],
  ['lru_percpu_hash', 'value_size 32769', { valueSize: 32769 }, 'E2BIG'],
  ['hash', 'value_size 32769 (not per-CPU)', { valueSize: 32769 }, 'ok'],
  ...['prog_array', 'perf_event_array'].flatMap((t): [string, string, Change, string][] => [
    [t, 'value_size 8', { valueSize: 8 }, 'EINVAL'],
    [t, 'key_size 8', { keySize: 8 }, 'EINVAL'],
    [t, 'max_entries 0', { maxEntries: 0 }, 'EINVAL'],
  ]),
  ...['array_of_maps', 'hash_of_maps'].flatMap((t): [string, string, Change, string][] => [
    [t, 'value_size 8', { valueSize: 8 }, 'EINVAL'],
    [t, 'no inner map', { innerHandle: undefined }, 'EINVAL'],
  ]),
  ['array_of_maps', 'key_size 8', { keySize: 8 }, 'EINVAL'],
  ['hash_of_maps', 'key_size 8', { keySize: 8 }, 'ok'],
  ['ringbuf', 'key_size 4', { keySize: 4 }, 'EINVAL'],
  ['ringbuf', 'value_size 4', { valueSize: 4 }, 'EINVAL'],
  ['ringbuf', 'max_entries 8192', { maxEntries: 8192 }, 'ok'],
  ['ringbuf', 'max_entries 12288 (not a power of two)', { maxEntries: 12288 }, 'EINVAL'],
  ['ringbuf', 'max_entries 2048 (below a page)', { maxEntries: 2048 }, 'EINVAL'],
  ['ringbuf', 'max_entries 0', { maxEntries: 0 }, 'EINVAL'],
  ...['queue', 'stack'].flatMap((t): [string, string, Change, string][] => [
    [t, 'key_size 4', { keySize: 4 }, 'EINVAL'],
    [t, 'value_size 0', { valueSize: 0 }, 'EINVAL'],
    [t, 'max_entries 0', { maxEntries: 0 }, 'EINVAL'],
  ]),
  ['lpm_trie', 'without no_prealloc', { flags: [] }, 'EINVAL'],
  ['lpm_trie', 'key_size 4', { keySize: 4 }, 'EINVAL'],
  ['lpm_trie', 'key_size 5', { keySize: 5 }, 'ok'],
  ['lpm_trie', 'key_size 260', { keySize: 260 }, 'ok'],
  ['lpm_trie', 'key_size 261', { keySize: 261 }, 'EINVAL'],
  ['lpm_trie', 'value_size 0', { valueSize: 0 }, 'EINVAL'],
  ['lpm_trie', 'value_size 1', { valueSize: 1 }, 'ok'],
  ['bloom_filter', 'key_size 4', { keySize: 4 }, 'EINVAL'],
  ['bloom_filter', 'map_extra 15', { mapExtra: 15 }, 'ok'],
  ['bloom_filter', 'map_extra 16', { mapExtra: 16 }, 'EINVAL'],
  ['bloom_filter', 'value_size 0', { valueSize: 0 }, 'EINVAL'],
];

describe('per-type rules', () => {
  it.each(rows)('%s with %s: %s', async (type, _what, change, expected) => {
    expect(await outcome(type, change)).toBe(expected);
  });
});

describe('map-in-map inner templates', () => {
  it.each(['array_of_maps', 'hash_of_maps'])(
    '%s refuses a map-in-map as the inner map (one level only)',
    async (type) => {
      const e = await fresh();
      const outer = await create(e, 'array_of_maps');
      await expect(create(e, type, { innerHandle: outer.handle })).rejects.toMatchObject({ code: 'EINVAL' });
    },
  );
  it('a program handle is not an inner map', async () => {
    const e = await fresh();
    const p = await e.loadProgram({ type: 'socket_filter', name: 'p', insns: simpleProgram(0), license: 'GPL' });
    await expect(create(e, 'array_of_maps', { innerHandle: p.handle })).rejects.toMatchObject({ code: 'EINVAL' });
  });
  it('a closed handle is EBADF', async () => {
    const e = await fresh();
    const tpl = await e.createMap({ type: 'hash', name: 'tpl', keySize: 4, valueSize: 4, maxEntries: 1, flags: [] });
    await e.close(tpl.handle);
    await expect(create(e, 'hash_of_maps', { innerHandle: tpl.handle })).rejects.toMatchObject({ code: 'EBADF' });
  });
  it('any other map type may be the template, an array or a queue too', async () => {
    const e = await fresh();
    for (const t of ['array', 'queue', 'lpm_trie', 'ringbuf']) {
      const tpl = await create(e, t);
      expect((await create(e, 'hash_of_maps', { innerHandle: tpl.handle })).type).toBe('hash_of_maps');
    }
  });
});

describe('generic rules', () => {
  it('rdonly with wronly is EINVAL', async () => {
    expect(await outcome('hash', { flags: ['rdonly', 'wronly'] })).toBe('EINVAL');
  });
  it.each([
    ['rdonly', 'ro'],
    ['wronly', 'wo'],
  ])("%s only sets the new handle's mode and is not kept in map_flags", async (flag, access) => {
    const e = await fresh();
    const h = await create(e, 'hash', { flags: [flag, 'no_prealloc'] });
    expect(h.access).toBe(access);
    expect(await e.objectInfo(h.handle)).toMatchObject({ flags: 1, flagNames: ['no_prealloc'] });
    await e.pin(h.handle, 'm');
    expect((await e.get('m', 'rw')).access).toBe('rw');
  });
  it('rdonly_prog and wronly_prog are kept in map_flags and do not limit the handle', async () => {
    const e = await fresh();
    const h = await create(e, 'array', { flags: ['rdonly_prog'] });
    expect(h.access).toBe('rw');
    expect(await e.objectInfo(h.handle)).toMatchObject({ flagNames: ['rdonly_prog'] });
    expect(await outcome('array', { flags: ['rdonly_prog', 'wronly_prog'] })).toBe('EINVAL');
  });
  it('an unknown map type is EINVAL', async () => {
    const e = await fresh();
    await expect(
      e.createMap({
        type: 'no_such_type' as MapTypeName,
        name: 'm',
        keySize: 4,
        valueSize: 4,
        maxEntries: 1,
        flags: [],
      }),
    ).rejects.toMatchObject({ code: 'EINVAL' });
  });
  it('map_extra on anything but a bloom filter is EINVAL', async () => {
    expect(await outcome('hash', { mapExtra: 1 })).toBe('EINVAL');
  });
  it('a refused create leaves no handle and no object behind', async () => {
    const e = await fresh();
    const before = (await e.listObjects()).length;
    await expect(create(e, 'array', { keySize: 8 })).rejects.toMatchObject({ code: 'EINVAL' });
    expect(e.handles()).toEqual([]);
    expect(await e.listObjects()).toHaveLength(before);
  });
  it('every created map gets its own id', async () => {
    const e = await fresh();
    const ids = new Set<number>();
    for (const type of Object.keys(BASE)) ids.add((await create(e, type)).id);
    expect(ids.size).toBe(Object.keys(BASE).length);
  });
});
