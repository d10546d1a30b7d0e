// The raw system calls the native engine needs, through koffi: bpf(2) via libc syscall(), renameat2,
// plus buffer addresses for pointers inside bpf_attr.
import koffi from 'koffi';

const BPF_SYSCALL_NR: Record<string, number> = { x64: 321, arm64: 280 };

/** union bpf_attr is 168 bytes on 6.18; a shorter size is zero-filled by the kernel. */
export const ATTR_SIZE = 168;
const AT_FDCWD = -100;

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
  renameat2: NativeFunction;
}

let libc: Libc | undefined;

function loadLibc(): Libc {
  if (libc) return libc;
  const lib = koffi.load('libc.so.6');
  libc = {
    syscall: lib.func('long syscall(long number, ...)'),
    renameat2: lib.func(
      'int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags)',
    ),
  };
  return libc;
}

/** bpf(cmd, attr, size): the non-negative result, or a SyscallError with errno. */
export function bpf(cmd: number, attr: Buffer, size = ATTR_SIZE): number {
  const nr = BPF_SYSCALL_NR[process.arch];
  if (nr === undefined) throw new SyscallError(38, `bpf (no syscall number for ${process.arch})`);
  const ret = Number(loadLibc().syscall(nr, 'int', cmd, 'void *', attr, 'uint', size));
  if (ret < 0) throw new SyscallError(koffi.errno(), `bpf cmd ${cmd}`);
  return ret;
}

/** renameat2(2) with RENAME_NOREPLACE (1) / RENAME_EXCHANGE (2) on absolute paths. */
export function renameat2(from: string, to: string, flags: number): void {
  const ret = Number(loadLibc().renameat2(AT_FDCWD, from, AT_FDCWD, to, flags));
  if (ret < 0) throw new SyscallError(koffi.errno(), 'renameat2');
}

/** The address of a buffer's first byte, to put in a u64 field of an attr. */
export function addressOf(buf: Buffer): bigint {
  return BigInt(koffi.address(buf));
}
