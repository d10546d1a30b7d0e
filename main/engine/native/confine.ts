// Maps engine paths (relative to the mount root) to absolute paths on the mount, refusing any path
// that resolves outside it, including through a symlink that leads out (EXDEV).
import { realpathSync } from 'node:fs';
import { BpfError } from '../../../shared/errors.js';
import { baseName, checkPath, parentOf } from '../../../shared/bpf/paths.js';
import { wrap } from './errno.js';

export class MountPaths {
  constructor(readonly root: string) {}

  private inside(real: string): boolean {
    return real === this.root || real.startsWith(`${this.root}/`);
  }

  private realOf(path: string, what: string, abs: string): string {
    const real = wrap(what, path, () => realpathSync.native(abs));
    if (!this.inside(real)) {
      throw new BpfError('EXDEV', `${what}: "${path}" resolves to ${real}, outside the bpffs mount.`, { path });
    }
    return real;
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
