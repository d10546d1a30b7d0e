// docs/bpffs-semantics.md §2: BPF_OBJ_PIN and BPF_OBJ_GET, row by row, including permissions for a non-root caller.
import { describe, expect, it } from 'vitest';

import { uintToLe } from '../../../shared/bpf/hex.js';
import type { PinStore } from '../../../shared/engine.js';

import { simpleProgram } from './demo.js';
import { createEmulatedEngine, type EmulatedOptions } from './index.js';
import type { LinkObject } from './objects.js';

/** A bare engine: no demo tree, no traffic, 2 possible CPUs unless the test says otherwise. */
const fresh = async (o: EmulatedOptions = {}): Promise<PinStore> =>
  createEmulatedEngine({ demo: false, traffic: false, possibleCpus: 2, ...o });

const hashSpec = { type: 'hash' as const, name: 'h', keySize: 4, valueSize: 4, maxEntries: 4, flags: [] };
const k = (n: number): Uint8Array => uintToLe(n, 4);
const prog = { type: 'sched_cls' as const, name: 'p', insns: simpleProgram(0), license: 'GPL' };

describe('BPF_OBJ_PIN', () => {
  it('pins maps and programs; stat shows the object behind the new node', async () => {
    const e = await fresh();
    const m = await e.createMap(hashSpec);
    const p = await e.loadProgram(prog);
    await e.pin(m.handle, 'm');
    await e.pin(p.handle, 'p');
    expect(await e.stat('m')).toMatchObject({
      kind: 'map',
      object: { kind: 'map', id: m.id, type: 'hash', name: 'h' },
    });
    expect(await e.stat('p')).toMatchObject({ kind: 'prog', object: { kind: 'prog', id: p.id, type: 'sched_cls' } });
  });
  it('a closed handle cannot be pinned', async () => {
    const e = await fresh();
    const m = await e.createMap(hashSpec);
    await e.close(m.handle);
    await expect(e.pin(m.handle, 'm')).rejects.toMatchObject({ code: 'EBADF' });
    await expect(e.stat('m')).rejects.toMatchObject({ code: 'ENOENT' });
  });
  it.each([
    ['a missing parent', 'nope/m', 'ENOENT'],
    ['a parent that is a pinned file', 'file/m', 'ENOTDIR'],
    ['an existing name', 'file', 'EEXIST'],
    ['an existing directory', 'dir', 'EEXIST'],
    ['a dot in the name', 'dir/a.b', 'EPERM'],
    ['a trailing slash', 'dir/m/', 'ENOENT'],
  ])('refuses %s', async (_what, path, errno) => {
    const e = await fresh();
    const m = await e.createMap(hashSpec);
    await e.mkdir('dir');
    await e.pin(m.handle, 'file');
    await expect(e.pin(m.handle, path)).rejects.toMatchObject({ code: errno });
  });
  it('an absolute path or one leaving the mount is EXDEV; a path with a NUL or a . component is EINVAL', async () => {
    const e = await fresh();
    const m = await e.createMap(hashSpec);
    await expect(e.pin(m.handle, '/sys/fs/bpf/m')).rejects.toMatchObject({ code: 'EXDEV' });
    await expect(e.pin(m.handle, '../m')).rejects.toMatchObject({ code: 'EXDEV' });
    await expect(e.pin(m.handle, 'a\0b')).rejects.toMatchObject({ code: 'EINVAL' });
    await expect(e.pin(m.handle, './m')).rejects.toMatchObject({ code: 'EINVAL' });
  });
  it('pins through a symlinked directory land in its target', async () => {
    const e = await fresh();
    const m = await e.createMap(hashSpec);
    await e.mkdir('real');
    await e.symlink('real', 'alias');
    await e.pin(m.handle, 'alias/m');
    expect((await e.stat('real/m')).object?.id).toBe(m.id);
  });
  it('holds one reference: the object outlives its handle while pinned and goes with the pin', async () => {
    const e = await fresh();
    const m = await e.createMap(hashSpec);
    await e.mapUpdate(m.handle, k(1), k(7), 'any');
    await e.pin(m.handle, 'm');
    await e.close(m.handle);
    expect(await e.objectAlive('map', m.id)).toBe(true);
    const again = await e.get('m', 'ro');
    expect(await e.mapLookup(again.handle, k(1))).toEqual(k(7));
    await e.close(again.handle);
    await e.unlink('m');
    expect(await e.objectAlive('map', m.id)).toBe(false);
  });
  it('a read-only handle can be pinned and the pin opened read-write', async () => {
    const e = await fresh();
    const m = await e.createMap(hashSpec);
    await e.pin(m.handle, 'm');
    const ro = await e.get('m', 'ro');
    await e.pin(ro.handle, 'ro_pin');
    const rw = await e.get('ro_pin', 'rw');
    expect(rw.access).toBe('rw');
    await e.mapUpdate(rw.handle, k(1), k(2), 'any');
    expect(await e.mapLookup(ro.handle, k(1))).toEqual(k(2));
  });
  it('without write permission on the directory a non-root caller gets EACCES', async () => {
    const e = await fresh({ uid: 1000, gid: 1000 });
    const m = await e.createMap(hashSpec);
    await e.mkdir('locked', 0o555);
    await expect(e.pin(m.handle, 'locked/m')).rejects.toMatchObject({ code: 'EACCES' });
    await e.mkdir('open', 0o755);
    await e.pin(m.handle, 'open/m');
    expect((await e.stat('open/m')).uid).toBe(1000);
  });
  it('root may pin into a directory without write bits', async () => {
    const e = await fresh();
    const m = await e.createMap(hashSpec);
    await e.mkdir('locked', 0o555);
    await e.pin(m.handle, 'locked/m');
    expect((await e.stat('locked/m')).kind).toBe('map');
  });
});

describe('BPF_OBJ_GET', () => {
  it('gives a new handle on the pinned object, with the path it came from', async () => {
    const e = await fresh();
    const m = await e.createMap(hashSpec);
    await e.mkdir('d');
    await e.pin(m.handle, 'd/m');
    const got = await e.get('d/m', 'rw');
    expect(got).toMatchObject({ kind: 'map', id: m.id, access: 'rw', origin: 'get', path: 'd/m' });
    expect(got.handle).not.toBe(m.handle);
    expect(e.handles().map((h) => h.handle)).toEqual([m.handle, got.handle]);
  });
  it('follows symlinks, chains of them too', async () => {
    const e = await fresh();
    const m = await e.createMap(hashSpec);
    await e.pin(m.handle, 'm');
    await e.symlink('m', 's1');
    await e.symlink('s1', 's2');
    expect((await e.get('s2', 'rw')).id).toBe(m.id);
  });
  it('a missing path is ENOENT, a dangling symlink too', async () => {
    const e = await fresh();
    await expect(e.get('nope', 'rw')).rejects.toMatchObject({ code: 'ENOENT' });
    await e.symlink('gone', 'dangling');
    await expect(e.get('dangling', 'rw')).rejects.toMatchObject({ code: 'ENOENT' });
  });
  it('a directory, a symlink to one, and the mount root are EACCES', async () => {
    const e = await fresh();
    await e.mkdir('d');
    await e.symlink('d', 'sd');
    for (const access of ['rw', 'ro', 'wo'] as const) {
      await expect(e.get('d', access)).rejects.toMatchObject({ code: 'EACCES' });
      await expect(e.get('sd', access)).rejects.toMatchObject({ code: 'EACCES' });
      await expect(e.get('', access)).rejects.toMatchObject({ code: 'EACCES' });
    }
  });
  it('opens maps read-only, write-only or read-write as asked', async () => {
    const e = await fresh();
    const m = await e.createMap(hashSpec);
    await e.pin(m.handle, 'm');
    for (const access of ['rw', 'ro', 'wo'] as const) expect((await e.get('m', access)).access).toBe(access);
  });
  it('a read-only map handle gets EPERM on update, delete, lookup_and_delete and freeze; reads work', async () => {
    const e = await fresh();
    const m = await e.createMap(hashSpec);
    await e.mapUpdate(m.handle, k(1), k(5), 'any');
    await e.pin(m.handle, 'm');
    const ro = await e.get('m', 'ro');
    await expect(e.mapUpdate(ro.handle, k(1), k(6), 'any')).rejects.toMatchObject({ code: 'EPERM' });
    await expect(e.mapDelete(ro.handle, k(1))).rejects.toMatchObject({ code: 'EPERM' });
    await expect(e.mapLookupAndDelete(ro.handle, k(1))).rejects.toMatchObject({ code: 'EPERM' });
    await expect(e.mapFreeze(ro.handle)).rejects.toMatchObject({ code: 'EPERM' });
    expect(await e.mapLookup(ro.handle, k(1))).toEqual(k(5));
    expect(await e.mapNextKey(ro.handle, null)).toEqual(k(1));
    expect((await e.mapDump(ro.handle)).entries).toHaveLength(1);
  });
  it('a write-only map handle gets EPERM on lookup, get_next_key, lookup_and_delete and dump; writes work', async () => {
    const e = await fresh();
    const m = await e.createMap(hashSpec);
    await e.pin(m.handle, 'm');
    const wo = await e.get('m', 'wo');
    await e.mapUpdate(wo.handle, k(1), k(5), 'any');
    await expect(e.mapLookup(wo.handle, k(1))).rejects.toMatchObject({ code: 'EPERM' });
    await expect(e.mapNextKey(wo.handle, null)).rejects.toMatchObject({ code: 'EPERM' });
    await expect(e.mapLookupAndDelete(wo.handle, k(1))).rejects.toMatchObject({ code: 'EPERM' });
    await expect(e.mapDump(wo.handle)).rejects.toMatchObject({ code: 'EPERM' });
    expect(await e.mapLookup(m.handle, k(1))).toEqual(k(5));
    await e.mapDelete(wo.handle, k(1));
    await expect(e.mapLookup(m.handle, k(1))).rejects.toMatchObject({ code: 'ENOENT' });
  });
  it('a program ignores the mode: a read-only or write-only program handle still works as a prog_array value', async () => {
    const e = await fresh();
    const p = await e.loadProgram(prog);
    await e.pin(p.handle, 'p');
    const pa = await e.createMap({
      type: 'prog_array',
      name: 'pa',
      keySize: 4,
      valueSize: 4,
      maxEntries: 2,
      flags: [],
    });
    const ro = await e.get('p', 'ro');
    const wo = await e.get('p', 'wo');
    await e.mapUpdate(pa.handle, k(0), { handle: ro.handle }, 'any');
    await e.mapUpdate(pa.handle, k(1), { handle: wo.handle }, 'any');
    expect(await e.mapLookup(pa.handle, k(1))).toEqual(k(p.id));
  });
});

describe('BPF_OBJ_GET of a link', () => {
  /** A link pinned by some other process (the API cannot create links): an xdp link on ifindex 1. */
  function engineWithPinnedLink() {
    const e = createEmulatedEngine({ demo: false, traffic: false, possibleCpus: 2 });
    const p = e.makeProgram({ ...prog, type: 'xdp' });
    e.objects.hold(p, false);
    const link: LinkObject = {
      kind: 'link',
      id: e.objects.allocId('link'),
      type: 'xdp',
      prog: p,
      attach: { ifindex: 1 },
      refcnt: 0,
    };
    e.objects.register(link);
    e.pinObject(link, 'l');
    return { e, link };
  }
  it('read-only or write-only is EINVAL; read-write gives a link handle', async () => {
    const { e, link } = engineWithPinnedLink();
    await expect(e.get('l', 'ro')).rejects.toMatchObject({ code: 'EINVAL' });
    await expect(e.get('l', 'wo')).rejects.toMatchObject({ code: 'EINVAL' });
    const h = await e.get('l', 'rw');
    expect(h).toMatchObject({ kind: 'link', id: link.id, access: 'rw' });
    expect(await e.objectInfo(h.handle)).toMatchObject({ kind: 'link', type: 'xdp', progId: link.prog.id });
  });
  it('a link handle can be pinned again, and the link lives while any pin or handle does', async () => {
    const { e, link } = engineWithPinnedLink();
    const h = await e.get('l', 'rw');
    await e.pin(h.handle, 'l2');
    await e.unlink('l');
    await e.close(h.handle);
    expect(await e.objectAlive('link', link.id)).toBe(true);
    await e.unlink('l2');
    expect(await e.objectAlive('link', link.id)).toBe(false);
    expect(await e.objectAlive('prog', link.prog.id)).toBe(false);
  });
  it('a link handle is not a map: element operations are EINVAL', async () => {
    const { e } = engineWithPinnedLink();
    const h = await e.get('l', 'rw');
    await expect(e.mapLookup(h.handle, k(0))).rejects.toMatchObject({ code: 'EINVAL' });
  });
});

describe('BPF_OBJ_GET permissions for a non-root caller', () => {
  it('read-write needs r and w, read-only r, write-only w on the node', async () => {
    const readable = await fresh({ uid: 1000, gid: 1000, umask: 0o277 });
    const m = await readable.createMap(hashSpec);
    await readable.pin(m.handle, 'm');
    expect((await readable.stat('m')).mode).toBe(0o400);
    await expect(readable.get('m', 'rw')).rejects.toMatchObject({ code: 'EACCES' });
    await expect(readable.get('m', 'wo')).rejects.toMatchObject({ code: 'EACCES' });
    expect((await readable.get('m', 'ro')).access).toBe('ro');

    const writable = await fresh({ uid: 1000, gid: 1000, umask: 0o477 });
    const w = await writable.createMap(hashSpec);
    await writable.pin(w.handle, 'm');
    expect((await writable.stat('m')).mode).toBe(0o200);
    await expect(writable.get('m', 'rw')).rejects.toMatchObject({ code: 'EACCES' });
    await expect(writable.get('m', 'ro')).rejects.toMatchObject({ code: 'EACCES' });
    expect((await writable.get('m', 'wo')).access).toBe('wo');
  });
  it('the check applies to programs too, though their handles ignore the mode', async () => {
    const e = await fresh({ uid: 1000, gid: 1000, umask: 0o477 });
    const p = await e.loadProgram(prog);
    await e.pin(p.handle, 'p');
    await expect(e.get('p', 'ro')).rejects.toMatchObject({ code: 'EACCES' });
    await expect(e.get('p', 'rw')).rejects.toMatchObject({ code: 'EACCES' });
    expect((await e.get('p', 'wo')).id).toBe(p.id);
  });
  it("root is not held back by the node's mode", async () => {
    const e = await fresh({ umask: 0o777 });
    const m = await e.createMap(hashSpec);
    await e.pin(m.handle, 'm');
    expect((await e.stat('m')).mode).toBe(0);
    expect((await e.get('m', 'rw')).access).toBe('rw');
  });
  it('a non-root caller cannot open the root-owned 0400 debug links', async () => {
    const e = await fresh({ uid: 1000, gid: 1000 });
    await expect(e.get('maps.debug', 'ro')).rejects.toMatchObject({ code: 'EACCES' });
  });
});
