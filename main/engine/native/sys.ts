// The raw system calls the native engine needs, through koffi: bpf(2) and openat2(2) via libc syscall(),
// the *at file calls that act relative to a directory fd, plus buffer addresses for pointers inside bpf_attr.
import koffi from 'koffi';

const BPF_SYSCALL_NR: Record<string, number> = { x64: 321, arm64: 280 };
/** openat2 has the same number on every architecture (asm-generic table). */
const OPENAT2_NR = 437;

/** union bpf_attr is 168 bytes on 6.18; a shorter size is zero-filled by the kernel. */
export const ATTR_SIZE = 168;

/** A failed system call: the errno and which call it was. */
export class SyscallError extends Error {
  constructor(
    readonly errno: number,
    readonly call: string,
  ) {
    super(`${call} failed with errno ${errno}`);
  }
}

type NativeFunction = ReturnType<ReturnType<typeof koffi.load>['func']>;

interface Libc {
  syscall: NativeFunction;
  openat: NativeFunction;
  renameat2: NativeFunction;
  unlinkat: NativeFunction;
  mkdirat: NativeFunction;
  linkat: NativeFunction;
  symlinkat: NativeFunction;
  readlinkat: NativeFunction;
  fchownat: NativeFunction;
  fchmodat: NativeFunction;
}

let libc: Libc | undefined;

function loadLibc(): Libc {
  if (libc) return libc;
  const lib = koffi.load('libc.so.6');
  libc = {
    syscall: lib.func('long syscall(long number, ...)'),
    openat: lib.func('int openat(int dirfd, const char *path, int flags, ...)'),
    renameat2: lib.func(
      'int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags)',
    ),
    unlinkat: lib.func('int unlinkat(int dirfd, const char *path, int flags)'),
    mkdirat: lib.func('int mkdirat(int dirfd, const char *path, uint32_t mode)'),
    linkat: lib.func('int linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags)'),
    symlinkat: lib.func('int symlinkat(const char *target, int newdirfd, const char *linkpath)'),
    readlinkat: lib.func('long readlinkat(int dirfd, const char *path, void *buf, size_t size)'),
    fchownat: lib.func('int fchownat(int dirfd, const char *path, uint32_t owner, uint32_t group, int flags)'),
    fchmodat: lib.func('int fchmodat(int dirfd, const char *path, uint32_t mode, int flags)'),
  };
  return libc;
}

/** A libc call's result, or a SyscallError with its errno when it is negative. */
function check(ret: unknown, call: string): number {
  const n = Number(ret);
  if (n < 0) throw new SyscallError(koffi.errno(), call);
  return n;
}

/** bpf(cmd, attr, size): the non-negative result, or a SyscallError with errno. */
export function bpf(cmd: number, attr: Buffer, size = ATTR_SIZE): number {
  const nr = BPF_SYSCALL_NR[process.arch];
  if (nr === undefined) throw new SyscallError(38, `bpf (no syscall number for ${process.arch})`);
  return check(loadLibc().syscall(nr, 'int', cmd, 'void *', attr, 'uint', size), `bpf cmd ${cmd}`);
}

/** openat2(dirfd, path, {flags, mode 0, resolve}): a new fd. */
export function openat2(dirfd: number, path: string, flags: number, resolve: number): number {
  const how = Buffer.alloc(24);
  how.writeBigUInt64LE(BigInt(flags), 0);
  how.writeBigUInt64LE(BigInt(resolve), 16);
  return check(loadLibc().syscall(OPENAT2_NR, 'int', dirfd, 'str', path, 'void *', how, 'size_t', 24), 'openat2');
}

export function openat(dirfd: number, path: string, flags: number): number {
  return check(loadLibc().openat(dirfd, path, flags, 'uint32_t', 0), 'openat');
}

/** renameat2(2); flags RENAME_NOREPLACE (1) / RENAME_EXCHANGE (2), or 0 for a plain rename. */
export function renameat2(fromDir: number, from: string, toDir: number, to: string, flags: number): void {
  check(loadLibc().renameat2(fromDir, from, toDir, to, flags), 'renameat2');
}

/** unlinkat(2); AT_REMOVEDIR makes it rmdir. */
export function unlinkat(dirfd: number, path: string, flags: number): void {
  check(loadLibc().unlinkat(dirfd, path, flags), 'unlinkat');
}

export function mkdirat(dirfd: number, path: string, mode: number): void {
  check(loadLibc().mkdirat(dirfd, path, mode), 'mkdirat');
}

export function linkat(fromDir: number, from: string, toDir: number, to: string): void {
  check(loadLibc().linkat(fromDir, from, toDir, to, 0), 'linkat');
}

export function symlinkat(target: string, dirfd: number, path: string): void {
  check(loadLibc().symlinkat(target, dirfd, path), 'symlinkat');
}

/** The target of the symlink at dirfd/path ("" reads an O_PATH fd of the symlink itself). */
export function readlinkat(dirfd: number, path: string): string {
  const buf = Buffer.alloc(4096);
  const n = check(loadLibc().readlinkat(dirfd, path, buf, buf.length), 'readlinkat');
  return buf.subarray(0, n).toString('utf8');
}

const AT_EMPTY_PATH = 0x1000;
/** fchmodat2 (Linux 6.6) takes AT_EMPTY_PATH, so an O_PATH fd can be changed without a path. */
const FCHMODAT2_NR = 452;
const ENOSYS = 38;

/** chown(2) of the inode behind an O_PATH fd; -1 (0xffffffff) leaves that id unchanged. */
export function fchownFd(fd: number, uid: number, gid: number): void {
  check(loadLibc().fchownat(fd, '', uid >>> 0, gid >>> 0, AT_EMPTY_PATH), 'fchownat');
}

/** chmod(2) of the inode behind an O_PATH fd; before fchmodat2, through the fd's /proc link (that same inode). */
export function fchmodFd(fd: number, mode: number): void {
  const c = loadLibc();
  const ret = Number(c.syscall(FCHMODAT2_NR, 'int', fd, 'str', '', 'uint', mode, 'int', AT_EMPTY_PATH));
  if (ret >= 0) return;
  const errno = koffi.errno();
  if (errno !== ENOSYS) throw new SyscallError(errno, 'fchmodat2');
  check(c.fchmodat(-100, `/proc/self/fd/${fd}`, mode, 0), 'fchmodat');
}

/** The address of a buffer's first byte, to put in a u64 field of an attr. */
export function addressOf(buf: Buffer): bigint {
  return BigInt(koffi.address(buf));
}
