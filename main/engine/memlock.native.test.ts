// Memory per object: the native engine reports what bpftool reports (bytes_memlock, from the kernel's fdinfo), and the
// emulator's model of the kernel's accounting gives the same figure for the same maps and programs.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import type { MapSpec, PinStore } from '../../shared/engine.js';

import { nativeSkipReason, RETURN_ZERO, useNativeEngine } from '../../test/support/native-env.js';

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

/** Maps of every family the model covers, with a few elements written into each. */
const MAPS: [string, MapSpec, number][] = [
  ['array', spec('array', 4, 4, 1), 1],
  ['array_wide', spec('array', 4, 64, 1000), 3],
  ['array_mmap', spec('array', 4, 8, 100, ['mmapable']), 2],
  ['percpu_array', spec('percpu_array', 4, 12, 100), 2],
  ['hash', spec('hash', 4, 8, 100), 5],
  ['hash_big', spec('hash', 8, 16, 1000), 5],
  ['hash_noprealloc', spec('hash', 4, 8, 100, ['no_prealloc']), 7],
  ['percpu_hash', spec('percpu_hash', 4, 8, 100), 3],
  ['lru_hash', spec('lru_hash', 4, 8, 100), 3],
  ['lru_percpu_hash', spec('lru_percpu_hash', 4, 8, 100), 3],
  ['queue', spec('queue', 0, 8, 100), 0],
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

describe.skipIf(why !== undefined)('memory per object', () => {
  const env = useNativeEngine();

  it('equals bpftool bytes_memlock for every map and program, in info and in the Objects list', async () => {
    await build(env.engine, hostPossibleCpus());
    const listed = new Map((await env.engine.listObjects()).map((o) => [o.pins[0], o.memlock]));
    for (const name of [...MAPS.map(([n]) => n), 'prog_small', 'prog_long']) {
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
      for (const name of [...MAPS.map(([n]) => n), 'prog_small', 'prog_long']) {
        const a = await env.engine.pathInfo(name);
        const b = await emulated.pathInfo(name);
        const memlock = (i: typeof a): number | undefined => (i.kind === 'link' ? undefined : i.memlock);
        expect({ name, memlock: memlock(b) }).toEqual({ name, memlock: memlock(a) });
      }
    } finally {
      await emulated.dispose();
    }
  });
});
