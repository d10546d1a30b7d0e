// Confines the native engine to its bpffs mount by file descriptor, not by path string: the mount root is
// opened once, every path is resolved from that fd with openat2(RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS),
// and operations act relative to the fd they get. Another user who swaps a folder for a symlink between
// two calls can then only make a call fail, never lead it outside the mount (EXDEV).
import { closeSync, fstatSync, openSync, statfsSync } from 'node:fs';

import { checkPath } from '../../../shared/bpf/paths.js';
import { BpfError, ERRNO } from '../../../shared/errors.js';

import { objGet } from './commands.js';
import { openat, openat2, SyscallError } from './sys.js';
import { O_CLOEXEC, O_DIRECTORY, O_NOFOLLOW, O_PATH, type WalkOptions, walkBeneath } from './walk.js';

const RESOLVE_NO_MAGICLINKS = 0x02;
const RESOLVE_NO_SYMLINKS = 0x04;
const RESOLVE_BENEATH = 0x08;
const BPF_FS_MAGIC = 0xcafe4a11;

/** What this kernel offers for fd-relative work; probed at start, overridable to test older kernels. */
export interface KernelCaps {
  /** openat2(2), Linux 5.6. */
  openat2: boolean;
  /** BPF_F_PATH_FD for BPF_OBJ_PIN / BPF_OBJ_GET, Linux 6.5. */
  pathFd: boolean;
}

/** The last name of a path with its trailing slashes (for the kernel to judge) and the folder before it. */
export function splitLast(path: string): { parent: string; name: string } | undefined {
  const core = path.replace(/\/+$/, '');
  if (core === '') return undefined;
  const i = core.lastIndexOf('/');
  return { parent: i < 0 ? '' : core.slice(0, i), name: path.slice(i + 1) };
}

export class MountPaths {
  private closed = false;

  private constructor(
    readonly root: string,
    private readonly fd: number,
    readonly caps: KernelCaps,
  ) {}

  /** The mount root's fd; refused once closed, so a reused fd number is never mistaken for it. */
  get rootFd(): number {
    if (this.closed) throw new BpfError('EBADF', 'The engine is closed.');
    return this.fd;
  }

  /** Opens the mount root at `root` (its real path); refuses a mount other users could race on when unsafe. */
  static open(root: string, overrides: Partial<KernelCaps> = {}): MountPaths {
    const rootFd = openSync(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
    try {
      if (statfsSync(`/proc/self/fd/${rootFd}`).type !== BPF_FS_MAGIC) {
        throw new BpfError('ENODEV', `${root} is no longer a bpffs mount.`, { path: root });
      }
      const caps = { openat2: probeOpenat2(rootFd), pathFd: probePathFd(rootFd), ...overrides };
      refuseRacyMount(root, rootFd, caps);
      return new MountPaths(root, rootFd, caps);
    } catch (e) {
      closeSync(rootFd);
      throw e;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }

  /**
   * Runs `fn` with the fd of the folder that holds the last name of `path`, and that name with its trailing
   * slashes. The root itself ("") is "." in the root, which the kernel answers as it answers the mount point.
   */
  atParent<T>(path: string, what: string, fn: (dirFd: number, name: string) => T): T {
    checkPath(path);
    const split = splitLast(path);
    if (!split) return fn(this.rootFd, '.');
    if (split.parent === '') return fn(this.rootFd, split.name);
    const fd = this.resolve(split.parent, what, path, { follow: true, dir: true });
    try {
      return fn(fd, split.name);
    } finally {
      closeSync(fd);
    }
  }

  /** Runs `fn` with an O_PATH fd of the entry at `path`; a final symlink is followed (beneath the root) when `follow`. */
  atEntry<T>(path: string, what: string, follow: boolean, fn: (fd: number) => T): T {
    checkPath(path);
    if (path === '') return fn(this.rootFd);
    const fd = this.resolve(path, what, path, { follow, dir: false });
    try {
      return fn(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** An O_PATH fd of the directory at `path` reached through real directories only (the caller closes it). */
  openRealDir(path: string): number {
    return this.resolve(path, 'Watch', path, { follow: false, dir: true, noSymlinks: true });
  }

  private resolve(path: string, what: string, shown: string, opts: WalkOptions): number {
    if (path === '') return openat(this.rootFd, '.', O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (this.caps.openat2) {
      const flags = O_PATH | O_CLOEXEC | (opts.follow ? 0 : O_NOFOLLOW) | (opts.dir ? O_DIRECTORY : 0);
      const resolve = RESOLVE_BENEATH | (opts.noSymlinks ? RESOLVE_NO_SYMLINKS : RESOLVE_NO_MAGICLINKS);
      // EAGAIN: a rename elsewhere raced with a '..'; the kernel asks to retry.
      for (let i = 0; i < 16; i++) {
        try {
          return openat2(this.rootFd, path, flags, resolve);
        } catch (e) {
          if (!(e instanceof SyscallError)) throw e;
          if (e.errno === ERRNO.EXDEV) break;
          if (e.errno !== ERRNO.EAGAIN) throw e;
        }
      }
    }
    // An absolute symlink (openat2 refuses them all) may still point into the mount: walk it by hand.
    return walkBeneath(this.root, this.rootFd, path, opts, (where) => {
      throw new BpfError('EXDEV', `${what}: "${shown}" resolves to ${where}, outside the bpffs mount.`, {
        path: shown,
      });
    });
  }
}

function probeOpenat2(rootFd: number): boolean {
  try {
    closeSync(openat2(rootFd, '.', O_PATH | O_DIRECTORY | O_CLOEXEC, RESOLVE_BENEATH));
    return true;
  } catch {
    return false;
  }
}

/** OBJ_GET of the root directory answers EACCES when BPF_F_PATH_FD is known, EINVAL when it is not. */
function probePathFd(rootFd: number): boolean {
  try {
    closeSync(objGet('.', 0, rootFd));
    return true;
  } catch (e) {
    return e instanceof SyscallError && e.errno !== ERRNO.EINVAL;
  }
}

/**
 * Without openat2 the engine falls back to a walk it has no kernel guarantee for; as root (who passes every
 * permission check) it then refuses a mount where other users can make folders and symlinks.
 */
export function refuseRacyMount(root: string, rootFd: number, caps: KernelCaps): void {
  if (caps.openat2 || process.geteuid?.() !== 0) return;
  const st = fstatSync(rootFd);
  const othersWrite =
    (st.mode & 0o002) !== 0 || ((st.mode & 0o020) !== 0 && st.gid !== 0) || ((st.mode & 0o200) !== 0 && st.uid !== 0);
  if (!othersWrite) return;
  const mode = (st.mode & 0o7777).toString(8).padStart(4, '0');
  throw new BpfError(
    'EPERM',
    `${root} can be written by other users (mode ${mode}, owner ${st.uid}:${st.gid}) and this kernel has no ` +
      'openat2(2), so bpfscope running as root could be led outside the mount by a symlink swapped in by one of them.',
    {
      path: root,
      hint: `Make the mount writable by root only (chmod 0755 ${root}, or mount it with -o mode=0755), or use Linux 5.6 or later.`,
    },
  );
}
