// A folder's names and their stats read relative to its fd, through libc's getdents64(2) and statx(2): no path is
// resolved again (not even /proc/self/fd/N), the last name is never followed, and no Stats or Date objects are
// built, so a walk costs about what `ls -lR` costs.
import { closeSync } from 'node:fs';

import koffi from 'koffi';

import { ERRNO } from '../../../shared/errors.js';

import { openat, SyscallError } from './sys.js';
import { O_CLOEXEC, O_DIRECTORY } from './walk.js';

const AT_EMPTY_PATH = 0x1000;
const AT_SYMLINK_NOFOLLOW = 0x100;
/** STATX_TYPE | MODE | NLINK | UID | GID | MTIME | CTIME | INO. */
const STATX_MASK = 0x1 | 0x2 | 0x4 | 0x8 | 0x10 | 0x40 | 0x80 | 0x100;
const O_RDONLY = 0;

const S_IFMT = 0o170000;
export const S_IFDIR = 0o040000;
export const S_IFLNK = 0o120000;

/** What the tree needs of an inode; node:fs Stats has the same shape. */
export interface PinStat {
  /** File type and permission bits (st_mode). */
  mode: number;
  uid: number;
  gid: number;
  nlink: number;
  ino: number;
  mtimeMs: number;
  ctimeMs: number;
}

export const fileType = (st: PinStat): number => st.mode & S_IFMT;

type NativeFunction = ReturnType<ReturnType<typeof koffi.load>['func']>;
let libc: { statx: NativeFunction; getdents64: NativeFunction } | undefined;

function lib(): { statx: NativeFunction; getdents64: NativeFunction } {
  if (libc) return libc;
  const l = koffi.load('libc.so.6');
  libc = {
    statx: l.func('int statx(int dirfd, const char *path, int flags, unsigned int mask, void *buf)'),
    getdents64: l.func('long getdents64(int fd, void *buf, size_t count)'),
  };
  return libc;
}

// One buffer each, reused: every call is synchronous and none nests.
const statBuf = Buffer.alloc(256);
const direntBuf = Buffer.alloc(64 * 1024);

const u64 = (b: Buffer, off: number): number => b.readUInt32LE(off) + b.readUInt32LE(off + 4) * 2 ** 32;
const timeMs = (b: Buffer, off: number): number => u64(b, off) * 1000 + b.readUInt32LE(off + 8) / 1e6;

/** statx of `name` in `dirFd` (never following a final symlink), or of `dirFd` itself when `name` is ''. */
export function statAt(dirFd: number, name: string): PinStat {
  const flags = name === '' ? AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW : AT_SYMLINK_NOFOLLOW;
  if (Number(lib().statx(dirFd, name, flags, STATX_MASK, statBuf)) !== 0)
    throw new SyscallError(koffi.errno(), 'statx');
  const b = statBuf;
  return {
    nlink: b.readUInt32LE(16),
    uid: b.readUInt32LE(20),
    gid: b.readUInt32LE(24),
    mode: b.readUInt16LE(28),
    ino: u64(b, 32),
    ctimeMs: timeMs(b, 96),
    mtimeMs: timeMs(b, 112),
  };
}

/** The names in the folder `dirFd` (any fd of it, O_PATH included), in the kernel's order, without "." and "..". */
export function readNames(dirFd: number): string[] {
  const fd = openat(dirFd, '.', O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  const names: string[] = [];
  try {
    for (;;) {
      const n = Number(lib().getdents64(fd, direntBuf, direntBuf.length));
      if (n < 0) throw new SyscallError(koffi.errno(), 'getdents64');
      if (n === 0) return names;
      // struct linux_dirent64: d_ino u64, d_off s64, d_reclen u16, d_type u8, d_name NUL-terminated.
      for (let off = 0; off < n; off += direntBuf.readUInt16LE(off + 16)) {
        const name = direntBuf.toString('utf8', off + 19, direntBuf.indexOf(0, off + 19));
        if (name !== '.' && name !== '..') names.push(name);
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** Each name of the folder with its stats; names gone before their statx are left out. */
export function readEntries(dirFd: number): { name: string; st: PinStat }[] {
  const out: { name: string; st: PinStat }[] = [];
  for (const name of readNames(dirFd)) {
    try {
      out.push({ name, st: statAt(dirFd, name) });
    } catch (e) {
      if (!(e instanceof SyscallError && e.errno === ERRNO.ENOENT)) throw e;
    }
  }
  return out;
}
