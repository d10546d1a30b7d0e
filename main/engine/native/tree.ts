// Reading the bpffs tree by fd: directory entries with the object behind each pin, and a scan of all pins.
// Entries are opened O_PATH|O_NOFOLLOW relative to their folder's fd, and pins are opened through that fd
// (/proc/self/fd/N), so a name swapped for a symlink meanwhile is read as the symlink it now is.
import { closeSync, fstatSync, opendirSync, type Stats } from 'node:fs';

import { joinPath, splitPath } from '../../../shared/bpf/paths.js';
import { OPEN_FLAGS } from '../../../shared/bpf/types.js';
import type { Access, DirEntry, ObjectRef } from '../../../shared/engine.js';
import { ERRNO } from '../../../shared/errors.js';

import { objGet } from './commands.js';
import { objectRef } from './info.js';
import { openat, readlinkat, SyscallError } from './sys.js';
import { O_CLOEXEC, O_NOFOLLOW, O_PATH } from './walk.js';

export const ACCESS_FLAGS: Record<Access, number> = { rw: 0, ro: OPEN_FLAGS.rdonly, wo: OPEN_FLAGS.wronly };

/** The path that names exactly the file behind an fd, whatever happens to its name. */
export const procFd = (fd: number): string => `/proc/self/fd/${fd}`;

/**
 * A new fd for the object behind `fd` (an O_PATH fd of the pin; the caller closes the result). OBJ_GET
 * cannot take an empty path, so it goes through the fd's /proc link, which always leads to that inode.
 */
export function openPinned(fd: number, access: Access): number {
  return objGet(procFd(fd), ACCESS_FLAGS[access]);
}

/** An O_PATH fd of `name` in the folder `dirFd`, never following a symlink (the caller closes it). */
export function openChild(dirFd: number, name: string): number {
  return openat(dirFd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
}

/**
 * The object pinned behind `fd`: opened read-only (links refuse that with EINVAL, so then read-write),
 * identified, closed. Undefined when it cannot be opened (the iterator links maps.debug/progs.debug: ENOENT).
 */
export function identifyPin(fd: number): ObjectRef | undefined {
  let obj: number;
  try {
    obj = openPinned(fd, 'ro');
  } catch (e) {
    if (!(e instanceof SyscallError) || e.errno !== ERRNO.EINVAL) return undefined;
    try {
      obj = openPinned(fd, 'rw');
    } catch {
      return undefined;
    }
  }
  try {
    return objectRef(obj);
  } finally {
    closeSync(obj);
  }
}

/** The entry behind the O_PATH fd `fd`, shown at engine path `path`. */
export function entryOfFd(fd: number, path: string, st: Stats = fstatSync(fd)): DirEntry {
  const name = splitPath(path).at(-1) ?? '';
  const base = { name, path, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, nlink: st.nlink };
  if (st.isDirectory()) return { ...base, kind: 'dir' };
  if (st.isSymbolicLink()) return { ...base, kind: 'symlink', target: readlinkat(fd, '') };
  const object = identifyPin(fd);
  // A pin that cannot be opened is one of the preloaded iterator links.
  return object ? { ...base, kind: object.kind, object } : { ...base, kind: 'link' };
}

/** Names in the folder `dirFd` in the kernel's readdir order (newest first on bpffs). */
export function readdirNames(dirFd: number): string[] {
  const dir = opendirSync(procFd(dirFd));
  const names: string[] = [];
  try {
    for (let d = dir.readSync(); d !== null; d = dir.readSync()) names.push(d.name);
  } finally {
    dir.closeSync();
  }
  return names;
}

/** Runs `fn` on each entry of the folder `dirFd` with an O_PATH fd and its stats; vanished entries are skipped. */
function eachChild(dirFd: number, fn: (name: string, fd: number, st: Stats) => void): void {
  for (const name of readdirNames(dirFd)) {
    let fd: number;
    try {
      fd = openChild(dirFd, name);
    } catch {
      continue;
    }
    try {
      let st: Stats;
      try {
        st = fstatSync(fd);
      } catch {
        continue;
      }
      fn(name, fd, st);
    } finally {
      closeSync(fd);
    }
  }
}

/** Entries of the folder `dirFd` (engine path `path`). */
export function listDir(dirFd: number, path: string): DirEntry[] {
  const dirPath = splitPath(path).join('/');
  const out: DirEntry[] = [];
  eachChild(dirFd, (name, fd, st) => out.push(entryOfFd(fd, joinPath(dirPath, name), st)));
  return out;
}

/** Every pin under the folder `rootFd`: "kind:id" -> engine paths. Symlinks are not followed. */
export function scanPins(rootFd: number): Map<string, string[]> {
  const pins = new Map<string, string[]>();
  const walk = (dirFd: number, path: string): void => {
    try {
      eachChild(dirFd, (name, fd, st) => {
        const childPath = joinPath(path, name);
        if (st.isDirectory()) walk(fd, childPath);
        else if (st.isFile()) {
          const ref = identifyPin(fd);
          if (!ref) return;
          const key = `${ref.kind}:${ref.id}`;
          const list = pins.get(key);
          if (list) list.push(childPath);
          else pins.set(key, [childPath]);
        }
      });
    } catch {
      // Removed meanwhile.
    }
  };
  walk(rootFd, '');
  return pins;
}
