// Maps engine paths (relative to the mount root) to absolute paths on the mount, refusing any path
// that resolves outside it, including through a symlink that leads out (EXDEV). A path that does not
// resolve at all (missing component, dotted name, file in the middle, symlink loop) is handed to the
// kernel unresolved once it is clear it cannot lead out: the kernel's own errno for the operation is
// the answer, not the errno of our pre-check (link and rename check the source before the target).
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';

import { baseName, checkPath, parentOf } from '../../../shared/bpf/paths.js';
import { BpfError } from '../../../shared/errors.js';

/** The kernel gives up after 40 symlinks (ELOOP); deeper chains are left to it. */
const MAX_SYMLINKS = 40;

export class MountPaths {
  constructor(readonly root: string) {}

  private inside(real: string): boolean {
    return real === this.root || real.startsWith(`${this.root}/`);
  }

  private escape(path: string, what: string, real: string): never {
    throw new BpfError('EXDEV', `${what}: "${path}" resolves to ${real}, outside the bpffs mount.`, { path });
  }

  /** `abs` fully resolved when it resolves; else `abs` itself, after making sure no symlink on it leads out. */
  private realOf(path: string, what: string, abs: string): string {
    let real: string;
    try {
      real = realpathSync.native(abs);
    } catch {
      this.checkUnresolved(path, what, abs, 0);
      return abs;
    }
    if (!this.inside(real)) this.escape(path, what, real);
    return real;
  }

  /**
   * `abs` does not resolve. Its longest resolving prefix must be inside the mount; the component after it
   * is missing, not a directory, or a symlink whose target is checked the same way (with the rest appended).
   */
  private checkUnresolved(path: string, what: string, abs: string, depth: number): void {
    if (depth > MAX_SYMLINKS) return;
    const parts = abs.split('/').filter((p) => p !== '');
    for (let k = parts.length - 1; k >= 0; k--) {
      let prefix: string;
      try {
        prefix = realpathSync.native(`/${parts.slice(0, k).join('/')}`);
      } catch {
        continue;
      }
      if (!this.inside(prefix)) this.escape(path, what, prefix);
      const next = `${prefix === '/' ? '' : prefix}/${parts[k]}`;
      let isLink: boolean;
      try {
        isLink = lstatSync(next).isSymbolicLink();
      } catch {
        return;
      }
      if (!isLink) return;
      const target = readlinkSync(next);
      const rest = parts.slice(k + 1).join('/');
      const via = target.startsWith('/') ? target : `${prefix}/${target}`;
      this.checkUnresolved(path, what, rest === '' ? via : `${via}/${rest}`, depth + 1);
      return;
    }
  }

  /** Absolute path with every component but the last resolved (for ops that act on the entry itself). */
  entry(path: string, what: string): string {
    checkPath(path);
    if (path === '') return this.root;
    const parent = parentOf(path);
    const dir = this.realOf(path, what, parent === '' ? this.root : `${this.root}/${parent}`);
    return `${dir}/${baseName(path)}`;
  }

  /** Absolute path with every component resolved, the last one too (for ops that follow symlinks). */
  target(path: string, what: string): string {
    checkPath(path);
    return this.realOf(path, what, path === '' ? this.root : `${this.root}/${path}`);
  }

  /** The engine path of an absolute path inside the mount. */
  relative(abs: string): string {
    return abs === this.root ? '' : abs.slice(this.root.length + 1);
  }
}
