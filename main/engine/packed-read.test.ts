// Differential check: mapReadPacked returns exactly mapDump's entries, in the same order, on both engines and
// several map types (batch-capable and per-element); and BTF given at creation reads back by id.
import { describe, expect, it } from 'vitest';

import type { MapTypeName } from '../../shared/bpf/types.js';
import type { MapSpec, PinStore } from '../../shared/engine.js';
import { BpfError } from '../../shared/errors.js';

import { le32, le64, nativeSkipReason, useNativeEngine } from '../../test/support/native-env.js';
import { tinyBtf } from '../../test/support/tiny-btf.js';

import { createEmulatedEngine } from './emulated/index.js';

const skipNative = nativeSkipReason('packed-read.test.ts');

interface Case {
  type: MapTypeName;
  keySize: number;
  valueSize: number;
  maxEntries: number;
  flags?: string[];
  fill: number;
}

const CASES: Case[] = [
  { type: 'hash', keySize: 4, valueSize: 8, maxEntries: 20_000, fill: 10_000 },
  { type: 'array', keySize: 4, valueSize: 12, maxEntries: 5000, fill: 300 },
  { type: 'percpu_hash', keySize: 8, valueSize: 4, maxEntries: 3000, fill: 2500 },
  { type: 'percpu_array', keySize: 4, valueSize: 16, maxEntries: 1000, fill: 10 },
  { type: 'lru_hash', keySize: 4, valueSize: 8, maxEntries: 4096, fill: 1000 },
  { type: 'lpm_trie', keySize: 8, valueSize: 8, maxEntries: 500, flags: ['no_prealloc'], fill: 200 },
];

function keyOf(c: Case, i: number): Uint8Array {
  if (c.type === 'lpm_trie') return Uint8Array.from([32, 0, 0, 0, 10, (i >> 16) & 255, (i >> 8) & 255, i & 255]);
  return c.keySize === 8 ? le64(i * 7 + 1) : le32(i);
}

async function fill(engine: PinStore, c: Case): Promise<number> {
  const spec: MapSpec = {
    type: c.type,
    name: c.type.slice(0, 15),
    keySize: c.keySize,
    valueSize: c.valueSize,
    maxEntries: c.maxEntries,
    flags: c.flags ?? [],
  };
  const { handle } = await engine.createMap(spec);
  const cpus = engine.describe().possibleCpus;
  const wire = c.type.startsWith('percpu') ? Math.ceil(c.valueSize / 8) * 8 * cpus : c.valueSize;
  for (let i = 0; i < c.fill; i++) {
    const v = new Uint8Array(wire);
    new DataView(v.buffer).setUint32(0, i * 3 + 5, true);
    v[wire - 1] = i & 255;
    await engine.mapUpdate(handle, keyOf(c, i), v, 'any');
  }
  return handle;
}

async function expectPackedEqualsDump(engine: PinStore, handle: number): Promise<void> {
  const dump = await engine.mapDump(handle);
  let chunks = 0;
  const packed = await engine.mapReadPacked(handle, { onChunk: () => chunks++ });
  expect(packed.count).toBe(dump.entries.length);
  expect(chunks).toBeGreaterThan(0);
  const keys = dump.entries.map((e) => Buffer.from(e.key).toString('hex'));
  const values = dump.entries.map((e) => Buffer.from(e.value).toString('hex'));
  const pk = Array.from({ length: packed.count }, (_, i) =>
    Buffer.from(packed.keys.subarray(i * packed.keySize, (i + 1) * packed.keySize)).toString('hex'),
  );
  const pv = Array.from({ length: packed.count }, (_, i) =>
    Buffer.from(packed.values.subarray(i * packed.valueSize, (i + 1) * packed.valueSize)).toString('hex'),
  );
  expect(pk).toEqual(keys);
  expect(pv).toEqual(values);
}

function suite(name: string, setup: () => { engine: () => PinStore }): void {
  describe(name, () => {
    const env = setup();
    for (const c of CASES) {
      it(`${c.type}: packed read equals the dump`, async () => {
        const handle = await fill(env.engine(), c);
        await expectPackedEqualsDump(env.engine(), handle);
      });
    }
    it('an empty map reads as zero entries', async () => {
      const { handle } = await env
        .engine()
        .createMap({ type: 'hash', name: 'e', keySize: 4, valueSize: 4, maxEntries: 8, flags: [] });
      expect((await env.engine().mapReadPacked(handle)).count).toBe(0);
    });
    it('ringbuf cannot be listed: ENOTSUPP-like error, not a crash', async () => {
      const { handle } = await env
        .engine()
        .createMap({ type: 'ringbuf', name: 'rb', keySize: 0, valueSize: 0, maxEntries: 4096, flags: [] });
      await expect(env.engine().mapReadPacked(handle)).rejects.toBeInstanceOf(BpfError);
    });
    it('BTF given at creation is attached and reads back by id; unknown ids are ENOENT', async () => {
      const btf = tinyBtf();
      const { handle } = await env.engine().createMap({
        type: 'hash',
        name: 'b',
        keySize: 4,
        valueSize: 8,
        maxEntries: 8,
        flags: [],
        btf: { data: btf, keyTypeId: 1, valueTypeId: 2 },
      });
      const info = await env.engine().objectInfo(handle);
      if (info.kind !== 'map') throw new Error('not a map');
      expect(info.btfId).toBeGreaterThan(0);
      expect([info.btfKeyTypeId, info.btfValueTypeId]).toEqual([1, 2]);
      expect(Buffer.from(await env.engine().btfData(info.btfId)).equals(Buffer.from(btf))).toBe(true);
      await expect(env.engine().btfData(0x7ffffff0)).rejects.toMatchObject({ code: 'ENOENT' });
    });
  });
}

suite('mapReadPacked on the emulated engine', () => {
  let engine: PinStore | undefined;
  beforeEach(async () => {
    engine = await createEmulatedEngine({ demo: false, traffic: false });
  });
  afterEach(async () => {
    await engine?.dispose();
  });
  return { engine: () => engine as PinStore };
});

describe.skipIf(skipNative !== undefined)('native', () => {
  suite('mapReadPacked on the native engine', () => {
    const env = useNativeEngine();
    return { engine: () => env.engine };
  });
});
