// The native engine's file operations, each acting relative to a directory fd resolved beneath the mount
// root (see confine.ts). The last name goes to the kernel as given, trailing slashes included, so the
// kernel's own rules answer (`rmdir symlink/` is ENOTDIR, `rename symlink/ x` never renames the target).
import { closeSync, fstatSync } from 'node:fs';

import { checkPath } from '../../../shared/bpf/paths.js';
import type { Access, ObjectRef } from '../../../shared/engine.js';
import { ARGUMENT_PROBLEM, OP, refusal } from '../../../shared/refusal.js';

import { objPin } from './commands.js';
import type { MountPaths } from './confine.js';
import { fchmodFd, fchownFd, linkat, mkdirat, renameat2, symlinkat, unlinkat } from './sys.js';
import { identifyPin, openChild, openPinned, procFd } from './tree.js';

const AT_REMOVEDIR = 0x200;
const RENAME_NOREPLACE = 1;
const RENAME_EXCHANGE = 2;

/** The object pinned at `name` in `dirFd`, if that is a pin (a name with a trailing slash never is). */
function pinnedAt(dirFd: number, name: string): ObjectRef | undefined {
  if (name.endsWith('/') || name === '.') return undefined;
  let fd: number;
  try {
    fd = openChild(dirFd, name);
  } catch {
    return undefined;
  }
  try {
    return fstatSync(fd).isFile() ? identifyPin(fd) : undefined;
  } finally {
    closeSync(fd);
  }
}

export function mkdirAt(paths: MountPaths, path: string, mode: number): void {
  paths.atParent(path, 'Create folder', (dir, name) => mkdirat(dir, name, mode));
}

export function rmdirAt(paths: MountPaths, path: string): void {
  // The root is the mount point: rmdir of it says EBUSY (rmdir of "." would say EINVAL).
  if (checkPath(path) === '') throw refusal('EBUSY', OP.rmdir, { path, detail: ARGUMENT_PROBLEM.mountRoot });
  paths.atParent(path, 'Remove folder', (dir, name) => unlinkat(dir, name, AT_REMOVEDIR));
}

/** Unlinks `path`; returns the object that was pinned there. */
export function unlinkAt(paths: MountPaths, path: string): ObjectRef | undefined {
  return paths.atParent(path, 'Unlink', (dir, name) => {
    const pinned = pinnedAt(dir, name);
    unlinkat(dir, name, 0);
    return pinned;
  });
}

export interface RenameFlags {
  noreplace?: boolean | undefined;
  exchange?: boolean | undefined;
}

/** Renames `from` to `to`; returns the object whose pin a plain rename replaced. */
export function renameAt(paths: MountPaths, from: string, to: string, opts: RenameFlags): ObjectRef | undefined {
  const flags = (opts.noreplace ? RENAME_NOREPLACE : 0) | (opts.exchange ? RENAME_EXCHANGE : 0);
  if (checkPath(from) === '' || checkPath(to) === '') return renameRoot(paths, from, to, opts);
  return paths.atParent(from, 'Rename', (fromDir, fromName) =>
    paths.atParent(to, 'Rename', (toDir, toName) => {
      const replaced = flags === 0 ? pinnedAt(toDir, toName) : undefined;
      renameat2(fromDir, fromName, toDir, toName, flags);
      return replaced;
    }),
  );
}

/**
 * The mount root's parent is outside the mount: once both parents resolve, the kernel sees two mounts
 * (EXDEV); the root onto itself is the same dentry, a no-op (EEXIST with noreplace).
 */
function renameRoot(paths: MountPaths, from: string, to: string, opts: RenameFlags): undefined {
  if (from === '' && to === '') {
    if (opts.noreplace) throw refusal('EEXIST', OP.rename, { path: from });
    return undefined;
  }
  for (const p of [from, to]) if (p !== '') paths.atParent(p, 'Rename', () => undefined);
  throw refusal('EXDEV', OP.rename, { path: from });
}

export function linkAt(paths: MountPaths, from: string, to: string): void {
  // do_linkat looks the source up completely (its last name too) before the new name's folder.
  paths.atEntry(from, 'Link', false, () => undefined);
  paths.atParent(from, 'Link', (fromDir, fromName) =>
    paths.atParent(to, 'Link', (toDir, toName) => linkat(fromDir, fromName, toDir, toName)),
  );
}

export function symlinkAt(paths: MountPaths, target: string, path: string): void {
  paths.atParent(path, 'Symlink', (dir, name) => symlinkat(target, dir, name));
}

/** Pins the object `fd` at `path`: the new name is made in the folder's fd, never elsewhere. */
export function pinAt(paths: MountPaths, fd: number, path: string): void {
  paths.atParent(path, 'Pin', (dir, name) => {
    if (paths.caps.pathFd) objPin(fd, name, dir);
    else objPin(fd, `${procFd(dir)}/${name}`);
  });
}

/** A new fd for the object pinned at `path`, a final symlink followed beneath the root only. */
export function getAt(paths: MountPaths, path: string, access: Access, what = 'Get'): number {
  return paths.atEntry(path, what, true, (fd) => openPinned(fd, access));
}

/** chmod of the node at `path`, a final symlink followed beneath the root only. */
export function chmodAt(paths: MountPaths, path: string, mode: number): void {
  paths.atEntry(path, 'Change mode', true, (fd) => fchmodFd(fd, mode));
}

/** chown of the node at `path`, a final symlink followed beneath the root only. */
export function chownAt(paths: MountPaths, path: string, uid: number, gid: number): void {
  paths.atEntry(path, 'Change owner', true, (fd) => fchownFd(fd, uid, gid));
}
