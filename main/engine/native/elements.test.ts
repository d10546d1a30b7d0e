// Element operations on real maps: hash, array, per-CPU, prog_array, queue, ringbuf, and batch dumps.
import { describe, expect, it, vi } from 'vitest';

import { type BpfError } from '../../../shared/errors.js';

import {
  errCode,
  le32,
  le64,
  nativeSkipReason,
  newHash,
  RETURN_ZERO,
  useNativeEngine,
} from '../../../test/support/native-env.js';

const skip = nativeSkipReason('elements.test.ts');

describe.skipIf(skip !== undefined)('native engine: objects and elements', () => {
  const env = useNativeEngine();

  it('creates, pins, gets, closes and unlinks; the object lives while a pin or handle holds it', async () => {
    const { engine } = env;
    const events: string[] = [];
    engine.subscribe((ev) => events.push(ev.type === 'object-freed' ? `freed:${ev.id}` : ev.type));
    const h = await newHash(engine);
    await engine.pin(h.handle, 'm');
    await engine.close(h.handle);
    expect(await engine.objectAlive('map', h.id)).toBe(true);
    expect(engine.handles()).toEqual([]);
    const ro = await engine.get('m', 'ro');
    expect(ro).toMatchObject({ id: h.id, access: 'ro' });
    expect(await errCode(engine.mapUpdate(ro.handle, le32(1), le64(1), 'any'))).toBe('EPERM');
    const wo = await engine.get('m', 'wo');
    expect(await errCode(engine.mapLookup(wo.handle, le32(1)))).toBe('EPERM');
    await engine.close(ro.handle);
    await engine.close(wo.handle);
    await engine.unlink('m');
    // The kernel frees the map from a work queue after the last reference goes.
    await vi.waitFor(async () => expect(await engine.objectAlive('map', h.id)).toBe(false));
    await vi.waitFor(() => expect(events).toContain(`freed:${h.id}`));
    expect(events).toContain('handle-closed');
  });

  it('hash: update flags, lookup, delete, next key, lookup-and-delete, full map, freeze', async () => {
    const { engine } = env;
    const h = await newHash(engine, 2);
    await engine.mapUpdate(h.handle, le32(1), le64(10), 'noexist');
    expect(await errCode(engine.mapUpdate(h.handle, le32(1), le64(11), 'noexist'))).toBe('EEXIST');
    expect(await errCode(engine.mapUpdate(h.handle, le32(2), le64(11), 'exist'))).toBe('ENOENT');
    await engine.mapUpdate(h.handle, le32(2), le64(20), 'any');
    expect(await errCode(engine.mapUpdate(h.handle, le32(3), le64(30), 'any'))).toBe('E2BIG');
    expect(await engine.mapLookup(h.handle, le32(2))).toEqual(le64(20));
    const first = await engine.mapNextKey(h.handle, null);
    const second = await engine.mapNextKey(h.handle, first);
    expect(new Set([first[0], second[0]])).toEqual(new Set([1, 2]));
    expect(await errCode(engine.mapNextKey(h.handle, second))).toBe('ENOENT');
    expect(await engine.mapLookupAndDelete(h.handle, le32(1))).toEqual(le64(10));
    expect(await errCode(engine.mapLookup(h.handle, le32(1)))).toBe('ENOENT');
    await engine.mapDelete(h.handle, le32(2));
    expect(await errCode(engine.mapDelete(h.handle, le32(2)))).toBe('ENOENT');
    // Wrong sizes and kinds of value are refused before any syscall, naming the expected size.
    await expect(engine.mapLookup(h.handle, le64(1))).rejects.toThrow(/4 bytes/);
    await expect(engine.mapUpdate(h.handle, le32(1), le32(1), 'any')).rejects.toThrow(/takes 8/);
    await expect(engine.mapUpdate(h.handle, le32(1), { handle: h.handle }, 'any')).rejects.toThrow(
      /value must be bytes/,
    );
    await engine.mapUpdate(h.handle, le32(5), le64(5), 'any');
    await engine.mapFreeze(h.handle);
    expect((await engine.objectInfo(h.handle)).kind === 'map' && (await engine.objectInfo(h.handle))).toMatchObject({
      frozen: true,
    });
    expect(await errCode(engine.mapUpdate(h.handle, le32(5), le64(6), 'any'))).toBe('EPERM');
    expect(await errCode(engine.mapFreeze(h.handle))).toBe('EPERM');
    expect(await engine.mapLookup(h.handle, le32(5))).toEqual(le64(5));
  });

  it('array: every index exists, out of range is E2BIG/ENOENT, delete is EINVAL, dumps in index order', async () => {
    const { engine } = env;
    const a = await engine.createMap({
      type: 'array',
      name: 'arr',
      keySize: 4,
      valueSize: 4,
      maxEntries: 3,
      flags: [],
    });
    expect(await engine.mapLookup(a.handle, le32(2))).toEqual(le32(0));
    await engine.mapUpdate(a.handle, le32(1), le32(7), 'exist');
    expect(await errCode(engine.mapUpdate(a.handle, le32(1), le32(7), 'noexist'))).toBe('EEXIST');
    expect(await errCode(engine.mapUpdate(a.handle, le32(3), le32(7), 'any'))).toBe('E2BIG');
    expect(await errCode(engine.mapLookup(a.handle, le32(3)))).toBe('ENOENT');
    expect(await errCode(engine.mapDelete(a.handle, le32(1)))).toBe('EINVAL');
    expect(await errCode(engine.mapNextKey(a.handle, le32(2)))).toBe('ENOENT');
    const dump = await engine.mapDump(a.handle);
    expect(dump.entries.map((e) => [e.key[0], e.value[0]])).toEqual([
      [0, 0],
      [1, 7],
      [2, 0],
    ]);
    expect(await engine.mapDump(a.handle, 2)).toMatchObject({ truncated: true });
    expect((await engine.mapDump(a.handle, 3)).truncated).toBe(false);
  });

  it('per-CPU values are round_up(value_size, 8) bytes per possible CPU', async () => {
    const { engine } = env;
    const cpus = engine.describe().possibleCpus;
    const p = await engine.createMap({
      type: 'percpu_array',
      name: 'pc',
      keySize: 4,
      valueSize: 4,
      maxEntries: 2,
      flags: [],
    });
    const value = new Uint8Array(8 * cpus);
    for (let c = 0; c < cpus; c++) value[c * 8] = c + 1;
    await engine.mapUpdate(p.handle, le32(1), value, 'any');
    expect(await engine.mapLookup(p.handle, le32(1))).toEqual(value);
    await expect(engine.mapUpdate(p.handle, le32(1), new Uint8Array(4), 'any')).rejects.toThrow(
      new RegExp(`takes ${8 * cpus}`),
    );
    const ph = await engine.createMap({
      type: 'percpu_hash',
      name: 'ph',
      keySize: 4,
      valueSize: 12,
      maxEntries: 4,
      flags: [],
    });
    await engine.mapUpdate(ph.handle, le32(9), new Uint8Array(16 * cpus).fill(3), 'any');
    const dump = await engine.mapDump(ph.handle);
    expect(dump.entries).toHaveLength(1);
    expect(dump.entries[0]!.value).toEqual(new Uint8Array(16 * cpus).fill(3));
  });

  it('prog_array: values are program handles, lookups give the program id, dump lists filled slots', async () => {
    const { engine } = env;
    const pa = await engine.createMap({
      type: 'prog_array',
      name: 'jmp',
      keySize: 4,
      valueSize: 4,
      maxEntries: 4,
      flags: [],
    });
    const prog = await engine.loadProgram({ type: 'socket_filter', name: 'ret0', insns: RETURN_ZERO, license: 'GPL' });
    await expect(engine.mapUpdate(pa.handle, le32(0), le32(1), 'any')).rejects.toThrow(/value must be a handle/);
    expect(await errCode(engine.mapUpdate(pa.handle, le32(0), { handle: 777 }, 'any'))).toBe('EBADF');
    await engine.mapUpdate(pa.handle, le32(2), { handle: prog.handle }, 'any');
    expect(await errCode(engine.mapUpdate(pa.handle, le32(9), { handle: prog.handle }, 'any'))).toBe('E2BIG');
    expect(await engine.mapLookup(pa.handle, le32(2))).toEqual(le32(prog.id));
    expect(await errCode(engine.mapLookup(pa.handle, le32(1)))).toBe('ENOENT');
    const dump = await engine.mapDump(pa.handle);
    expect(dump.entries).toEqual([{ key: le32(2), value: le32(prog.id) }]);
    await engine.mapDelete(pa.handle, le32(2));
    expect(await errCode(engine.mapDelete(pa.handle, le32(2)))).toBe('ENOENT');
  });

  it('map-in-map: created from an inner template handle, stores maps by handle', async () => {
    const { engine } = env;
    const inner = await engine.createMap({
      type: 'array',
      name: 'inner',
      keySize: 4,
      valueSize: 4,
      maxEntries: 1,
      flags: [],
    });
    const outer = await engine.createMap({
      type: 'hash_of_maps',
      name: 'outer',
      keySize: 4,
      valueSize: 4,
      maxEntries: 4,
      flags: [],
      innerHandle: inner.handle,
    });
    await engine.mapUpdate(outer.handle, le32(1), { handle: inner.handle }, 'any');
    expect(await engine.mapLookup(outer.handle, le32(1))).toEqual(le32(inner.id));
  });

  it('queue: push, peek, pop, full, no key; get_next_key is EINVAL', async () => {
    const { engine } = env;
    const q = await engine.createMap({ type: 'queue', name: 'q', keySize: 0, valueSize: 4, maxEntries: 2, flags: [] });
    expect(await errCode(engine.mapLookup(q.handle, null))).toBe('ENOENT');
    await engine.mapUpdate(q.handle, null, le32(1), 'any');
    await engine.mapUpdate(q.handle, null, le32(2), 'any');
    expect(await errCode(engine.mapUpdate(q.handle, null, le32(3), 'any'))).toBe('E2BIG');
    await engine.mapUpdate(q.handle, null, le32(3), 'exist');
    expect(await engine.mapLookup(q.handle, null)).toEqual(le32(2));
    expect(await engine.mapLookupAndDelete(q.handle, null)).toEqual(le32(2));
    expect(await engine.mapLookupAndDelete(q.handle, null)).toEqual(le32(3));
    await expect(engine.mapLookup(q.handle, le32(0))).rejects.toThrow(/no key/);
    expect(await errCode(engine.mapNextKey(q.handle, null))).toBe('EINVAL');
    expect(await errCode(engine.mapDump(q.handle))).toBe('EINVAL');
  });

  it('ringbuf: every element op and the dump give ENOTSUPP (524)', async () => {
    const { engine } = env;
    const r = await engine.createMap({
      type: 'ringbuf',
      name: 'rb',
      keySize: 0,
      valueSize: 0,
      maxEntries: 4096,
      flags: [],
    });
    const e = await engine.mapLookup(r.handle, null).catch((x: BpfError) => x);
    expect(e).toMatchObject({ code: 'ENOTSUPP', errno: 524 });
    expect(await errCode(engine.mapUpdate(r.handle, null, new Uint8Array(0), 'any'))).toBe('ENOTSUPP');
    expect(await errCode(engine.mapDump(r.handle))).toBe('ENOTSUPP');
  });

  it('createMap and loadProgram refuse bad specs with EINVAL and show the verifier log', async () => {
    const { engine } = env;
    const base = { type: 'hash' as const, keySize: 4, valueSize: 8, maxEntries: 4, flags: [] };
    expect(await errCode(engine.createMap({ ...base, name: 'a-b' }))).toBe('EINVAL');
    expect(await errCode(engine.createMap({ ...base, name: 'x'.repeat(16) }))).toBe('EINVAL');
    expect(await errCode(engine.createMap({ ...base, name: 'ok', flags: ['bogus'] }))).toBe('EINVAL');
    expect(await errCode(engine.createMap({ ...base, type: 'array', name: 'ok', keySize: 8 }))).toBe('EINVAL');
    const lru = await engine.createMap({ ...base, type: 'lru_hash', name: 'lru', flags: ['no_common_lru'] });
    expect(await engine.objectInfo(lru.handle)).toMatchObject({ flagNames: ['no_common_lru'] });
    const bad = await engine
      .loadProgram({ type: 'socket_filter', name: 'bad', insns: RETURN_ZERO.subarray(8), license: 'GPL' })
      .catch((x: BpfError) => x);
    expect(bad).toMatchObject({ code: 'EACCES' });
    expect((bad as BpfError).message).toMatch(/R0 !read_ok/);
  });

  it('dumps 100,000 entries with batch lookup, equal to what was written', async () => {
    const { engine } = env;
    const n = 100_000;
    const h = await engine.createMap({ type: 'hash', name: 'big', keySize: 4, valueSize: 8, maxEntries: n, flags: [] });
    for (let i = 0; i < n; i++) await engine.mapUpdate(h.handle, le32(i), le64(i * 3), 'noexist');
    const started = Date.now();
    const dump = await engine.mapDump(h.handle);
    const elapsed = Date.now() - started;
    expect(dump.truncated).toBe(false);
    expect(dump.entries).toHaveLength(n);
    const seen = new Uint8Array(n);
    for (const { key, value } of dump.entries) {
      const k = new DataView(key.buffer, key.byteOffset).getUint32(0, true);
      expect(new DataView(value.buffer, value.byteOffset).getBigUint64(0, true)).toBe(BigInt(k * 3));
      seen[k] = 1;
    }
    expect(seen.every((s) => s === 1)).toBe(true);
    expect(elapsed).toBeLessThan(2000);
    const limited = await engine.mapDump(h.handle, 1000);
    expect(limited.entries).toHaveLength(1000);
    expect(limited.truncated).toBe(true);
  });
});
