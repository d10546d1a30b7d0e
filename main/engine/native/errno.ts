// Turns failed system calls and node:fs errors into BpfError with the kernel's errno name.
import { BpfError, ERRNO, type ErrnoCode, errnoCode, errnoName } from '../../../shared/errors.js';
import { refusal } from '../../../shared/refusal.js';

import { SyscallError } from './sys.js';

let privileged: boolean | undefined;

/** Whether this process has CAP_BPF (39) or CAP_SYS_ADMIN (21) in its effective set. */
export function hasBpfCapability(statusText: string): boolean {
  const m = /^CapEff:\s*([0-9a-f]+)/m.exec(statusText);
  if (!m) return false;
  const caps = BigInt(`0x${m[1]}`);
  return ((caps >> 39n) & 1n) === 1n || ((caps >> 21n) & 1n) === 1n;
}

export function setPrivileged(value: boolean): void {
  privileged = value;
}

/** A BpfError for a failed bpf(2) command or another call, with `what` saying what was attempted. */
export function errnoError(errno: number, what: string, path?: string, fromBpf = true): BpfError {
  const code: ErrnoCode = errnoCode(errno) ?? 'EIO';
  // File system EPERMs (a dot in a name) are not about privileges.
  if (errno === ERRNO.EPERM && privileged === false && fromBpf) {
    return refusal('EPERM', what, {
      path,
      hint: 'bpf(2) needs root or CAP_BPF (and CAP_SYS_ADMIN to browse objects by id): run bpfscope as root.',
    });
  }
  if (errnoCode(errno) === undefined) return refusal('EIO', what, { path, text: `failed with ${errnoName(errno)}` });
  return refusal(code, what, { path });
}

/** Any caught error as a BpfError: SyscallError, node:fs error (err.code / err.errno) or BpfError. */
export function toBpfError(e: unknown, what: string, path?: string): BpfError {
  if (e instanceof BpfError) return e;
  if (e instanceof SyscallError) return errnoError(e.errno, what, path, e.call.startsWith('bpf'));
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err.code === 'string') {
    if (err.code in ERRNO) return errnoError(ERRNO[err.code as ErrnoCode], what, path, false);
    if (err.code === 'ENOTSUP') return errnoError(ERRNO.EOPNOTSUPP, what, path, false);
    if (typeof err.errno === 'number') return errnoError(Math.abs(err.errno), what, path, false);
  }
  return refusal('EIO', what, { path, text: err instanceof Error ? err.message : String(e) });
}

/** Runs fn and rethrows whatever it throws as a BpfError. */
export function wrap<T>(what: string, path: string | undefined, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw toBpfError(e, what, path);
  }
}
