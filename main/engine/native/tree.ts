// Reading the bpffs tree by fd: directory entries with the object behind each pin. Names and stats are read
// relative to their folder's fd (dirents.ts: the last name is never followed); a pin is opened O_PATH|O_NOFOLLOW and
// through that fd, so a name swapped for a symlink is read as the symlink it now is. What a pin holds never changes
// for the life of its inode, so identities are cached by inode (checked against its times): a walk costs getdents
// and one statx per pin.
import { closeSync } from 'node:fs';

import { splitPath } from '../../../shared/bpf/paths.js';
import { noAccessReason, preloadedIterator } from '../../../shared/bpf/privilege.js';
import { OPEN_FLAGS } from '../../../shared/bpf/types.js';
import type { Access, DirEntry, EnginePrivilege, NoAccess, ObjectRef } from '../../../shared/engine.js';
import { ERRNO } from '../../../shared/errors.js';

import { objGet } from './commands.js';
import { fileType, type PinStat, readEntries, S_IFDIR, S_IFLNK, statAt } from './dirents.js';
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

const errnoOf = (e: unknown): number => (e instanceof SyscallError ? e.errno : ERRNO.EIO);

/** An fd, or minus the errno. */
function attempt(fd: number, access: Access): number {
  try {
    return openPinned(fd, access);
  } catch (e) {
    return -errnoOf(e);
  }
}

type Probe = { fd: number } | { link: boolean; errno: number };

/**
 * Opens a pin read-only, else as the kernel's answers allow: EINVAL on a read-only open means a readable link
 * (links open only read-write); EACCES may still allow a write-only open. A failed probe says whether it is a link.
 */
function probePin(pinFd: number): Probe {
  const ro = attempt(pinFd, 'ro');
  if (ro >= 0) return { fd: ro };
  if (-ro === ERRNO.EINVAL) {
    const rw = attempt(pinFd, 'rw');
    return rw >= 0 ? { fd: rw } : { link: true, errno: -rw };
  }
  if (-ro !== ERRNO.EACCES) return { link: false, errno: -ro };
  const wo = attempt(pinFd, 'wo');
  return wo >= 0 ? { fd: wo } : { link: -wo === ERRNO.EINVAL, errno: ERRNO.EACCES };
}

/** The object pinned behind the O_PATH fd `fd`, or undefined when it cannot be opened. */
export function identifyPin(fd: number): ObjectRef | undefined {
  const probe = probePin(fd);
  if (!('fd' in probe)) return undefined;
  try {
    return objectRef(probe.fd);
  } finally {
    closeSync(probe.fd);
  }
}

/** What a pin holds: the object, or (when it cannot be opened) the kind if known and why. */
export type PinIdentity = { object: ObjectRef } | { kind: 'link' | 'pin'; noAccess?: NoAccess } | { vanished: true };

const REFUSED: Record<number, NoAccess['code']> = { [ERRNO.EPERM]: 'EPERM', [ERRNO.EACCES]: 'EACCES' };

/** Cached entries before the first sweep drops those not used since the previous one. */
const MIN_CACHE = 16_384;

interface Cached {
  /** mtime for objects (set once, at pin time); ctime for refusals (chmod and chown change it). */
  stamp: number;
  id: PinIdentity;
  /** The sweep generation it was last used in. */
  seen: number;
}

const stampOf = (id: PinIdentity, st: PinStat): number => ('object' in id ? st.mtimeMs : st.ctimeMs);

/** Identities of pins by inode number (one mount: one inode space), checked against the inode's times. */
export class PinIdentities {
  private readonly cache = new Map<number, Cached>();
  private generation = 0;
  private limit = MIN_CACHE;

  constructor(private readonly privilege: EnginePrivilege | undefined) {}

  /** The identity of the pin `st` describes, opened (on a cache miss) through an O_PATH fd of it. */
  identify(st: PinStat, at: PinAt): PinIdentity {
    const hit = this.cache.get(st.ino);
    if (hit && hit.stamp === stampOf(hit.id, st)) {
      hit.seen = this.generation;
      return hit.id;
    }
    let fd: number;
    try {
      fd = 'fd' in at ? at.fd : openChild(at.dirFd, at.name);
    } catch {
      return { vanished: true };
    }
    try {
      // The name may have been replaced since `st` was read: what the fd holds is what is cached.
      const now = 'fd' in at ? st : statAt(fd, '');
      const id = this.probe(fd, now);
      if (!('vanished' in id) && !('kind' in id && id.kind === 'pin' && !id.noAccess)) this.remember(now, id);
      return id;
    } finally {
      if (!('fd' in at)) closeSync(fd);
    }
  }

  get size(): number {
    return this.cache.size;
  }

  private remember(st: PinStat, id: PinIdentity): void {
    this.cache.set(st.ino, { stamp: stampOf(id, st), id, seen: this.generation });
    if (this.cache.size > this.limit) this.sweep();
  }

  /** Drops what was not used since the previous sweep (pins gone, or in folders nobody reads). */
  private sweep(): void {
    for (const [ino, c] of this.cache) if (c.seen < this.generation) this.cache.delete(ino);
    this.generation++;
    this.limit = Math.max(MIN_CACHE, 2 * this.cache.size);
  }

  private probe(pinFd: number, st: PinStat): PinIdentity {
    const probe = probePin(pinFd);
    if ('fd' in probe) {
      let ref: ObjectRef | undefined;
      try {
        ref = objectRef(probe.fd);
      } finally {
        closeSync(probe.fd);
      }
      return ref ? { object: ref } : { kind: 'pin' };
    }
    if (probe.errno === ERRNO.ENOENT) return { vanished: true };
    const code = REFUSED[probe.errno];
    const kind = probe.link ? 'link' : 'pin';
    if (!code) return { kind };
    const pin = { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
    return { kind, noAccess: { code, reason: noAccessReason(code, pin, this.privilege) } };
  }
}

/** An entry reached by an O_PATH fd of it, or by its name in a folder's fd. */
export type PinAt = { fd: number } | { dirFd: number; name: string };

const targetOf = (at: PinAt): string => ('fd' in at ? readlinkat(at.fd, '') : readlinkat(at.dirFd, at.name));

/** The entry for `path` whose stats are `st`; undefined when the pin vanished meanwhile. */
function entryOf(path: string, name: string, st: PinStat, at: PinAt, ids: PinIdentities): DirEntry | undefined {
  const mode = st.mode & 0o7777;
  const { uid, gid, nlink } = st;
  const type = fileType(st);
  if (type === S_IFDIR) return { name, path, kind: 'dir', mode, uid, gid, nlink };
  if (type === S_IFLNK) return { name, path, kind: 'symlink', mode, uid, gid, nlink, target: targetOf(at) };
  const preloaded = preloadedIterator(path);
  if (preloaded) return { name, path, kind: 'link', mode, uid, gid, nlink, preloaded };
  const id = ids.identify(st, at);
  if ('vanished' in id) return undefined;
  if ('object' in id) return { name, path, kind: id.object.kind, mode, uid, gid, nlink, object: id.object };
  const entry: DirEntry = { name, path, kind: id.kind, mode, uid, gid, nlink };
  if (id.noAccess) entry.noAccess = id.noAccess;
  return entry;
}

/** The entry behind the O_PATH fd `fd`, shown at engine path `path`; undefined when its pin vanished. */
export function entryOfFd(fd: number, path: string, ids: PinIdentities): DirEntry | undefined {
  return entryOf(path, splitPath(path).at(-1) ?? '', statAt(fd, ''), { fd }, ids);
}

/** Entries of the folder `dirFd` (engine path `path`) in the kernel's order; entries that vanish meanwhile are skipped. */
export function listDir(dirFd: number, path: string, ids: PinIdentities): DirEntry[] {
  const prefix = splitPath(path).join('/');
  const out: DirEntry[] = [];
  for (const { name, st } of readEntries(dirFd)) {
    const e = entryOf(prefix === '' ? name : `${prefix}/${name}`, name, st, { dirFd, name }, ids);
    if (e) out.push(e);
  }
  return out;
}
