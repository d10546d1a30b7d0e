// Confinement by fd in each kernel mode: with openat2 (absolute symlinks back into the mount are walked by
// hand), and as if openat2 or BPF_F_PATH_FD were missing (the walk alone, pins through the folder's fd link).
import { chmodSync, existsSync, lstatSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { PinStore } from '../../../shared/engine.js';
import { BpfError } from '../../../shared/errors.js';

import { mountPrivateBpffs } from '../../../test/support/bpffs.js';
import { errCode, nativeSkipReason, newHash } from '../../../test/support/native-env.js';

import type { KernelCaps } from './confine.js';
import { createNativeEngine } from './engine.js';

const skip = nativeSkipReason('confine.test.ts');

const MODES: [string, Partial<KernelCaps>][] = [
  ['this kernel', {}],
  ['no openat2', { openat2: false }],
  ['no BPF_F_PATH_FD', { pathFd: false }],
];

/** Runs `fn` on an engine in `mode` over a fresh mount writable by root only. */
async function withEngine(
  kernel: Partial<KernelCaps>,
  fn: (engine: PinStore, dir: string, outside: string) => Promise<void>,
): Promise<void> {
  const mount = await mountPrivateBpffs();
  const outside = mkdtempSync(join(tmpdir(), 'bpfscope-outside-'));
  let engine: PinStore | undefined;
  try {
    chmodSync(mount.dir, 0o755);
    engine = createNativeEngine({ bpffs: mount.dir, kernel });
    await fn(engine, mount.dir, outside);
  } finally {
    await engine?.dispose();
    await mount.cleanup();
    rmSync(outside, { recursive: true, force: true });
  }
}

describe.skipIf(skip !== undefined)('native engine: confinement by fd', () => {
  describe.each(MODES)('%s', (_mode, kernel) => {
    it('follows symlinks that stay inside, absolute ones included, and creates through them', async () => {
      await withEngine(kernel, async (engine, dir) => {
        const h = await newHash(engine);
        await engine.mkdir('d');
        await engine.symlink(`${dir}/d`, 'abs');
        await engine.symlink('d/../d', 'rel');
        await engine.mkdir('abs/x');
        await engine.pin(h.handle, 'rel/m');
        expect((await engine.list('abs')).map((e) => e.name).sort()).toEqual(['m', 'x']);
        const got = await engine.get('abs/m', 'ro');
        expect(got.id).toBe(h.id);
        await engine.close(got.handle);
        await engine.symlink(`${dir}/d/m`, 'direct');
        expect((await engine.pathInfo('direct')).id).toBe(h.id);
        await engine.rename('abs/m', 'rel/n', { noreplace: true });
        await engine.link('abs/n', 'abs/o');
        await engine.unlink('abs/n');
        await engine.rmdir('rel/x');
        expect((await engine.list('d')).map((e) => e.name)).toEqual(['o']);
      });
    });

    it('refuses every way out with EXDEV and leaves the outside untouched', async () => {
      await withEngine(kernel, async (engine, dir, outside) => {
        const h = await newHash(engine);
        await engine.symlink(outside, 'out');
        await engine.symlink(`${dir}/../${outside.split('/').at(-1)}`, 'dotdot');
        await engine.symlink('../..', 'up');
        for (const p of ['out', 'dotdot', 'up']) {
          expect(await errCode(engine.mkdir(`${p}/x`))).toBe('EXDEV');
          expect(await errCode(engine.pin(h.handle, `${p}/m`))).toBe('EXDEV');
          expect(await errCode(engine.list(p))).toBe('EXDEV');
          expect(await errCode(engine.get(`${p}/m`, 'rw'))).toBe('EXDEV');
          expect(await errCode(engine.symlink('t', `${p}/l`))).toBe('EXDEV');
        }
        const e = await engine.mkdir('out/x').catch((err: unknown) => err);
        expect(e).toBeInstanceOf(BpfError);
        expect((e as BpfError).message).toContain('outside the bpffs mount');
        expect(existsSync(join(outside, 'x'))).toBe(false);
        expect(existsSync(join(outside, 'l'))).toBe(false);
      });
    });

    it('answers ELOOP for a symlink loop and ENOTDIR for a pin in the middle of a path', async () => {
      await withEngine(kernel, async (engine) => {
        const h = await newHash(engine);
        await engine.symlink('l2', 'l1');
        await engine.symlink('l1', 'l2');
        await engine.pin(h.handle, 'm');
        expect(await errCode(engine.mkdir('l1/x'))).toBe('ELOOP');
        expect(await errCode(engine.get('l1', 'rw'))).toBe('ELOOP');
        expect(await errCode(engine.mkdir('m/x'))).toBe('ENOTDIR');
        expect(await errCode(engine.list('m/'))).toBe('ENOTDIR');
      });
    });
  });

  it('without openat2, refuses as root a mount other users can write, saying why and what to do', async () => {
    const mount = await mountPrivateBpffs();
    try {
      // A plain mount is 1777.
      const e = (() => {
        try {
          createNativeEngine({ bpffs: mount.dir, kernel: { openat2: false } });
        } catch (err) {
          return err;
        }
        return undefined;
      })();
      expect(e).toBeInstanceOf(BpfError);
      expect((e as BpfError).code).toBe('EPERM');
      expect((e as BpfError).message).toMatch(/other users.*openat2/);
      expect((e as BpfError).hint).toContain(`chmod 0755 ${mount.dir}`);
      expect((e as BpfError).hint).toContain('mode=0755');
      // Group-writable for root's group only is fine, and so is any mode when openat2 is there.
      chmodSync(mount.dir, 0o775);
      await createNativeEngine({ bpffs: mount.dir, kernel: { openat2: false } }).dispose();
      chmodSync(mount.dir, 0o1777);
      await createNativeEngine({ bpffs: mount.dir }).dispose();
      expect(lstatSync(mount.dir).mode & 0o7777).toBe(0o1777);
    } finally {
      await mount.cleanup();
    }
  });
});
