// Behaviour of the emulated engine against docs/bpffs-semantics.md (demo: false unless said).
import { describe, expect, it } from 'vitest';

import { uintToLe } from '../../../shared/bpf/hex.js';

import { demoObjectsOf, simpleProgram } from './demo.js';
import { createEmulatedEngine, trafficTick } from './index.js';

const fresh = (cpus = 2) => createEmulatedEngine({ demo: false, possibleCpus: cpus });
const code = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'ok',
    (e: { code: string }) => e.code,
  );
const hashSpec = { type: 'hash' as const, name: 'h', keySize: 4, valueSize: 4, maxEntries: 2, flags: [] };

describe('tree', () => {
  it('starts with the preloaded debug links, stat works, get is ENOENT', async () => {
    const e = fresh();
    expect((await e.list('')).map((d) => d.name)).toEqual(['maps.debug', 'progs.debug']);
    expect((await e.stat('maps.debug')).mode).toBe(0o400);
    expect(await code(e.get('maps.debug', 'ro'))).toBe('ENOENT');
    expect((await e.stat('')).mode).toBe(0o1777);
  });
  it('gives the kernel errno for every refusal', async () => {
    const e = fresh();
    const h = await e.createMap(hashSpec);
    expect(await code(e.stat('a.b'))).toBe('EPERM');
    expect(await code(e.mkdir('x'.repeat(256)))).toBe('ENAMETOOLONG');
    expect(await code(e.mkdir(`${'x'.repeat(256)}.`))).toBe('EPERM');
    await e.mkdir('d');
    expect((await e.stat('d')).mode).toBe(0o755);
    expect(await code(e.mkdir('d'))).toBe('EEXIST');
    await e.pin(h.handle, 'd/m');
    expect((await e.stat('d/m')).mode).toBe(0o600);
    expect(await code(e.rmdir('d'))).toBe('ENOTEMPTY');
    expect(await code(e.rmdir('d/m'))).toBe('ENOTDIR');
    expect(await code(e.unlink('d'))).toBe('EISDIR');
    expect(await code(e.unlink('d/nope'))).toBe('ENOENT');
    expect(await code(e.link('d', 'd2'))).toBe('EPERM');
    expect(await code(e.pin(h.handle, 'no/m'))).toBe('ENOENT');
    expect(await code(e.pin(h.handle, 'd/m/x'))).toBe('ENOTDIR');
    expect(await code(e.pin(h.handle, 'd/'))).toBe('EEXIST');
    expect(await code(e.pin(h.handle, 'nx/'))).toBe('ENOENT');
    expect(await code(e.get('d', 'rw'))).toBe('EACCES');
    expect(await code(e.get('', 'rw'))).toBe('EACCES');
    await e.mkdir('d/sub');
    expect(await code(e.rename('d', 'd/sub/x'))).toBe('EINVAL');
  });
  it('lists newest first, moves renamed entries to the head, and exchanges like d_move', async () => {
    const e = createEmulatedEngine({ demo: false, preloadDebugLinks: false });
    const h = await e.createMap(hashSpec);
    for (const n of ['a', 'b', 'c', 'd']) await e.pin(h.handle, n);
    await e.rename('a', 'z');
    expect((await e.list('')).map((d) => d.name)).toEqual(['z', 'd', 'c', 'b']);
    await e.rename('b', 'd', { exchange: true });
    expect((await e.list('')).map((d) => d.name)).toEqual(['d', 'b', 'z', 'c']);
    expect(await code(e.rename('c', 'b', { noreplace: true }))).toBe('EEXIST');
    await e.rename('c', 'b');
    expect((await e.list('')).map((d) => d.name)).toEqual(['b', 'd', 'z']);
  });
  it('follows symlinks on get and refuses targets outside the mount', async () => {
    const e = fresh();
    const h = await e.createMap(hashSpec);
    await e.mkdir('d');
    await e.pin(h.handle, 'm');
    await e.symlink('../m', 'd/sl');
    await e.symlink('/sys/fs/bpf/m', 'abs');
    await e.symlink('../../etc', 'd/out');
    expect((await e.get('d/sl', 'ro')).id).toBe(h.id);
    expect((await e.get('abs', 'ro')).id).toBe(h.id);
    expect(await code(e.get('d/out', 'ro'))).toBe('EXDEV');
    expect((await e.stat('d/sl')).kind).toBe('symlink');
  });
});

describe('lifetime', () => {
  it('keeps an object alive through pins, hard links and handles, and frees its id at once', async () => {
    const e = fresh();
    const freed: number[] = [];
    e.subscribe((ev) => {
      if (ev.type === 'object-freed') freed.push(ev.id);
    });
    const h = await e.createMap(hashSpec);
    await e.pin(h.handle, 'a');
    await e.link('a', 'b');
    expect((await e.stat('b')).nlink).toBe(2);
    await e.close(h.handle);
    await e.unlink('a');
    expect(await e.objectAlive('map', h.id)).toBe(true);
    await e.unlink('b');
    expect(await e.objectAlive('map', h.id)).toBe(false);
    expect(freed).toEqual([h.id]);
  });
  it('prog_array entries hold their program and the array is cleared when its users go', async () => {
    const e = fresh();
    const p = await e.loadProgram({ type: 'sched_cls', name: 'p', insns: simpleProgram(0), license: 'GPL' });
    const pa = await e.createMap({
      type: 'prog_array',
      name: 'pa',
      keySize: 4,
      valueSize: 4,
      maxEntries: 4,
      flags: [],
    });
    await e.mapUpdate(pa.handle, uintToLe(1, 4), { handle: p.handle }, 'any');
    expect(await e.mapLookup(pa.handle, uintToLe(1, 4))).toEqual(uintToLe(p.id, 4));
    await e.close(p.handle);
    expect(await e.objectAlive('prog', p.id)).toBe(true);
    await e.pin(pa.handle, 'pa');
    const again = await e.get('pa', 'rw');
    await e.close(pa.handle);
    await e.close(again.handle);
    expect(await e.objectAlive('prog', p.id)).toBe(true);
    await e.unlink('pa');
    expect(await e.objectAlive('prog', p.id)).toBe(false);
  });
  it('map-in-map entries hold the inner map', async () => {
    const e = fresh();
    const inner = await e.createMap(hashSpec);
    const outer = await e.createMap({
      type: 'array_of_maps',
      name: 'o',
      keySize: 4,
      valueSize: 4,
      maxEntries: 2,
      flags: [],
      innerHandle: inner.handle,
    });
    await e.mapUpdate(outer.handle, uintToLe(0, 4), { handle: inner.handle }, 'any');
    await e.close(inner.handle);
    expect(await e.objectAlive('map', inner.id)).toBe(true);
    await e.mapDelete(outer.handle, uintToLe(0, 4));
    expect(await e.objectAlive('map', inner.id)).toBe(false);
  });
});

describe('maps', () => {
  it('applies creation rules', async () => {
    const e = fresh();
    expect(await code(e.createMap({ ...hashSpec, type: 'array', keySize: 8 }))).toBe('EINVAL');
    expect(await code(e.createMap({ ...hashSpec, type: 'lru_hash', flags: ['no_prealloc'] }))).toBe('ENOTSUPP');
    expect(await code(e.createMap({ ...hashSpec, flags: ['rdonly', 'wronly'] }))).toBe('EINVAL');
    expect(await code(e.createMap({ ...hashSpec, name: 'bad-name' }))).toBe('EINVAL');
    expect(await code(e.createMap({ ...hashSpec, type: 'lpm_trie', keySize: 8 }))).toBe('EINVAL');
    expect(await code(e.createMap({ ...hashSpec, type: 'ringbuf', keySize: 0, valueSize: 0, maxEntries: 4096 }))).toBe(
      'ok',
    );
    const ro = await e.createMap({ ...hashSpec, flags: ['rdonly'] });
    expect(ro.access).toBe('ro');
    expect(await code(e.mapUpdate(ro.handle, uintToLe(1, 4), uintToLe(1, 4), 'any'))).toBe('EPERM');
    expect(((await e.objectInfo(ro.handle)) as { flags: number }).flags).toBe(0);
  });
  it('hash: flags, full, next key', async () => {
    const e = fresh();
    const h = await e.createMap(hashSpec);
    const k = (n: number) => uintToLe(n, 4);
    await e.mapUpdate(h.handle, k(1), k(10), 'any');
    expect(await code(e.mapUpdate(h.handle, k(1), k(10), 'noexist'))).toBe('EEXIST');
    expect(await code(e.mapUpdate(h.handle, k(2), k(10), 'exist'))).toBe('ENOENT');
    await e.mapUpdate(h.handle, k(2), k(20), 'any');
    expect(await code(e.mapUpdate(h.handle, k(3), k(30), 'any'))).toBe('E2BIG');
    await e.mapUpdate(h.handle, k(2), k(21), 'any');
    expect(await code(e.mapLookup(h.handle, k(3)))).toBe('ENOENT');
    expect(await code(e.mapLookup(h.handle, uintToLe(1, 8)))).toBe('EINVAL');
    const first = await e.mapNextKey(h.handle, null);
    const second = await e.mapNextKey(h.handle, first);
    expect(await code(e.mapNextKey(h.handle, second))).toBe('ENOENT');
    expect((await e.mapDump(h.handle)).entries).toHaveLength(2);
  });
  it('lru evicts the least recently updated element', async () => {
    const e = fresh();
    const h = await e.createMap({ ...hashSpec, type: 'lru_hash' });
    const k = (n: number) => uintToLe(n, 4);
    await e.mapUpdate(h.handle, k(1), k(1), 'any');
    await e.mapUpdate(h.handle, k(2), k(2), 'any');
    await e.mapUpdate(h.handle, k(1), k(1), 'any');
    await e.mapUpdate(h.handle, k(3), k(3), 'any');
    expect(await code(e.mapLookup(h.handle, k(2)))).toBe('ENOENT');
  });
  it('array, per-CPU sizes, queue, ringbuf, freeze', async () => {
    const e = fresh(3);
    const a = await e.createMap({ type: 'array', name: 'a', keySize: 4, valueSize: 4, maxEntries: 2, flags: [] });
    expect(await code(e.mapUpdate(a.handle, uintToLe(2, 4), uintToLe(1, 4), 'any'))).toBe('E2BIG');
    expect(await code(e.mapUpdate(a.handle, uintToLe(0, 4), uintToLe(1, 4), 'noexist'))).toBe('EEXIST');
    expect(await code(e.mapDelete(a.handle, uintToLe(0, 4)))).toBe('EINVAL');
    expect(await code(e.mapNextKey(a.handle, uintToLe(1, 4)))).toBe('ENOENT');
    const pc = await e.createMap({
      type: 'percpu_array',
      name: 'pc',
      keySize: 4,
      valueSize: 4,
      maxEntries: 2,
      flags: [],
    });
    expect(await e.mapLookup(pc.handle, uintToLe(0, 4))).toHaveLength(24);
    const q = await e.createMap({ type: 'queue', name: 'q', keySize: 0, valueSize: 1, maxEntries: 2, flags: [] });
    await e.mapUpdate(q.handle, null, new Uint8Array([1]), 'any');
    await e.mapUpdate(q.handle, null, new Uint8Array([2]), 'any');
    expect(await code(e.mapUpdate(q.handle, null, new Uint8Array([3]), 'any'))).toBe('E2BIG');
    await e.mapUpdate(q.handle, null, new Uint8Array([3]), 'exist');
    expect(await e.mapLookupAndDelete(q.handle, null)).toEqual(new Uint8Array([2]));
    expect(await code(e.mapDump(q.handle))).toBe('EINVAL');
    const rb = await e.createMap({
      type: 'ringbuf',
      name: 'rb',
      keySize: 0,
      valueSize: 0,
      maxEntries: 4096,
      flags: [],
    });
    expect(await code(e.mapLookup(rb.handle, null))).toBe('ENOTSUPP');
    expect(await code(e.mapDump(rb.handle))).toBe('ENOTSUPP');
    await e.mapFreeze(a.handle);
    expect(await code(e.mapUpdate(a.handle, uintToLe(0, 4), uintToLe(1, 4), 'any'))).toBe('EPERM');
    expect(await code(e.mapFreeze(a.handle))).toBe('EPERM');
  });
});

describe('programs', () => {
  it('computes the 6.18 tag and validates like the verifier', async () => {
    const e = fresh();
    const p = await e.loadProgram({ type: 'socket_filter', name: 'p', insns: simpleProgram(0), license: 'GPL' });
    const info = await e.objectInfo(p.handle);
    expect(info).toMatchObject({ tag: '59f4a931744dcdc6', xlatedLen: 16, verifiedInsns: 2, gplCompatible: true });
    const exitOnly = new Uint8Array(8);
    exitOnly[0] = 0x95;
    expect(await code(e.loadProgram({ type: 'socket_filter', name: 'p', insns: exitOnly, license: 'GPL' }))).toBe(
      'EACCES',
    );
    expect(
      await code(e.loadProgram({ type: 'socket_filter', name: 'p', insns: new Uint8Array(0), license: 'GPL' })),
    ).toBe('E2BIG');
    expect(
      await code(
        e.loadProgram({ type: 'socket_filter', name: 'p', insns: simpleProgram(0).slice(0, 8), license: 'GPL' }),
      ),
    ).toBe('EINVAL');
  });
});

describe('demo', () => {
  it('has the demo tree and traffic changes counters', async () => {
    const e = createEmulatedEngine({ traffic: false, possibleCpus: 2 });
    expect((await e.list('tc/globals')).map((d) => d.name)).toContain('cilium_ct4_global');
    expect((await e.stat('maps/xdp_stats')).nlink).toBe(2);
    const ct = await e.get('maps/conntrack', 'ro');
    const before = (await e.mapDump(ct.handle)).entries;
    trafficTick(e);
    const after = (await e.mapDump(ct.handle)).entries;
    expect(after).not.toEqual(before);
    expect(demoObjectsOf(e)).toBeDefined();
    const objs = await e.listObjects();
    expect(objs.some((o) => o.pins.length === 0 && o.handles.length === 0)).toBe(true);
    await e.dispose();
  });
});
