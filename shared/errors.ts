// The one error type every layer speaks: an errno name, its number, a message, and the path it concerns.

/** errno names bpfscope reports, with their Linux numbers. 524 is the kernel-internal ENOTSUPP. */
export const ERRNO = {
  EPERM: 1,
  ENOENT: 2,
  ESRCH: 3,
  EINTR: 4,
  EIO: 5,
  E2BIG: 7,
  EBADF: 9,
  EAGAIN: 11,
  ENOMEM: 12,
  EACCES: 13,
  EFAULT: 14,
  EBUSY: 16,
  EEXIST: 17,
  EXDEV: 18,
  ENODEV: 19,
  ENOTDIR: 20,
  EISDIR: 21,
  EINVAL: 22,
  EMFILE: 24,
  ENOSPC: 28,
  EROFS: 30,
  ERANGE: 34,
  ENAMETOOLONG: 36,
  ENOSYS: 38,
  ENOTEMPTY: 39,
  ELOOP: 40,
  EBADFD: 77,
  EOPNOTSUPP: 95,
  ENOTCONN: 107,
  ETIMEDOUT: 110,
  ECANCELED: 125,
  ENOTSUPP: 524,
} as const;

export type ErrnoCode = keyof typeof ERRNO;

const BY_NUMBER = new Map<number, ErrnoCode>(
  (Object.entries(ERRNO) as [ErrnoCode, number][]).map(([name, no]) => [no, name]),
);

/** errno number -> name, or undefined for numbers bpfscope has no name for (see errnoName). */
export function errnoCode(errno: number): ErrnoCode | undefined {
  return BY_NUMBER.get(errno);
}

/** A human name for any errno number, e.g. 'ENOENT' or 'errno 61'. */
export function errnoName(errno: number): string {
  return BY_NUMBER.get(errno) ?? `errno ${errno}`;
}

/** The wire form of an error: plain data, safe to send over IPC or JSON. */
export interface WireError {
  code: ErrnoCode;
  errno: number;
  message: string;
  path?: string;
  /** What the user can do about it, when there is something to say. */
  hint?: string;
  /** A tool's whole output behind the message (libbpf's log with the verifier's), for the user to read or copy. */
  log?: string;
}

export class BpfError extends Error implements WireError {
  readonly code: ErrnoCode;
  readonly errno: number;
  readonly path?: string;
  readonly hint?: string;
  readonly log?: string;

  constructor(
    code: ErrnoCode,
    message: string,
    opts: { path?: string | undefined; hint?: string | undefined; log?: string | undefined } = {},
  ) {
    super(message);
    this.name = 'BpfError';
    this.code = code;
    this.errno = ERRNO[code];
    if (opts.path !== undefined) this.path = opts.path;
    const hint = opts.hint ?? DEFAULT_HINTS[code];
    if (hint !== undefined) this.hint = hint;
    if (opts.log !== undefined) this.log = opts.log;
  }

  toWire(): WireError {
    const w: WireError = { code: this.code, errno: this.errno, message: this.message };
    if (this.path !== undefined) w.path = this.path;
    if (this.hint !== undefined) w.hint = this.hint;
    if (this.log !== undefined) w.log = this.log;
    return w;
  }

  static fromWire(w: WireError): BpfError {
    return new BpfError(w.code, w.message, { path: w.path, hint: w.hint, log: w.log });
  }
}

export function isBpfError(e: unknown): e is BpfError {
  return e instanceof BpfError;
}

/** Short advice per errno, used where the thrower has nothing more specific to say. */
const DEFAULT_HINTS: Partial<Record<ErrnoCode, string>> = {
  EPERM:
    'bpffs names may not contain a dot; otherwise this needs root or CAP_BPF, or the map is frozen / opened read-only.',
  ENOENT: 'The path or element does not exist; refresh the tree and check the name.',
  EEXIST: 'Something already has that name; choose another name or remove it first.',
  EACCES: "The node's mode forbids this access; open it read-only or check its owner and mode.",
  ENOTEMPTY: "Remove the folder's entries first.",
  ENOTDIR: 'A path component is a pinned object, not a folder.',
  EISDIR: 'This is a folder: use "Remove folder" (rmdir) instead.',
  ENAMETOOLONG: 'Names on bpffs are at most 255 bytes.',
  E2BIG: 'The map is full or the index is beyond max_entries.',
  EXDEV: 'bpfscope only works inside its bpffs mount; use a path relative to the mount root.',
  EBADF: 'The handle was closed; open the object again with Get.',
  ENOTSUPP: 'This map type does not support that operation.',
  ENOTCONN: 'The agent that runs the engine is not connected; press Reconnect.',
};
