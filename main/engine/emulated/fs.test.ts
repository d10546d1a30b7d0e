// docs/bpffs-semantics.md §1 (the file system): every errno row, then modes and metadata.
import { describe, expect, it } from 'vitest';

import type { PinStore } from '../../../shared/engine.js';

import { createEmulatedEngine, type EmulatedOptions } from './index.js';

/** A bare engine: no demo tree, no traffic, 2 possible CPUs unless the test says otherwise. */
const fresh = async (o: EmulatedOptions = {}): Promise<PinStore> =>
  createEmulatedEngine({ demo: false, traffic: false, possibleCpus: 2, ...o });

const hashSpec = { type: 'hash' as const, name: 'h', keySize: 4, valueSize: 4, maxEntries: 4, flags: [] };
const long = 'x'.repeat(256);

async function withPin(e: PinStore, path: string): Promise<number> {
  const h = await e.createMap(hashSpec);
  await e.pin(h.handle, path);
  return h.id;
}
const names = async (e: PinStore, dir = ''): Promise<string[]> =>
  (await e.list(dir)).map((d) => d.name).filter((n) => !n.endsWith('.debug'));

describe('names with a dot are EPERM, even when missing, and before the length check', () => {
  it.each([
    ['stat', (e: PinStore) => e.stat('a.b')],
    ['stat of a long dotted name', (e: PinStore) => e.stat(`${long}.x`)],
    ['mkdir', (e: PinStore) => e.mkdir('a.b')],
    ['mkdir of a long dotted name', (e: PinStore) => e.mkdir(`${long}.x`)],
    ['get', (e: PinStore) => e.get('a.b', 'rw')],
    ['pin', async (e: PinStore) => e.pin((await e.createMap(hashSpec)).handle, 'a.b')],
    [
      'rename target',
      async (e: PinStore) => {
        await e.mkdir('src');
        await e.rename('src', 'a.b');
      },
    ],
    ['symlink name', (e: PinStore) => e.symlink('anything', 'a.b')],
    [
      'hard link name',
      async (e: PinStore) => {
        await withPin(e, 'm');
        await e.link('m', 'a.b');
      },
    ],
    ['unlink', (e: PinStore) => e.unlink('a.b')],
    ['a dotted directory in the middle of a path', (e: PinStore) => e.stat('a.b/c')],
  ])('%s', async (_what, op) => {
    const e = await fresh();
    await expect(op(e)).rejects.toMatchObject({ code: 'EPERM' });
  });
});

describe('directory operations', () => {
  it('a name over 255 bytes without a dot is ENAMETOOLONG for mkdir, pin and stat; 255 bytes is fine', async () => {
    const e = await fresh();
    await expect(e.mkdir(long)).rejects.toMatchObject({ code: 'ENAMETOOLONG' });
    await expect(e.pin((await e.createMap(hashSpec)).handle, long)).rejects.toMatchObject({ code: 'ENAMETOOLONG' });
    await expect(e.stat(long)).rejects.toMatchObject({ code: 'ENAMETOOLONG' });
    await e.mkdir('y'.repeat(255));
    expect((await e.stat('y'.repeat(255))).kind).toBe('dir');
  });
  it('mkdir of an existing name is EEXIST, whether it is a directory or a pin', async () => {
    const e = await fresh();
    await e.mkdir('d');
    await withPin(e, 'm');
    await expect(e.mkdir('d')).rejects.toMatchObject({ code: 'EEXIST' });
    await expect(e.mkdir('m')).rejects.toMatchObject({ code: 'EEXIST' });
  });
  it('rmdir of a non-empty directory is ENOTEMPTY and leaves it; an empty one goes', async () => {
    const e = await fresh();
    await e.mkdir('d');
    await e.mkdir('d/sub');
    await expect(e.rmdir('d')).rejects.toMatchObject({ code: 'ENOTEMPTY' });
    expect(await names(e)).toEqual(['d']);
    await e.rmdir('d/sub');
    await e.rmdir('d');
    expect(await names(e)).toEqual([]);
  });
  it('rmdir of a pinned file is ENOTDIR and the pin stays', async () => {
    const e = await fresh();
    await withPin(e, 'm');
    await expect(e.rmdir('m')).rejects.toMatchObject({ code: 'ENOTDIR' });
    expect((await e.stat('m')).kind).toBe('map');
  });
  it('unlink of a directory is EISDIR, of a missing name ENOENT', async () => {
    const e = await fresh();
    await e.mkdir('d');
    await expect(e.unlink('d')).rejects.toMatchObject({ code: 'EISDIR' });
    await expect(e.unlink('nope')).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(e.unlink('d/nope')).rejects.toMatchObject({ code: 'ENOENT' });
  });
  it('a hard link to a directory is EPERM; to a pin it adds a name with nlink 2', async () => {
    const e = await fresh();
    await e.mkdir('d');
    const id = await withPin(e, 'm');
    await expect(e.link('d', 'd2')).rejects.toMatchObject({ code: 'EPERM' });
    await e.link('m', 'm2');
    expect(await e.stat('m2')).toMatchObject({ kind: 'map', nlink: 2, object: { id } });
    expect((await e.stat('m')).nlink).toBe(2);
  });
  it('rename with noreplace onto an existing name is EEXIST and changes nothing', async () => {
    const e = await fresh();
    const a = await withPin(e, 'a');
    const b = await withPin(e, 'b');
    await expect(e.rename('a', 'b', { noreplace: true })).rejects.toMatchObject({ code: 'EEXIST' });
    expect((await e.stat('a')).object?.id).toBe(a);
    expect((await e.stat('b')).object?.id).toBe(b);
  });
  it("a plain rename onto an existing file replaces it and drops the replaced pin's reference", async () => {
    const e = await fresh();
    const a = await e.createMap(hashSpec);
    const b = await e.createMap(hashSpec);
    await e.pin(a.handle, 'a');
    await e.pin(b.handle, 'b');
    await e.close(a.handle);
    await e.close(b.handle);
    await e.rename('a', 'b');
    expect(await names(e)).toEqual(['b']);
    expect((await e.stat('b')).object?.id).toBe(a.id);
    expect(await e.objectAlive('map', b.id)).toBe(false);
    expect(await e.objectAlive('map', a.id)).toBe(true);
  });
  it('rename with exchange swaps two entries, a directory and a pin too', async () => {
    const e = await fresh();
    await e.mkdir('d');
    const id = await withPin(e, 'm');
    await e.rename('d', 'm', { exchange: true });
    expect((await e.stat('d')).object?.id).toBe(id);
    expect((await e.stat('m')).kind).toBe('dir');
  });
  it('rename of a directory into its own subdirectory is EINVAL', async () => {
    const e = await fresh();
    await e.mkdir('d');
    await e.mkdir('d/sub');
    await expect(e.rename('d', 'd/sub/x')).rejects.toMatchObject({ code: 'EINVAL' });
    await expect(e.rename('d', 'd/x')).rejects.toMatchObject({ code: 'EINVAL' });
  });
  it('rename to another mount (an absolute path or one leaving the mount) is EXDEV', async () => {
    const e = await fresh();
    await withPin(e, 'm');
    await expect(e.rename('m', '/tmp/m')).rejects.toMatchObject({ code: 'EXDEV' });
    await expect(e.rename('m', '../m')).rejects.toMatchObject({ code: 'EXDEV' });
    expect((await e.stat('m')).kind).toBe('map');
  });
  it('a rename moves subtrees: the pins under a renamed directory are found at the new path', async () => {
    const e = await fresh();
    await e.mkdir('a');
    await e.mkdir('b');
    const id = await withPin(e, 'a/m');
    await e.rename('a', 'b/a2');
    expect((await e.stat('b/a2/m')).object?.id).toBe(id);
    await expect(e.stat('a')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('modes and metadata', () => {
  it('a pin is a 0600 & ~umask file owned by the caller', async () => {
    const root = await fresh();
    await withPin(root, 'm');
    expect(await root.stat('m')).toMatchObject({ kind: 'map', mode: 0o600, uid: 0, gid: 0, nlink: 1 });
    const user = await fresh({ uid: 1000, gid: 1001, umask: 0o077 });
    await withPin(user, 'm');
    expect(await user.stat('m')).toMatchObject({ mode: 0o600, uid: 1000, gid: 1001 });
    const strict = await fresh({ umask: 0o277 });
    await withPin(strict, 'm');
    expect((await strict.stat('m')).mode).toBe(0o400);
  });
  it('a directory gets the mkdir mode minus the umask', async () => {
    const e = await fresh({ umask: 0o027 });
    await e.mkdir('a');
    await e.mkdir('b', 0o700);
    await e.mkdir('c', 0o1777);
    expect((await e.stat('a')).mode).toBe(0o750);
    expect((await e.stat('b')).mode).toBe(0o700);
    expect((await e.stat('c')).mode).toBe(0o1750);
    expect((await e.stat('a')).kind).toBe('dir');
  });
  it('a symlink is 0777 and stat shows its target without following it', async () => {
    const e = await fresh({ umask: 0o077 });
    await withPin(e, 'm');
    await e.symlink('m', 'sl');
    expect(await e.stat('sl')).toMatchObject({ kind: 'symlink', mode: 0o777, target: 'm' });
    await e.symlink('nowhere', 'dangling');
    expect((await e.stat('dangling')).kind).toBe('symlink');
  });
  it('the mount root is sticky 1777', async () => {
    const e = await fresh({ umask: 0o077 });
    expect(await e.stat('')).toMatchObject({ kind: 'dir', mode: 0o1777 });
  });
  it('readdir lists the newest entries first, whatever their kind', async () => {
    const e = await fresh();
    await e.mkdir('first');
    await withPin(e, 'second');
    await e.symlink('second', 'third');
    await e.mkdir('fourth');
    expect(await names(e)).toEqual(['fourth', 'third', 'second', 'first']);
    await e.unlink('third');
    await e.symlink('second', 'third');
    expect(await names(e)).toEqual(['third', 'fourth', 'second', 'first']);
  });
  it('a new mount holds maps.debug and progs.debug: root-owned 0400 links, stat works, get is ENOENT', async () => {
    const e = await fresh();
    const debug = (await e.list('')).filter((d) => d.name.endsWith('.debug'));
    expect(debug.map((d) => d.name).sort()).toEqual(['maps.debug', 'progs.debug']);
    for (const d of debug) expect(d).toMatchObject({ kind: 'link', mode: 0o400, uid: 0, gid: 0 });
    for (const access of ['rw', 'ro', 'wo'] as const) {
      await expect(e.get('maps.debug', access)).rejects.toMatchObject({ code: 'ENOENT' });
      await expect(e.get('progs.debug', access)).rejects.toMatchObject({ code: 'ENOENT' });
    }
  });
  it('the debug links are root-owned even when the caller is not root', async () => {
    const e = await fresh({ uid: 1000, gid: 1000 });
    expect(await e.stat('maps.debug')).toMatchObject({ mode: 0o400, uid: 0, gid: 0 });
  });
  it('an engine made without preloaded links starts empty', async () => {
    const e = await fresh({ preloadDebugLinks: false });
    expect(await e.list('')).toEqual([]);
  });
});
