// Trailing slashes and the mount root, judged by the kernel: each case runs as raw system calls on one private
// bpffs, through the native engine on another, and on the emulator; errno, result and the tree after must agree.
import {
  closeSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmdirSync,
  symlinkSync,
  unlinkSync,
} from 'node:fs';

import { describe, expect, it } from 'vitest';

import type { PinStore } from '../../../shared/engine.js';
import { BpfError, errnoCode } from '../../../shared/errors.js';

import { mountPrivateBpffs } from '../../../test/support/bpffs.js';
import { nativeSkipReason, newHash } from '../../../test/support/native-env.js';

import { openEmulated } from '../../../conformance/engines.js';
import { mapCreate, objGet, objPin } from './commands.js';
import { createNativeEngine } from './engine.js';
import { renameat2, SyscallError } from './sys.js';

const skip = nativeSkipReason('trailing-slash.test.ts');
const AT_FDCWD = -100;

interface RenameOpts {
  noreplace?: boolean;
  exchange?: boolean;
}

/** The operations a case may use, on the kernel directly or on an engine. */
interface Target {
  mkdir(p: string): Promise<unknown>;
  rmdir(p: string): Promise<unknown>;
  unlink(p: string): Promise<unknown>;
  rename(from: string, to: string, opts?: RenameOpts): Promise<unknown>;
  link(from: string, to: string): Promise<unknown>;
  symlink(target: string, p: string): Promise<unknown>;
  pin(p: string): Promise<unknown>;
  get(p: string): Promise<unknown>;
  /** The kind of the entry: dir, symlink or pin. */
  stat(p: string): Promise<string>;
  /** Every entry under the root, "path kind" (symlinks with their target), the preloaded links left out. */
  tree(): Promise<string[]>;
}

function kernelTarget(dir: string, mapFd: number): Target {
  const at = (p: string): string => (p === '' ? dir : `${dir}/${p}`);
  const kind = (abs: string): string => {
    const st = lstatSync(abs);
    return st.isDirectory() ? 'dir' : st.isSymbolicLink() ? `symlink ${readlinkSync(abs)}` : 'pin';
  };
  const tree = (rel: string): string[] =>
    readdirSync(at(rel)).flatMap((name) => {
      const p = rel === '' ? name : `${rel}/${name}`;
      if (p === 'maps.debug' || p === 'progs.debug') return [];
      const k = kind(at(p));
      return k === 'dir' ? [`${p} dir`, ...tree(p)] : [`${p} ${k}`];
    });
  return {
    mkdir: async (p) => mkdirSync(at(p)),
    rmdir: async (p) => rmdirSync(at(p)),
    unlink: async (p) => unlinkSync(at(p)),
    rename: async (from, to, o = {}) => {
      const flags = (o.noreplace ? 1 : 0) | (o.exchange ? 2 : 0);
      if (flags === 0) renameSync(at(from), at(to));
      else renameat2(AT_FDCWD, at(from), AT_FDCWD, at(to), flags);
    },
    link: async (from, to) => linkSync(at(from), at(to)),
    symlink: async (target, p) => symlinkSync(target, at(p)),
    pin: async (p) => objPin(mapFd, at(p)),
    get: async (p) => closeSync(objGet(at(p), 0)),
    stat: async (p) => kind(at(p)).split(' ')[0] ?? '',
    tree: async () => tree('').sort(),
  };
}

function engineTarget(engine: PinStore, handle: number): Target {
  const kindOf = (e: { kind: string; target?: string }): string =>
    e.kind === 'dir' ? 'dir' : e.kind === 'symlink' ? `symlink ${e.target}` : 'pin';
  const tree = async (rel: string): Promise<string[]> => {
    const out: string[] = [];
    for (const e of await engine.list(rel)) {
      if (e.path === 'maps.debug' || e.path === 'progs.debug') continue;
      out.push(`${e.path} ${kindOf(e)}`);
      if (e.kind === 'dir') out.push(...(await tree(e.path)));
    }
    return out;
  };
  return {
    mkdir: (p) => engine.mkdir(p),
    rmdir: (p) => engine.rmdir(p),
    unlink: (p) => engine.unlink(p),
    rename: (from, to, o) => engine.rename(from, to, o),
    link: (from, to) => engine.link(from, to),
    symlink: (target, p) => engine.symlink(target, p),
    pin: (p) => engine.pin(handle, p),
    get: async (p) => engine.close((await engine.get(p, 'rw')).handle),
    stat: async (p) => kindOf(await engine.stat(p)).split(' ')[0] ?? '',
    tree: async () => (await tree('')).sort(),
  };
}

/** e/ and d/ folders, pins m and d/m, symlinks se -> e, sm -> m, sx -> nx (dangling). */
async function populate(t: Target): Promise<void> {
  await t.mkdir('e');
  await t.mkdir('d');
  await t.pin('m');
  await t.pin('d/m');
  await t.symlink('e', 'se');
  await t.symlink('m', 'sm');
  await t.symlink('nx', 'sx');
}

/** What an operation answered: its result, or the errno name it failed with. */
async function outcome(p: Promise<unknown>): Promise<unknown> {
  try {
    const r = await p;
    return typeof r === 'string' ? r : 'ok';
  } catch (e) {
    if (e instanceof BpfError) return e.code;
    if (e instanceof SyscallError) return errnoCode(e.errno) ?? e.errno;
    const code = (e as NodeJS.ErrnoException).code;
    if (code) return code;
    throw e;
  }
}

type Case = [string, (t: Target) => Promise<unknown>];

const CASES: Case[] = [
  ['rmdir se/ (symlink to an empty folder)', (t) => t.rmdir('se/')],
  ['rmdir se', (t) => t.rmdir('se')],
  ['rmdir d/m/', (t) => t.rmdir('d/m/')],
  ['unlink se/', (t) => t.unlink('se/')],
  ['unlink sm/', (t) => t.unlink('sm/')],
  ['unlink sx/', (t) => t.unlink('sx/')],
  ['unlink m/', (t) => t.unlink('m/')],
  ['unlink e/', (t) => t.unlink('e/')],
  ['rename se/ t', (t) => t.rename('se/', 't')],
  ['rename sm/ t', (t) => t.rename('sm/', 't')],
  ['rename m t/', (t) => t.rename('m', 't/')],
  ['rename se t/', (t) => t.rename('se', 't/')],
  ['rename e/ t/', (t) => t.rename('e/', 't/')],
  ['rename d/ e/ (replaces the empty folder)', (t) => t.rename('d/', 'e/')],
  ['rename m e/ exchange', (t) => t.rename('m', 'e/', { exchange: true })],
  ['rename e m/ exchange', (t) => t.rename('e', 'm/', { exchange: true })],
  ['rename m/ e noreplace', (t) => t.rename('m/', 'e', { noreplace: true })],
  ['rename m/ t noreplace', (t) => t.rename('m/', 't', { noreplace: true })],
  ['mkdir se/', (t) => t.mkdir('se/')],
  ['mkdir n/', (t) => t.mkdir('n/')],
  ['mkdir se/n/', (t) => t.mkdir('se/n/')],
  ['pin n/', (t) => t.pin('n/')],
  ['pin e/', (t) => t.pin('e/')],
  ['pin se/n', (t) => t.pin('se/n')],
  ['symlink n/', (t) => t.symlink('e', 'n/')],
  ['link m n/', (t) => t.link('m', 'n/')],
  ['link se/ n', (t) => t.link('se/', 'n')],
  ['link sm/ n', (t) => t.link('sm/', 'n')],
  ['link sm n (the symlink itself)', (t) => t.link('sm', 'n')],
  ['get m/', (t) => t.get('m/')],
  ['get sm/', (t) => t.get('sm/')],
  ['get se/', (t) => t.get('se/')],
  ['stat se/', (t) => t.stat('se/')],
  ['stat sm/', (t) => t.stat('sm/')],
  ['stat se', (t) => t.stat('se')],
  // The mount root ("" to the engines, the mount point to the kernel).
  ['mkdir root', (t) => t.mkdir('')],
  ['rmdir root', (t) => t.rmdir('')],
  ['unlink root', (t) => t.unlink('')],
  ['symlink at root', (t) => t.symlink('e', '')],
  ['pin at root', (t) => t.pin('')],
  ['link root n', (t) => t.link('', 'n')],
  ['link m root', (t) => t.link('m', '')],
  ['rename root n', (t) => t.rename('', 'n')],
  ['rename m root', (t) => t.rename('m', '')],
  ['rename root nx/n', (t) => t.rename('', 'nx/n')],
  ['rename root root', (t) => t.rename('', '')],
  ['rename root root noreplace', (t) => t.rename('', '', { noreplace: true })],
  ['get root', (t) => t.get('')],
  ['stat root', (t) => t.stat('')],
];

describe.skipIf(skip !== undefined)(
  'trailing slashes and the mount root: native and emulated answer as the kernel',
  () => {
    it.each(CASES)('%s', async (_name, op) => {
      const kernelMount = await mountPrivateBpffs();
      const engineMount = await mountPrivateBpffs();
      const mapFd = mapCreate({
        type: 1,
        keySize: 4,
        valueSize: 8,
        maxEntries: 4,
        flags: 0,
        innerMapFd: 0,
        name: 'k',
        mapExtra: 0,
      });
      const native = createNativeEngine({ bpffs: engineMount.dir });
      const emulated = await openEmulated();
      try {
        const results: Record<string, unknown> = {};
        const targets: [string, Target][] = [
          ['kernel', kernelTarget(kernelMount.dir, mapFd)],
          ['native', engineTarget(native, (await newHash(native)).handle)],
          ['emulated', engineTarget(emulated.store, (await newHash(emulated.store)).handle)],
        ];
        for (const [name, t] of targets) {
          await populate(t);
          results[name] = { answer: await outcome(op(t)), tree: await t.tree() };
        }
        expect(results.native).toEqual(results.kernel);
        expect(results.emulated).toEqual(results.kernel);
      } finally {
        closeSync(mapFd);
        await native.dispose();
        await emulated.close();
        await engineMount.cleanup();
        await kernelMount.cleanup();
      }
    });
  },
);
