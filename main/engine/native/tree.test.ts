// Directory operations on a real private bpffs, with the errnos the kernel gives.

import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, linkSync, lstatSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it, vi } from 'vitest';

import { BpfError } from '../../../shared/errors.js';

import { bpftoolMapCreate } from '../../../test/support/bpftool-map.js';
import {
  bpftoolSkipReason,
  errCode,
  nativeSkipReason,
  newHash,
  useNativeEngine,
} from '../../../test/support/native-env.js';

import { createNativeEngine } from './engine.js';

const noBpftool = bpftoolSkipReason('tree.test.ts');
const skip = nativeSkipReason('tree.test.ts');

describe.skipIf(skip !== undefined)('native engine: tree', () => {
  const env = useNativeEngine();

  it('lists a new mount with the preloaded iterator links known by name, not by failing to open', async () => {
    const entries = await env.engine.list('');
    const names = entries.map((e) => e.name).sort();
    expect(names).toEqual(['maps.debug', 'progs.debug']);
    for (const e of entries) {
      expect(e).toMatchObject({
        kind: 'link',
        mode: 0o400,
        uid: 0,
        preloaded: e.name === 'maps.debug' ? 'maps' : 'progs',
      });
      expect(e.object).toBeUndefined();
      expect(e.noAccess).toBeUndefined();
    }
    const root = await env.engine.stat('');
    expect(root).toMatchObject({ kind: 'dir', name: '', path: '' });
    expect(root.mode & 0o1000).toBe(0o1000);
  });

  it('creates folders, pins, hard links and symlinks that list with their objects', async () => {
    const { engine } = env;
    await engine.mkdir('tc');
    await engine.mkdir('tc/globals', 0o750);
    const h = await newHash(engine);
    await engine.pin(h.handle, 'tc/globals/m');
    await engine.link('tc/globals/m', 'tc/m2');
    await engine.symlink('globals/m', 'tc/ln');
    const tc = await engine.list('tc');
    const byName = Object.fromEntries(tc.map((e) => [e.name, e]));
    expect(byName.globals).toMatchObject({ kind: 'dir', path: 'tc/globals' });
    expect(byName.globals!.mode).toBe(0o750 & ~process.umask());
    expect(byName.m2).toMatchObject({
      kind: 'map',
      nlink: 2,
      object: { kind: 'map', id: h.id, type: 'hash', name: 'h' },
    });
    expect(byName.ln).toMatchObject({ kind: 'symlink', target: 'globals/m' });
    const pinned = await engine.stat('tc/globals/m');
    expect(pinned.mode).toBe(0o600 & ~process.umask());
    // Get follows the symlink to the same object.
    const got = await engine.get('tc/ln', 'ro');
    expect(got).toMatchObject({ kind: 'map', id: h.id, access: 'ro', origin: 'get', path: 'tc/ln' });
  });

  it('lists what changed since the last listing: modes, owners, link counts and the object behind a name', async () => {
    const { engine, mount } = env;
    const a = await newHash(engine);
    const b = await newHash(engine);
    await engine.pin(a.handle, 'x');
    expect((await engine.list('')).find((e) => e.name === 'x')).toMatchObject({ mode: 0o600, nlink: 1 });
    chmodSync(join(mount.dir, 'x'), 0o640);
    chownSync(join(mount.dir, 'x'), 7, 8);
    linkSync(join(mount.dir, 'x'), join(mount.dir, 'y'));
    const x = (await engine.list('')).find((e) => e.name === 'x');
    expect(x).toMatchObject({ mode: 0o640, uid: 7, gid: 8, nlink: 2, object: { id: a.id } });
    // Same name, another pin: the new inode is identified afresh.
    rmSync(join(mount.dir, 'x'));
    await engine.pin(b.handle, 'x');
    expect((await engine.stat('x')).object?.id).toBe(b.id);
    expect((await engine.stat('y')).object?.id).toBe(a.id);
  });

  it('refuses what the kernel refuses, with its errno', async () => {
    const { engine } = env;
    await engine.mkdir('d');
    const h = await newHash(engine);
    await engine.pin(h.handle, 'd/m');
    expect(await errCode(engine.mkdir('d'))).toBe('EEXIST');
    expect(await errCode(engine.mkdir('a.b'))).toBe('EPERM');
    expect(await errCode(engine.mkdir('x'.repeat(256)))).toBe('ENAMETOOLONG');
    expect(await errCode(engine.rmdir('d'))).toBe('ENOTEMPTY');
    expect(await errCode(engine.rmdir('d/m'))).toBe('ENOTDIR');
    expect(await errCode(engine.unlink('d'))).toBe('EISDIR');
    expect(await errCode(engine.unlink('d/missing'))).toBe('ENOENT');
    expect(await errCode(engine.link('d', 'd2'))).toBe('EPERM');
    expect(await errCode(engine.pin(h.handle, 'd/m'))).toBe('EEXIST');
    expect(await errCode(engine.pin(h.handle, 'nope/m'))).toBe('ENOENT');
    expect(await errCode(engine.pin(h.handle, 'd/m/x'))).toBe('ENOTDIR');
    expect(await errCode(engine.get('d', 'rw'))).toBe('EACCES');
    expect(await errCode(engine.get('d/missing', 'rw'))).toBe('ENOENT');
    expect(await errCode(engine.get('maps.debug', 'rw'))).toBe('ENOENT');
    expect(await errCode(engine.rename('d', 'd/sub'))).toBe('EINVAL');
    expect(await errCode(engine.close(999))).toBe('EBADF');
    expect(await errCode(engine.list('d/m'))).toBe('ENOTDIR');
  });

  it('renames with replace, noreplace and exchange', async () => {
    const { engine } = env;
    const a = await newHash(engine);
    const b = await newHash(engine);
    await engine.pin(a.handle, 'a');
    await engine.pin(b.handle, 'b');
    expect(await errCode(engine.rename('a', 'b', { noreplace: true }))).toBe('EEXIST');
    await engine.rename('a', 'b', { exchange: true });
    expect((await engine.stat('a')).object?.id).toBe(b.id);
    expect((await engine.stat('b')).object?.id).toBe(a.id);
    await engine.rename('a', 'b');
    expect((await engine.stat('b')).object?.id).toBe(b.id);
    expect(await errCode(engine.stat('a'))).toBe('ENOENT');
  });

  it('keeps every path inside the mount: .., absolute and symlinks leading out are EXDEV and change nothing', async () => {
    const { engine, mount } = env;
    const outside = mkdtempSync(join(tmpdir(), 'bpfscope-outside-'));
    try {
      const h = await newHash(engine);
      await engine.symlink(outside, 'out');
      await engine.symlink('../..', 'up');
      expect(await errCode(engine.mkdir('../x'))).toBe('EXDEV');
      expect(await errCode(engine.mkdir('/tmp/x'))).toBe('EXDEV');
      expect(await errCode(engine.mkdir('out/x'))).toBe('EXDEV');
      expect(await errCode(engine.pin(h.handle, 'out/m'))).toBe('EXDEV');
      expect(await errCode(engine.pin(h.handle, 'up/m'))).toBe('EXDEV');
      expect(await errCode(engine.list('out'))).toBe('EXDEV');
      expect(await errCode(engine.get('out', 'rw'))).toBe('EXDEV');
      // rename never follows its last name: "out/" is the symlink itself, which a trailing slash refuses.
      expect(await errCode(engine.rename('out/', 'y'))).toBe('ENOTDIR');
      expect(await errCode(engine.rename('out/x', 'y'))).toBe('EXDEV');
      expect(await errCode(engine.list('a\0b'))).toBe('EINVAL');
      expect(existsSync(join(outside, 'x'))).toBe(false);
      expect(existsSync(join(outside, 'm'))).toBe(false);
      // The symlinks themselves are entries of the mount and can be removed.
      await engine.unlink('out');
      expect(lstatSync(outside).isDirectory()).toBe(true);
      expect((await engine.list('')).map((e) => e.name).sort()).toEqual(['maps.debug', 'progs.debug', 'up']);
      expect(mount.dir).toBeTruthy();
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('refuses symlinks that lead out to places that do not exist (yet) with EXDEV, creating nothing there', async () => {
    const { engine } = env;
    const outside = mkdtempSync(join(tmpdir(), 'bpfscope-outside-'));
    try {
      const h = await newHash(engine);
      await engine.symlink(join(outside, 'later'), 'gone');
      await engine.symlink('gone/deeper', 'hop');
      await engine.symlink('../bpfscope-no-such-dir', 'up');
      for (const path of ['gone/x', 'hop/x', 'up/x']) {
        expect(await errCode(engine.mkdir(path))).toBe('EXDEV');
        expect(await errCode(engine.pin(h.handle, path))).toBe('EXDEV');
      }
      expect(await errCode(engine.get('gone', 'rw'))).toBe('EXDEV');
      expect(await errCode(engine.get('hop', 'rw'))).toBe('EXDEV');
      expect(existsSync(join(outside, 'later'))).toBe(false);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('gives the kernel errno, not a pre-check one, for paths that do not resolve inside the mount', async () => {
    const { engine } = env;
    const h = await newHash(engine);
    await engine.pin(h.handle, 'm');
    await engine.symlink('loop', 'loop');
    // link looks up the source before the new name's folder; rename resolves both folders first.
    expect(await errCode(engine.link('a.b', 'd/a'))).toBe('EPERM');
    expect(await errCode(engine.rename('a.b', 'd/a'))).toBe('ENOENT');
    expect(await errCode(engine.mkdir('d/a'))).toBe('ENOENT');
    expect(await errCode(engine.pin(h.handle, 'm/x'))).toBe('ENOTDIR');
    expect(await errCode(engine.mkdir('loop/x'))).toBe('ELOOP');
    expect(await errCode(engine.get('loop', 'rw'))).toBe('ELOOP');
    expect(await errCode(engine.symlink('m', 'a.b/s'))).toBe('EPERM');
  });

  it('refuses to start on a folder that is not a bpffs mount root, saying how to mount one', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'bpfscope-plain-'));
    try {
      let err: unknown;
      try {
        createNativeEngine({ bpffs: plain });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(BpfError);
      expect((err as BpfError).message).toContain('not a bpffs mount');
      expect((err as BpfError).hint).toContain(`mount -t bpf bpf ${plain}`);
      await env.engine.mkdir('sub');
      expect(() => createNativeEngine({ bpffs: join(env.mount.dir, 'sub') })).toThrow(/inside the bpffs mounted at/);
      expect(() => createNativeEngine({ bpffs: join(plain, 'missing') })).toThrow(/does not exist/);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });

  it.skipIf(noBpftool !== undefined)(
    'reports pins that appear and vanish from outside (bpftool) as tree changes',
    async () => {
      const { engine, mount } = env;
      await engine.mkdir('ext');
      const seen: string[][] = [];
      engine.subscribe((ev) => {
        if (ev.type === 'tree-changed') seen.push(ev.dirs);
      });
      const waitFor = (dir: string) => vi.waitFor(() => expect(seen.flat()).toContain(dir), { timeout: 2000 });
      // The watcher reports the new folder itself once it watches it; only then are later reports about the tool.
      await waitFor('ext');
      seen.length = 0;
      bpftoolMapCreate(join(mount.dir, 'ext/fromtool'), { type: 'hash', value: 4, name: 'tool' });
      await waitFor('ext');
      expect((await engine.stat('ext/fromtool')).object).toMatchObject({ kind: 'map', name: 'tool' });
      seen.length = 0;
      rmSync(join(mount.dir, 'ext/fromtool'));
      await waitFor('ext');
      // A folder made outside is watched too.
      seen.length = 0;
      execFileSync('mkdir', ['-p', join(mount.dir, 'ext/a/b')]);
      await waitFor('ext');
      await waitFor('ext/a/b');
      seen.length = 0;
      bpftoolMapCreate(join(mount.dir, 'ext/a/b/m'), { type: 'array', value: 4, entries: 1, name: 'deep' });
      await waitFor('ext/a/b');
    },
  );
});
