// Path resolution beneath the mount root one component at a time, each an openat(O_PATH|O_NOFOLLOW) of a
// single name relative to the directory fd before it, so nothing is re-resolved from a string: a symlink
// is read with readlinkat and its target walked the same way. Used where openat2 cannot answer: absolute
// symlinks that point back into the mount (RESOLVE_BENEATH refuses every absolute target) and kernels
// without openat2.
import { closeSync, constants, fstatSync } from 'node:fs';

import { splitPath } from '../../../shared/bpf/paths.js';
import { ERRNO } from '../../../shared/errors.js';

import { openat, readlinkat, SyscallError } from './sys.js';

export const O_PATH = 0o10000000;
export const O_CLOEXEC = 0o2000000;
export const { O_DIRECTORY, O_NOFOLLOW } = constants;

/** The kernel gives up after 40 symlinks (ELOOP). */
const MAX_SYMLINKS = 40;

export interface WalkOptions {
  /** Follow a symlink in the last component (a trailing slash always does, as in the kernel). */
  follow: boolean;
  /** The result must be a directory (ENOTDIR otherwise). */
  dir: boolean;
  /** Refuse any symlink on the way (ELOOP), for walks that must stay on real directories. */
  noSymlinks?: boolean;
}

/**
 * An O_PATH fd for `path` resolved from `rootFd`, never above it. `outside(where)` is called (and must
 * throw) when a symlink or '..' leads out of the mount whose real path is `root`.
 */
export function walkBeneath(
  root: string,
  rootFd: number,
  path: string,
  opts: WalkOptions,
  outside: (where: string) => never,
): number {
  const mustDir = opts.dir || path.endsWith('/');
  const dirs: number[] = [];
  let todo = splitPath(path);
  let links = 0;
  try {
    for (;;) {
      const name = todo.shift();
      if (name === undefined) return dirs.pop() ?? openat(rootFd, '.', O_PATH | O_DIRECTORY | O_CLOEXEC);
      if (name === '.') continue;
      if (name === '..') {
        const up = dirs.pop();
        if (up === undefined) outside(`${root}/../${todo.join('/')}`);
        closeSync(up);
        continue;
      }
      const last = todo.length === 0;
      const fd = openat(dirs.at(-1) ?? rootFd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
      let kind: 'dir' | 'symlink' | 'other';
      try {
        const st = fstatSync(fd);
        kind = st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'symlink' : 'other';
      } catch (e) {
        closeSync(fd);
        throw e;
      }
      if (kind === 'symlink' && (!last || opts.follow || mustDir || opts.noSymlinks)) {
        let target: string;
        try {
          if (opts.noSymlinks) throw new SyscallError(ERRNO.ELOOP, 'openat');
          target = readlinkat(fd, '');
        } finally {
          closeSync(fd);
        }
        if (++links > MAX_SYMLINKS) throw new SyscallError(ERRNO.ELOOP, 'openat');
        if (target.startsWith('/')) {
          if (target !== root && !target.startsWith(`${root}/`)) outside(target);
          for (const d of dirs.splice(0)) closeSync(d);
          todo = [...splitPath(target.slice(root.length)), ...todo];
        } else {
          todo = [...splitPath(target), ...todo];
        }
        continue;
      }
      if (kind !== 'dir' && (!last || mustDir)) {
        closeSync(fd);
        throw new SyscallError(ERRNO.ENOTDIR, 'openat');
      }
      if (last) return fd;
      dirs.push(fd);
    }
  } finally {
    for (const d of dirs) closeSync(d);
  }
}
