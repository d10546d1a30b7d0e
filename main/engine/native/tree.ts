// Reading the bpffs tree: directory entries with the object behind each pin, and a scan of all pins.
import { closeSync, lstatSync, opendirSync, readlinkSync, type Stats } from 'node:fs';

import { joinPath, splitPath } from '../../../shared/bpf/paths.js';
import { OPEN_FLAGS } from '../../../shared/bpf/types.js';
import type { Access, DirEntry, ObjectRef } from '../../../shared/engine.js';
import { ERRNO } from '../../../shared/errors.js';

import { objGet } from './commands.js';
import { objectRef } from './info.js';
import { SyscallError } from './sys.js';

export const ACCESS_FLAGS: Record<Access, number> = { rw: 0, ro: OPEN_FLAGS.rdonly, wo: OPEN_FLAGS.wronly };

/** A new fd for the object pinned at an absolute path (the caller closes it). */
export function openPinned(abs: string, access: Access): number {
  return objGet(abs, ACCESS_FLAGS[access]);
}

/**
 * The object pinned at `abs`: opened read-only (links refuse that with EINVAL, so then read-write),
 * identified, closed. Undefined when it cannot be opened (the iterator links maps.debug/progs.debug: ENOENT).
 */
export function identifyPin(abs: string): ObjectRef | undefined {
  let fd: number;
  try {
    fd = openPinned(abs, 'ro');
  } catch (e) {
    if (!(e instanceof SyscallError) || e.errno !== ERRNO.EINVAL) return undefined;
    try {
      fd = openPinned(abs, 'rw');
    } catch {
      return undefined;
    }
  }
  try {
    return objectRef(fd);
  } finally {
    closeSync(fd);
  }
}

export function entryFromStats(abs: string, path: string, st: Stats): DirEntry {
  const name = splitPath(path).at(-1) ?? '';
  const base = { name, path, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, nlink: st.nlink };
  if (st.isDirectory()) return { ...base, kind: 'dir' };
  if (st.isSymbolicLink()) return { ...base, kind: 'symlink', target: readlinkSync(abs) };
  const object = identifyPin(abs);
  // A pin that cannot be opened is one of the preloaded iterator links.
  return object ? { ...base, kind: object.kind, object } : { ...base, kind: 'link' };
}

/** Names in a directory in the kernel's readdir order (newest first on bpffs). */
export function readdirNames(abs: string): string[] {
  const dir = opendirSync(abs);
  const names: string[] = [];
  try {
    for (let d = dir.readSync(); d !== null; d = dir.readSync()) names.push(d.name);
  } finally {
    dir.closeSync();
  }
  return names;
}

/** Entries of the directory at `abs` (engine path `path`); entries that vanish meanwhile are skipped. */
export function listDir(abs: string, path: string): DirEntry[] {
  const dirPath = splitPath(path).join('/');
  const out: DirEntry[] = [];
  for (const name of readdirNames(abs)) {
    const childAbs = `${abs}/${name}`;
    let st: Stats;
    try {
      st = lstatSync(childAbs);
    } catch {
      continue;
    }
    out.push(entryFromStats(childAbs, joinPath(dirPath, name), st));
  }
  return out;
}

/** Every pin under the mount: "kind:id" -> engine paths. Symlinks are not followed. */
export function scanPins(root: string): Map<string, string[]> {
  const pins = new Map<string, string[]>();
  const walk = (abs: string, path: string): void => {
    let names: string[];
    try {
      names = readdirNames(abs);
    } catch {
      return;
    }
    for (const name of names) {
      const childAbs = `${abs}/${name}`;
      const childPath = joinPath(path, name);
      let st: Stats;
      try {
        st = lstatSync(childAbs);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(childAbs, childPath);
      else if (st.isFile()) {
        const ref = identifyPin(childAbs);
        if (!ref) continue;
        const key = `${ref.kind}:${ref.id}`;
        const list = pins.get(key);
        if (list) list.push(childPath);
        else pins.set(key, [childPath]);
      }
    }
  };
  walk(root, '');
  return pins;
}
