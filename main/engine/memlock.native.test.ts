// Memory per object: the native engine reports what bpftool reports (bytes_memlock, from the kernel's fdinfo), and the
// emulator's model of the kernel's accounting gives the same figure for the same maps and programs.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { mapMemlock } from '../../shared/bpf/memlock.js';
import type { MapSpec, PinStore } from '../../shared/engine.js';

import { nativeSkipReason, RETURN_ZERO, useNativeEngine } from '../../test/support/native-env.js';
import { tinyBtf } from '../../test/support/tiny-btf.js';

import { createEmulatedEngine, hostPossibleCpus } from './emulated/index.js';

const why = nativeSkipReason('memlock.native.test.ts');

const bpftoolMemlock = (kind: 'map' | 'prog', path: string): number =>
  (
    JSON.parse(execFileSync('bpftool', ['-j', kind, 'show', 'pinned', path], { encoding: 'utf8' })) as {
      bytes_memlock: number;
    }
  ).bytes_memlock;

const spec = (type: MapSpec['type'], keySize: number, valueSize: number, maxEntries: number, flags: string[] = []) =>
  ({ type, name: type.slice(0, 15), keySize, valueSize, maxEntries, flags }) as MapSpec;

/** Maps of every type the emulator creates, each in a few sizes, with a few elements written where it stores them. */
const MAPS: [string, MapSpec, number][] = [
  ['array', spec('array', 4, 4, 1), 1],
  ['array_wide', spec('array', 4, 64, 1000), 3],
  ['array_mmap', spec('array', 4, 8, 100, ['mmapable']), 2],
  ['array_mmap_big', spec('array', 4, 3, 4097, ['mmapable']), 0],
  ['percpu_array', spec('percpu_array', 4, 12, 100), 2],
  ['hash', spec('hash', 4, 8, 100), 5],
  ['hash_big', spec('hash', 8, 16, 1000), 5],
  ['hash_odd', spec('hash', 3, 5, 7), 0],
  ['hash_noprealloc', spec('hash', 4, 8, 100, ['no_prealloc']), 7],
  ['percpu_hash', spec('percpu_hash', 4, 8, 100), 3],
  ['percpu_noprealloc', spec('percpu_hash', 4, 12, 1000, ['no_prealloc']), 4],
  ['lru_hash', spec('lru_hash', 4, 8, 100), 3],
  ['lru_nocommon', spec('lru_hash', 4, 8, 7, ['no_common_lru']), 2],
  ['lru_percpu_hash', spec('lru_percpu_hash', 4, 8, 100), 3],
  ['lru_pcpu_nocommon', spec('lru_percpu_hash', 4, 8, 1000, ['no_common_lru']), 1],
  ['queue', spec('queue', 0, 8, 100), 0],
  ['queue_full', spec('queue', 0, 3, 4), 4],
  ['stack', spec('stack', 0, 16, 1000), 2],
  ['bloom_1', spec('bloom_filter', 0, 8, 1), 2],
  ['bloom_100', spec('bloom_filter', 0, 3, 100), 2],
  ['bloom_4097_k9', { ...spec('bloom_filter', 0, 8, 4097), mapExtra: 9 }, 0],
  ['lpm', spec('lpm_trie', 8, 8, 10, ['no_prealloc']), 3],
  ['lpm_wide', spec('lpm_trie', 20, 3, 100, ['no_prealloc']), 5],
  ['ringbuf', spec('ringbuf', 0, 0, 4096), 0],
  ['ringbuf_1m', spec('ringbuf', 0, 0, 1 << 20), 0],
  ['user_ringbuf', spec('user_ringbuf', 0, 0, 16384), 0],
  ['prog_array', spec('prog_array', 4, 4, 7), 0],
  ['perf_event_array', spec('perf_event_array', 4, 4, 100), 0],
  ['cgroup_array', spec('cgroup_array', 4, 4, 4097), 0],
  ['stack_trace', spec('stack_trace', 4, 8, 1), 0],
  ['stack_trace_wide', spec('stack_trace', 4, 64, 100), 0],
  ['devmap', spec('devmap', 4, 4, 7), 0],
  ['devmap_hash', spec('devmap_hash', 4, 8, 100), 0],
  ['cpumap', spec('cpumap', 4, 4, 2), 0],
  ['sockmap', spec('sockmap', 4, 4, 1000), 0],
  ['sockhash', spec('sockhash', 4, 8, 7), 0],
  ['sockhash_wide', spec('sockhash', 16, 8, 4097), 0],
  ['xskmap', spec('xskmap', 4, 4, 100), 0],
  ['reuseport', spec('reuseport_sockarray', 4, 8, 7), 0],
];

/** Maps of maps: their inner template is the first map built. */
const OF_MAPS: [string, MapSpec][] = [
  ['array_of_maps', spec('array_of_maps', 4, 4, 100)],
  ['hash_of_maps', spec('hash_of_maps', 4, 4, 7)],
];

async function build(store: PinStore, cpus: number): Promise<void> {
  for (const [name, s, n] of MAPS) {
    const h = await store.createMap(s);
    const valueBytes = s.type.includes('percpu') ? Math.ceil(s.valueSize / 8) * 8 * cpus : s.valueSize;
    for (let i = 0; i < n; i++) {
      const key = new Uint8Array(s.keySize);
      if (s.keySize) new DataView(key.buffer).setUint32(0, i, true);
      await store.mapUpdate(h.handle, key, new Uint8Array(valueBytes), 'any');
    }
    await store.pin(h.handle, name);
  }
  const inner = await store.createMap(spec('array', 4, 4, 1));
  for (const [name, s] of OF_MAPS) {
    const h = await store.createMap({ ...s, innerHandle: inner.handle });
    await store.pin(h.handle, name);
  }
  // 600 instructions: past one page, so the page rounding shows.
  const long = Uint8Array.from([
    ...Array.from({ length: 599 }, () => [...RETURN_ZERO.subarray(0, 8)]).flat(),
    ...RETURN_ZERO.subarray(8),
  ]);
  const progs = [
    ['prog_small', RETURN_ZERO],
    ['prog_long', long],
  ] as const;
  for (const [name, insns] of progs) {
    const p = await store.loadProgram({ type: 'xdp', name, insns, license: 'GPL' });
    await store.pin(p.handle, name);
  }
}

const NAMES = [...MAPS.map(([n]) => n), ...OF_MAPS.map(([n]) => n), 'prog_small', 'prog_long'];

describe.skipIf(why !== undefined)('memory per object', () => {
  const env = useNativeEngine();

  it('equals bpftool bytes_memlock for every map and program, in info and in the Objects list', async () => {
    await build(env.engine, hostPossibleCpus());
    const listed = new Map((await env.engine.listObjects()).map((o) => [o.pins[0], o.memlock]));
    for (const name of NAMES) {
      const info = await env.engine.pathInfo(name);
      const kind = info.kind === 'prog' ? 'prog' : 'map';
      const expected = bpftoolMemlock(kind, join(env.mount.dir, name));
      expect({ name, memlock: info.kind === 'link' ? undefined : info.memlock }).toEqual({ name, memlock: expected });
      expect({ name, listed: listed.get(name) }).toEqual({ name, listed: expected });
    }
  });

  it("has the emulator's model give the kernel's figure for the same objects", async () => {
    const cpus = hostPossibleCpus();
    const emulated = createEmulatedEngine({ demo: false, traffic: false, possibleCpus: cpus });
    try {
      await build(env.engine, cpus);
      await build(emulated, cpus);
      for (const name of NAMES) {
        const a = await env.engine.pathInfo(name);
        const b = await emulated.pathInfo(name);
        const memlock = (i: typeof a): number | undefined => (i.kind === 'link' ? undefined : i.memlock);
        expect({ name, memlock: memlock(b) }).toEqual({ name, memlock: memlock(a) });
      }
    } finally {
      await emulated.dispose();
    }
  });

  it("has the shared model give the kernel's figure for the storage maps the emulator does not create", async () => {
    const btf = { data: tinyBtf(), keyTypeId: 1, valueTypeId: 2 };
    const storage: MapSpec[] = [
      ...(['sk_storage', 'inode_storage', 'task_storage', 'cgrp_storage'] as const).map((type) => ({
        ...spec(type, 4, 8, 0, ['no_prealloc']),
        btf,
      })),
      spec('cgroup_storage', 16, 8, 0),
      spec('cgroup_storage', 8, 100, 0),
      spec('percpu_cgroup_storage', 16, 8, 0),
    ];
    for (const s of storage) {
      const h = await env.engine.createMap(s);
      const info = await env.engine.objectInfo(h.handle);
      const shape = { ...s, noPrealloc: true, mmapable: false, count: 0 };
      const model = mapMemlock(shape, hostPossibleCpus());
      expect({ type: s.type, memlock: model }).toEqual({ type: s.type, memlock: info.kind === 'map' && info.memlock });
    }
  });
});
