// docs/bpffs-semantics.md §6: element operations, row by row for every map type, batch dump and freeze.
import { describe, expect, it } from 'vitest';

import { leUint, uintToLe } from '../../../shared/bpf/hex.js';
import type { MapSpec, PinStore } from '../../../shared/engine.js';

import { simpleProgram } from './demo.js';
import { createEmulatedEngine, type EmulatedOptions } from './index.js';

/** A bare engine: no demo tree, no traffic, 2 possible CPUs unless the test says otherwise. */
const fresh = async (o: EmulatedOptions = {}): Promise<PinStore> =>
  createEmulatedEngine({ demo: false, traffic: false, possibleCpus: 2, ...o });

const k = (n: number): Uint8Array => uintToLe(n, 4);
const v8 = (n: number): Uint8Array => uintToLe(n, 8);
const spec = (type: MapSpec['type'], over: Partial<MapSpec> = {}): MapSpec => ({
  type,
  name: 'm',
  keySize: 4,
  valueSize: 8,
  maxEntries: 4,
  flags: [],
  ...over,
});
const asSet = (keys: Uint8Array[]): number[] => keys.map((x) => Number(leUint(x))).sort((a, b) => a - b);
const prog = (type: 'sched_cls' | 'xdp' = 'sched_cls') => ({
  type,
  name: 'p',
  insns: simpleProgram(0),
  license: 'GPL',
});

describe('handles that are not maps', () => {
  it('a closed handle is EBADF for every element operation', async () => {
    const e = await fresh();
    const m = await e.createMap(spec('hash'));
    await e.close(m.handle);
    await expect(e.mapLookup(m.handle, k(1))).rejects.toMatchObject({ code: 'EBADF' });
    await expect(e.mapUpdate(m.handle, k(1), v8(1), 'any')).rejects.toMatchObject({ code: 'EBADF' });
    await expect(e.mapDelete(m.handle, k(1))).rejects.toMatchObject({ code: 'EBADF' });
    await expect(e.mapNextKey(m.handle, null)).rejects.toMatchObject({ code: 'EBADF' });
    await expect(e.mapDump(m.handle)).rejects.toMatchObject({ code: 'EBADF' });
    await expect(e.mapFreeze(m.handle)).rejects.toMatchObject({ code: 'EBADF' });
  });
  it('a program handle is EINVAL', async () => {
    const e = await fresh();
    const p = await e.loadProgram(prog());
    await expect(e.mapLookup(p.handle, k(0))).rejects.toMatchObject({ code: 'EINVAL' });
    await expect(e.mapNextKey(p.handle, null)).rejects.toMatchObject({ code: 'EINVAL' });
    await expect(e.mapDump(p.handle)).rejects.toMatchObject({ code: 'EINVAL' });
  });
});

describe('key and value sizes are checked first', () => {
  it('a key of the wrong size, or null, is EINVAL and the message gives the size', async () => {
    const e = await fresh();
    const m = await e.createMap(spec('hash'));
    await expect(e.mapLookup(m.handle, uintToLe(1, 8))).rejects.toMatchObject({
      code: 'EINVAL',
      message: expect.stringContaining('4'),
    });
    await expect(e.mapUpdate(m.handle, null, v8(1), 'any')).rejects.toMatchObject({ code: 'EINVAL' });
    await expect(e.mapDelete(m.handle, new Uint8Array(2))).rejects.toMatchObject({ code: 'EINVAL' });
  });
  it('a value of the wrong size is EINVAL and the message gives the size', async () => {
    const e = await fresh();
    const m = await e.createMap(spec('hash'));
    await expect(e.mapUpdate(m.handle, k(1), k(1), 'any')).rejects.toMatchObject({
      code: 'EINVAL',
      message: expect.stringContaining('8'),
    });
    await expect(e.mapLookup(m.handle, k(1))).rejects.toMatchObject({ code: 'ENOENT' });
  });
  it('fd-valued maps take a handle and refuse bytes; other maps refuse a handle', async () => {
    const e = await fresh();
    const pa = await e.createMap(spec('prog_array', { valueSize: 4 }));
    const h = await e.createMap(spec('hash'));
    await expect(e.mapUpdate(pa.handle, k(0), k(1), 'any')).rejects.toMatchObject({
      code: 'EINVAL',
      message: expect.stringContaining('value must be a handle'),
    });
    await expect(e.mapUpdate(h.handle, k(0), { handle: h.handle }, 'any')).rejects.toMatchObject({
      code: 'EINVAL',
      message: expect.stringContaining('value must be bytes'),
    });
  });
  it('queue and stack take a null key and refuse a key', async () => {
    const e = await fresh();
    const q = await e.createMap(spec('queue', { keySize: 0 }));
    await expect(e.mapUpdate(q.handle, k(0), v8(1), 'any')).rejects.toMatchObject({ code: 'EINVAL' });
  });
});

describe('per-CPU values', () => {
  it.each([
    [2, 4, 16],
    [2, 8, 16],
    [2, 12, 32],
    [4, 4, 32],
    [4, 12, 64],
    [4, 16, 64],
  ])('with %i CPUs a value_size %i travels as %i bytes', async (cpus, valueSize, wire) => {
    const e = await fresh({ possibleCpus: cpus });
    expect(e.describe().possibleCpus).toBe(cpus);
    const arr = await e.createMap(spec('percpu_array', { valueSize }));
    expect(await e.mapLookup(arr.handle, k(0))).toEqual(new Uint8Array(wire));
    await expect(e.mapUpdate(arr.handle, k(0), new Uint8Array(valueSize), 'any')).rejects.toMatchObject({
      code: 'EINVAL',
      message: expect.stringContaining(String(wire)),
    });
    for (const type of ['percpu_hash', 'lru_percpu_hash'] as const) {
      const h = await e.createMap(spec(type, { valueSize }));
      const value = Uint8Array.from({ length: wire }, (_, i) => i + 1);
      await e.mapUpdate(h.handle, k(1), value, 'any');
      expect(await e.mapLookup(h.handle, k(1))).toEqual(value);
    }
  });
  it('each CPU keeps its own slot, padding included', async () => {
    const e = await fresh();
    const arr = await e.createMap(spec('percpu_array', { valueSize: 4 }));
    const value = Uint8Array.from([1, 0, 0, 0, 0xaa, 0xbb, 0xcc, 0xdd, 2, 0, 0, 0, 0, 0, 0, 0]);
    await e.mapUpdate(arr.handle, k(3), value, 'any');
    expect(await e.mapLookup(arr.handle, k(3))).toEqual(value);
    expect(await e.objectInfo(arr.handle)).toMatchObject({ possibleCpus: 2, valueSize: 4 });
  });
});

const HASHES = ['hash', 'percpu_hash', 'lru_hash', 'lru_percpu_hash'] as const;
const valueFor = (type: string, n: number): Uint8Array =>
  type.includes('percpu') ? new Uint8Array(16).fill(n) : v8(n);

describe.each(HASHES)('%s', (type) => {
  it('update noexist on an existing key is EEXIST, exist on a missing key ENOENT; values stay', async () => {
    const e = await fresh();
    const m = await e.createMap(spec(type));
    await e.mapUpdate(m.handle, k(1), valueFor(type, 1), 'noexist');
    await expect(e.mapUpdate(m.handle, k(1), valueFor(type, 2), 'noexist')).rejects.toMatchObject({ code: 'EEXIST' });
    await expect(e.mapUpdate(m.handle, k(2), valueFor(type, 2), 'exist')).rejects.toMatchObject({ code: 'ENOENT' });
    await e.mapUpdate(m.handle, k(1), valueFor(type, 3), 'exist');
    expect(await e.mapLookup(m.handle, k(1))).toEqual(valueFor(type, 3));
    await expect(e.mapLookup(m.handle, k(2))).rejects.toMatchObject({ code: 'ENOENT' });
  });
  it('delete and lookup of a missing key are ENOENT; delete removes', async () => {
    const e = await fresh();
    const m = await e.createMap(spec(type));
    await expect(e.mapDelete(m.handle, k(9))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(e.mapLookup(m.handle, k(9))).rejects.toMatchObject({ code: 'ENOENT' });
    await e.mapUpdate(m.handle, k(9), valueFor(type, 9), 'any');
    await e.mapDelete(m.handle, k(9));
    await expect(e.mapLookup(m.handle, k(9))).rejects.toMatchObject({ code: 'ENOENT' });
  });
  it('get_next_key: NULL or a missing key gives the first key, ENOENT at the end or when empty', async () => {
    const e = await fresh();
    const m = await e.createMap(spec(type));
    await expect(e.mapNextKey(m.handle, null)).rejects.toMatchObject({ code: 'ENOENT' });
    for (const n of [10, 20, 30]) await e.mapUpdate(m.handle, k(n), valueFor(type, n), 'any');
    const first = await e.mapNextKey(m.handle, null);
    expect(await e.mapNextKey(m.handle, k(999))).toEqual(first);
    const seen = [first];
    for (;;) {
      const next = await e.mapNextKey(m.handle, seen[seen.length - 1]!).catch((err: { code: string }) => err.code);
      if (next === 'ENOENT') break;
      seen.push(next as Uint8Array);
    }
    expect(asSet(seen)).toEqual([10, 20, 30]);
  });
  it('lookup_and_delete returns the value and removes the element', async () => {
    const e = await fresh();
    const m = await e.createMap(spec(type));
    await e.mapUpdate(m.handle, k(5), valueFor(type, 5), 'any');
    expect(await e.mapLookupAndDelete(m.handle, k(5))).toEqual(valueFor(type, 5));
    await expect(e.mapLookupAndDelete(m.handle, k(5))).rejects.toMatchObject({ code: 'ENOENT' });
  });
  it('the batch dump returns every element (compared as a set)', async () => {
    const e = await fresh();
    const m = await e.createMap(spec(type));
    expect(await e.mapDump(m.handle)).toEqual({ entries: [], truncated: false });
    for (const n of [3, 1, 2]) await e.mapUpdate(m.handle, k(n), valueFor(type, n), 'any');
    const dump = await e.mapDump(m.handle);
    expect(dump.truncated).toBe(false);
    expect(asSet(dump.entries.map((x) => x.key))).toEqual([1, 2, 3]);
    for (const x of dump.entries) expect(x.value).toEqual(valueFor(type, Number(leUint(x.key))));
  });
});

describe.each(['hash', 'percpu_hash'] as const)('%s when full', (type) => {
  it('inserting a new key is E2BIG; replacing an existing one is fine', async () => {
    const e = await fresh();
    const m = await e.createMap(spec(type, { maxEntries: 2 }));
    await e.mapUpdate(m.handle, k(1), valueFor(type, 1), 'any');
    await e.mapUpdate(m.handle, k(2), valueFor(type, 2), 'any');
    await expect(e.mapUpdate(m.handle, k(3), valueFor(type, 3), 'any')).rejects.toMatchObject({ code: 'E2BIG' });
    await e.mapUpdate(m.handle, k(2), valueFor(type, 7), 'any');
    expect(await e.mapLookup(m.handle, k(2))).toEqual(valueFor(type, 7));
    await e.mapDelete(m.handle, k(1));
    await e.mapUpdate(m.handle, k(3), valueFor(type, 3), 'noexist');
  });
});

describe.each(['lru_hash', 'lru_percpu_hash'] as const)('%s when full', (type) => {
  it('inserting evicts the least recently used element instead of failing', async () => {
    const e = await fresh();
    const m = await e.createMap(spec(type, { maxEntries: 3 }));
    for (const n of [1, 2, 3]) await e.mapUpdate(m.handle, k(n), valueFor(type, n), 'any');
    await e.mapUpdate(m.handle, k(1), valueFor(type, 1), 'any');
    await e.mapUpdate(m.handle, k(4), valueFor(type, 4), 'any');
    const keys = asSet((await e.mapDump(m.handle)).entries.map((x) => x.key));
    expect(keys).toEqual([1, 3, 4]);
  });
});

describe.each(['array', 'percpu_array'] as const)('%s', (type) => {
  const val = (n: number): Uint8Array => (type === 'array' ? v8(n) : new Uint8Array(16).fill(n));
  it('every index exists from the start, zeroed; beyond max_entries lookup is ENOENT and update E2BIG', async () => {
    const e = await fresh();
    const a = await e.createMap(spec(type, { maxEntries: 3 }));
    expect(await e.mapLookup(a.handle, k(2))).toEqual(val(0));
    await expect(e.mapLookup(a.handle, k(3))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(e.mapUpdate(a.handle, k(3), val(1), 'any')).rejects.toMatchObject({ code: 'E2BIG' });
  });
  it('update noexist is EEXIST, exist and any write the value; delete is EINVAL', async () => {
    const e = await fresh();
    const a = await e.createMap(spec(type));
    await expect(e.mapUpdate(a.handle, k(0), val(1), 'noexist')).rejects.toMatchObject({ code: 'EEXIST' });
    await e.mapUpdate(a.handle, k(0), val(2), 'exist');
    await e.mapUpdate(a.handle, k(1), val(3), 'any');
    expect(await e.mapLookup(a.handle, k(0))).toEqual(val(2));
    await expect(e.mapDelete(a.handle, k(0))).rejects.toMatchObject({ code: 'EINVAL' });
    expect(await e.mapLookup(a.handle, k(0))).toEqual(val(2));
  });
  it('get_next_key walks 0..max-1: NULL or an index beyond max gives 0, the last index ENOENT', async () => {
    const e = await fresh();
    const a = await e.createMap(spec(type, { maxEntries: 4 }));
    expect(await e.mapNextKey(a.handle, null)).toEqual(k(0));
    expect(await e.mapNextKey(a.handle, k(77))).toEqual(k(0));
    expect(await e.mapNextKey(a.handle, k(4))).toEqual(k(0));
    const order = [0];
    for (let i = 0; i < 3; i++) order.push(Number(leUint(await e.mapNextKey(a.handle, k(order[order.length - 1]!)))));
    expect(order).toEqual([0, 1, 2, 3]);
    await expect(e.mapNextKey(a.handle, k(3))).rejects.toMatchObject({ code: 'ENOENT' });
  });
  it('the batch dump lists every index in order with its value; a limit truncates', async () => {
    const e = await fresh();
    const a = await e.createMap(spec(type, { maxEntries: 5 }));
    for (const i of [4, 0, 2]) await e.mapUpdate(a.handle, k(i), val(i + 10), 'any');
    const dump = await e.mapDump(a.handle);
    expect(dump.entries.map((x) => Number(leUint(x.key)))).toEqual([0, 1, 2, 3, 4]);
    expect(dump.entries.map((x) => x.value)).toEqual([val(10), val(0), val(12), val(0), val(14)]);
    const cut = await e.mapDump(a.handle, 2);
    expect(cut).toMatchObject({ truncated: true });
    expect(cut.entries.map((x) => Number(leUint(x.key)))).toEqual([0, 1]);
  });
  it('lookup_and_delete is not supported (524)', async () => {
    const e = await fresh();
    const a = await e.createMap(spec(type));
    await expect(e.mapLookupAndDelete(a.handle, k(0))).rejects.toMatchObject({ code: 'ENOTSUPP', errno: 524 });
  });
});

describe.each(['queue', 'stack'] as const)('%s', (type) => {
  const q = async (e: PinStore, maxEntries = 3) => e.createMap(spec(type, { keySize: 0, valueSize: 1, maxEntries }));
  const b = (n: number): Uint8Array => Uint8Array.of(n);
  it(`update pushes, lookup peeks, lookup_and_delete pops in ${type === 'queue' ? 'FIFO' : 'LIFO'} order`, async () => {
    const e = await fresh();
    const m = await q(e);
    for (const n of [1, 2, 3]) await e.mapUpdate(m.handle, null, b(n), 'any');
    const first = type === 'queue' ? 1 : 3;
    expect(await e.mapLookup(m.handle, null)).toEqual(b(first));
    expect(await e.mapLookup(m.handle, null)).toEqual(b(first));
    const popped = [];
    for (let i = 0; i < 3; i++) popped.push((await e.mapLookupAndDelete(m.handle, null))[0]);
    expect(popped).toEqual(type === 'queue' ? [1, 2, 3] : [3, 2, 1]);
  });
  it('empty: lookup and lookup_and_delete are ENOENT', async () => {
    const e = await fresh();
    const m = await q(e);
    await expect(e.mapLookup(m.handle, null)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(e.mapLookupAndDelete(m.handle, null)).rejects.toMatchObject({ code: 'ENOENT' });
  });
  it('full: a push is E2BIG, a push with exist overwrites the oldest, noexist is EINVAL', async () => {
    const e = await fresh();
    const m = await q(e, 2);
    await expect(e.mapUpdate(m.handle, null, b(0), 'noexist')).rejects.toMatchObject({ code: 'EINVAL' });
    await e.mapUpdate(m.handle, null, b(1), 'any');
    await e.mapUpdate(m.handle, null, b(2), 'any');
    await expect(e.mapUpdate(m.handle, null, b(3), 'any')).rejects.toMatchObject({ code: 'E2BIG' });
    await e.mapUpdate(m.handle, null, b(3), 'exist');
    const popped = [(await e.mapLookupAndDelete(m.handle, null))[0], (await e.mapLookupAndDelete(m.handle, null))[0]];
    expect(popped).toEqual(type === 'queue' ? [2, 3] : [3, 2]);
  });
  it('delete, get_next_key and the dump (which falls back to get_next_key) are EINVAL', async () => {
    const e = await fresh();
    const m = await q(e);
    await e.mapUpdate(m.handle, null, b(1), 'any');
    await expect(e.mapDelete(m.handle, null as unknown as Uint8Array)).rejects.toMatchObject({ code: 'EINVAL' });
    await expect(e.mapNextKey(m.handle, null)).rejects.toMatchObject({ code: 'EINVAL' });
    await expect(e.mapDump(m.handle)).rejects.toMatchObject({ code: 'EINVAL' });
  });
});

describe('ringbuf', () => {
  it('every element operation and the dump give 524', async () => {
    const e = await fresh();
    const rb = await e.createMap(spec('ringbuf', { keySize: 0, valueSize: 0, maxEntries: 4096 }));
    const notSupp = { code: 'ENOTSUPP', errno: 524 };
    await expect(e.mapLookup(rb.handle, null)).rejects.toMatchObject(notSupp);
    await expect(e.mapUpdate(rb.handle, null, new Uint8Array(0), 'any')).rejects.toMatchObject(notSupp);
    await expect(e.mapDelete(rb.handle, null as unknown as Uint8Array)).rejects.toMatchObject(notSupp);
    await expect(e.mapNextKey(rb.handle, null)).rejects.toMatchObject(notSupp);
    await expect(e.mapLookupAndDelete(rb.handle, null)).rejects.toMatchObject(notSupp);
    await expect(e.mapDump(rb.handle)).rejects.toMatchObject(notSupp);
  });
});

describe('prog_array', () => {
  const pa = async (e: PinStore) => e.createMap(spec('prog_array', { valueSize: 4, maxEntries: 3 }));
  it('update stores a program, lookup gives its id, the dump lists filled slots in index order', async () => {
    const e = await fresh();
    const m = await pa(e);
    const p1 = await e.loadProgram(prog());
    const p2 = await e.loadProgram(prog());
    await e.mapUpdate(m.handle, k(2), { handle: p1.handle }, 'any');
    await e.mapUpdate(m.handle, k(0), { handle: p2.handle }, 'any');
    expect(await e.mapLookup(m.handle, k(2))).toEqual(k(p1.id));
    const dump = await e.mapDump(m.handle);
    expect(dump.entries).toEqual([
      { key: k(0), value: k(p2.id) },
      { key: k(2), value: k(p1.id) },
    ]);
  });
  it('flags other than any are EINVAL; an index beyond max_entries is E2BIG', async () => {
    const e = await fresh();
    const m = await pa(e);
    const p = await e.loadProgram(prog());
    await expect(e.mapUpdate(m.handle, k(0), { handle: p.handle }, 'noexist')).rejects.toMatchObject({
      code: 'EINVAL',
    });
    await expect(e.mapUpdate(m.handle, k(0), { handle: p.handle }, 'exist')).rejects.toMatchObject({ code: 'EINVAL' });
    await expect(e.mapUpdate(m.handle, k(3), { handle: p.handle }, 'any')).rejects.toMatchObject({ code: 'E2BIG' });
  });
  it('an empty slot is ENOENT for lookup and delete; a filled one can be deleted', async () => {
    const e = await fresh();
    const m = await pa(e);
    const p = await e.loadProgram(prog());
    await expect(e.mapLookup(m.handle, k(1))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(e.mapDelete(m.handle, k(1))).rejects.toMatchObject({ code: 'ENOENT' });
    await e.mapUpdate(m.handle, k(1), { handle: p.handle }, 'any');
    await e.mapDelete(m.handle, k(1));
    await expect(e.mapLookup(m.handle, k(1))).rejects.toMatchObject({ code: 'ENOENT' });
  });
  it('a map is not a program, and the first program fixes the program type of the array', async () => {
    const e = await fresh();
    const m = await pa(e);
    const other = await e.createMap(spec('hash'));
    await expect(e.mapUpdate(m.handle, k(0), { handle: other.handle }, 'any')).rejects.toMatchObject({
      code: 'EINVAL',
    });
    await e.mapUpdate(m.handle, k(0), { handle: (await e.loadProgram(prog('sched_cls'))).handle }, 'any');
    await expect(
      e.mapUpdate(m.handle, k(1), { handle: (await e.loadProgram(prog('xdp'))).handle }, 'any'),
    ).rejects.toMatchObject({ code: 'EINVAL' });
  });
});

describe('map-in-map values', () => {
  it('an inner map that does not match the template is EINVAL; a matching one is stored by id', async () => {
    const e = await fresh();
    const tpl = await e.createMap(spec('hash'));
    const outer = await e.createMap(spec('array_of_maps', { valueSize: 4, innerHandle: tpl.handle }));
    const wrong = await e.createMap(spec('hash', { valueSize: 16 }));
    await expect(e.mapUpdate(outer.handle, k(0), { handle: wrong.handle }, 'any')).rejects.toMatchObject({
      code: 'EINVAL',
    });
    const right = await e.createMap(spec('hash', { maxEntries: 99 }));
    await e.mapUpdate(outer.handle, k(0), { handle: right.handle }, 'any');
    expect(await e.mapLookup(outer.handle, k(0))).toEqual(k(right.id));
  });
});

describe('freeze', () => {
  it('after freeze update, delete and lookup_and_delete are EPERM on every handle; lookup and dump still work', async () => {
    const e = await fresh();
    const m = await e.createMap(spec('hash'));
    await e.mapUpdate(m.handle, k(1), v8(1), 'any');
    await e.pin(m.handle, 'm');
    await e.mapFreeze(m.handle);
    const other = await e.get('m', 'rw');
    for (const h of [m.handle, other.handle]) {
      await expect(e.mapUpdate(h, k(2), v8(2), 'any')).rejects.toMatchObject({ code: 'EPERM' });
      await expect(e.mapDelete(h, k(1))).rejects.toMatchObject({ code: 'EPERM' });
      await expect(e.mapLookupAndDelete(h, k(1))).rejects.toMatchObject({ code: 'EPERM' });
      expect(await e.mapLookup(h, k(1))).toEqual(v8(1));
    }
    expect((await e.mapDump(other.handle)).entries).toHaveLength(1);
    expect(await e.objectInfo(other.handle)).toMatchObject({ frozen: true });
  });
  it('freezing a frozen map is EPERM', async () => {
    const e = await fresh();
    const m = await e.createMap(spec('array'));
    await e.mapFreeze(m.handle);
    await expect(e.mapFreeze(m.handle)).rejects.toMatchObject({ code: 'EPERM' });
  });
  it('a handle without write permission cannot freeze; a write-only one can', async () => {
    const e = await fresh();
    const m = await e.createMap(spec('array'));
    await e.pin(m.handle, 'm');
    const ro = await e.get('m', 'ro');
    await expect(e.mapFreeze(ro.handle)).rejects.toMatchObject({ code: 'EPERM' });
    expect(await e.objectInfo(m.handle)).toMatchObject({ frozen: false });
    const wo = await e.get('m', 'wo');
    await e.mapFreeze(wo.handle);
    expect(await e.objectInfo(m.handle)).toMatchObject({ frozen: true });
  });
  it('a frozen queue cannot be pushed or popped but can be peeked', async () => {
    const e = await fresh();
    const m = await e.createMap(spec('queue', { keySize: 0, valueSize: 1 }));
    await e.mapUpdate(m.handle, null, Uint8Array.of(5), 'any');
    await e.mapFreeze(m.handle);
    await expect(e.mapUpdate(m.handle, null, Uint8Array.of(6), 'any')).rejects.toMatchObject({ code: 'EPERM' });
    await expect(e.mapLookupAndDelete(m.handle, null)).rejects.toMatchObject({ code: 'EPERM' });
    expect(await e.mapLookup(m.handle, null)).toEqual(Uint8Array.of(5));
  });
});

describe('lpm_trie', () => {
  /** An IPv4 prefix key: u32 prefix length (host order) then the address bytes. */
  const pfx = (len: number, a: number, b: number, c: number, d: number): Uint8Array =>
    Uint8Array.of(len, 0, 0, 0, a, b, c, d);
  const trie = async (e: PinStore, maxEntries = 4) =>
    e.createMap(spec('lpm_trie', { keySize: 8, valueSize: 1, maxEntries, flags: ['no_prealloc'] }));
  it('lookup finds the longest matching prefix; no match is ENOENT', async () => {
    const e = await fresh();
    const m = await trie(e);
    await e.mapUpdate(m.handle, pfx(8, 10, 0, 0, 0), Uint8Array.of(8), 'any');
    await e.mapUpdate(m.handle, pfx(24, 10, 1, 2, 0), Uint8Array.of(24), 'any');
    expect(await e.mapLookup(m.handle, pfx(32, 10, 1, 2, 3))).toEqual(Uint8Array.of(24));
    expect(await e.mapLookup(m.handle, pfx(32, 10, 9, 9, 9))).toEqual(Uint8Array.of(8));
    await expect(e.mapLookup(m.handle, pfx(32, 11, 0, 0, 0))).rejects.toMatchObject({ code: 'ENOENT' });
  });
  it('a prefix longer than the key is EINVAL; noexist/exist rows as for hashes; full is ENOSPC', async () => {
    const e = await fresh();
    const m = await trie(e, 2);
    await expect(e.mapUpdate(m.handle, pfx(33, 10, 0, 0, 0), Uint8Array.of(1), 'any')).rejects.toMatchObject({
      code: 'EINVAL',
    });
    await e.mapUpdate(m.handle, pfx(16, 10, 1, 0, 0), Uint8Array.of(1), 'noexist');
    await expect(e.mapUpdate(m.handle, pfx(16, 10, 1, 0, 0), Uint8Array.of(2), 'noexist')).rejects.toMatchObject({
      code: 'EEXIST',
    });
    await expect(e.mapUpdate(m.handle, pfx(16, 10, 2, 0, 0), Uint8Array.of(2), 'exist')).rejects.toMatchObject({
      code: 'ENOENT',
    });
    await e.mapUpdate(m.handle, pfx(16, 10, 2, 0, 0), Uint8Array.of(2), 'any');
    await expect(e.mapUpdate(m.handle, pfx(16, 10, 3, 0, 0), Uint8Array.of(3), 'any')).rejects.toMatchObject({
      code: 'ENOSPC',
    });
  });
  it('delete removes an exact prefix, a missing one is ENOENT; the dump lists every prefix', async () => {
    const e = await fresh();
    const m = await trie(e);
    await e.mapUpdate(m.handle, pfx(8, 10, 0, 0, 0), Uint8Array.of(8), 'any');
    await e.mapUpdate(m.handle, pfx(24, 10, 1, 2, 0), Uint8Array.of(24), 'any');
    expect((await e.mapDump(m.handle)).entries.map((x) => x.value[0]).sort()).toEqual([24, 8]);
    await expect(e.mapDelete(m.handle, pfx(16, 10, 1, 0, 0))).rejects.toMatchObject({ code: 'ENOENT' });
    await e.mapDelete(m.handle, pfx(24, 10, 1, 2, 0));
    expect(await e.mapLookup(m.handle, pfx(32, 10, 1, 2, 3))).toEqual(Uint8Array.of(8));
    await expect(e.mapLookupAndDelete(m.handle, pfx(8, 10, 0, 0, 0))).rejects.toMatchObject({ code: 'ENOTSUPP' });
  });
});
