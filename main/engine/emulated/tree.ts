// The bpffs tree: directories, pinned nodes (shared by hard links), symlinks, and path walking with the
// kernel's errno for every refusal. Children are kept oldest first; readdir lists them newest first.

import { bpffsNameProblem, joinPath, splitPath } from '../../../shared/bpf/paths.js';
import { type Credentials, mayAccess } from '../../../shared/bpf/permissions.js';
import { BpfError } from '../../../shared/errors.js';

import type { BpfObject } from './objects.js';
import { fail } from './stores.js';

export interface Owner {
  mode: number;
  uid: number;
  gid: number;
}
export interface DirNode extends Owner {
  kind: 'dir';
  children: Map<string, Node>;
  parent: DirNode | null;
}
export interface PinNode extends Owner {
  kind: 'pin';
  object: BpfObject;
  nlink: number;
  /** The preloaded maps.debug / progs.debug: stat works, OBJ_GET gives ENOENT. */
  noGet?: boolean;
  /** stat shows no object behind it (a snapshot of a host whose readdir named none). */
  noRef?: boolean;
}
export interface SymlinkNode extends Owner {
  kind: 'symlink';
  target: string;
  nlink: number;
}
export type Node = DirNode | PinNode | SymlinkNode;

export interface Found {
  node: Node;
  /** Resolved path of the node (symlinks in the way followed). */
  path: string;
  /** Directory that holds it (null for the root) and its resolved path. */
  dir: DirNode | null;
  dirPath: string;
  name: string;
}

export interface Slot {
  dir: DirNode;
  dirPath: string;
  name: string;
  existing: Node | undefined;
}

const MAX_SYMLINKS = 40;

export class Tree {
  readonly root: DirNode;

  constructor(
    private readonly mountPoint: string,
    /** Who is asking now (read at every check: an operation may run as another user). */
    private readonly cred: () => Credentials,
    rootOwner: Owner,
  ) {
    this.root = { kind: 'dir', children: new Map(), parent: null, ...rootOwner };
  }

  /** A component that is not in the directory: a dot is EPERM (bpf_lookup), then length, then ENOENT. */
  private missing(name: string, path: string, dir: DirNode): never {
    const p = bpffsNameProblem(name, dir.mode);
    if (p && (p.code === 'EPERM' || p.code === 'ENAMETOOLONG')) throw new BpfError(p.code, p.message, { path });
    throw new BpfError('ENOENT', `"${path}" does not exist.`, { path });
  }

  /** Walks `path` from the root; intermediate symlinks are followed, the last one only when `follow`. */
  walk(path: string, follow: boolean): Found {
    let parts = splitPath(path);
    let dir = this.root;
    let dirParts: string[] = [];
    let links = 0;
    let mustDir = path.endsWith('/');
    while (parts.length > 0) {
      const name = parts.shift()!;
      // may_lookup: every folder a name is looked up in needs search permission, dots included.
      this.checkSearch(dir, path);
      if (name === '.') continue;
      if (name === '..') {
        if (!dir.parent) fail('EXDEV', `A symlink on "${path}" leads outside the bpffs mount.`);
        dir = dir.parent;
        dirParts.pop();
        continue;
      }
      const child = dir.children.get(name);
      if (!child) this.missing(name, path, dir);
      const last = parts.length === 0;
      if (child.kind === 'symlink' && (!last || follow || mustDir)) {
        if (++links > MAX_SYMLINKS) fail('ELOOP', `Too many symlinks on "${path}".`);
        const target = this.targetParts(child.target, path);
        if (target.absolute) {
          dir = this.root;
          dirParts = [];
        }
        // A body ending in "/" asks for a directory when it is what the path ends with.
        if (parts.length === 0 && child.target.endsWith('/')) mustDir = true;
        parts = [...target.parts, ...parts];
        continue;
      }
      if (last) {
        if (mustDir && child.kind !== 'dir') fail('ENOTDIR', `"${path}" is not a directory.`);
        return { node: child, path: joinPath(dirParts.join('/'), name), dir, dirPath: dirParts.join('/'), name };
      }
      if (child.kind !== 'dir') fail('ENOTDIR', `A component of "${path}" is not a directory.`);
      dir = child;
      dirParts.push(name);
    }
    const p = dirParts.join('/');
    return {
      node: dir,
      path: p,
      dir: dir.parent,
      dirPath: dirParts.slice(0, -1).join('/'),
      name: dirParts[dirParts.length - 1] ?? '',
    };
  }

  private targetParts(target: string, path: string): { absolute: boolean; parts: string[] } {
    if (!target.startsWith('/')) return { absolute: false, parts: splitPath(target) };
    const mp = this.mountPoint.replace(/\/+$/, '');
    if (target === mp || target.startsWith(`${mp}/`))
      return { absolute: true, parts: splitPath(target.slice(mp.length)) };
    return fail('EXDEV', `The symlink on "${path}" points outside the bpffs mount (${target}).`);
  }

  /** Resolves the parent of `path` (must be a directory) and reports what the last name holds now. */
  slot(path: string): Slot {
    const parts = splitPath(path);
    const name = parts.pop();
    if (name === undefined) fail('EEXIST', 'The mount root already exists.');
    const parent = this.walk(parts.join('/'), true);
    if (parent.node.kind !== 'dir') fail('ENOTDIR', `The parent of "${path}" is not a directory.`);
    this.checkSearch(parent.node, path);
    return { dir: parent.node, dirPath: parent.path, name, existing: parent.node.children.get(name) };
  }

  /** The checks of a new name in a directory: EEXIST, the dot / length rules, write permission. */
  newSlot(path: string, beforeWrite?: () => void): Slot {
    const s = this.slot(path);
    if (s.existing) fail('EEXIST', `"${path}" already exists.`);
    const p = bpffsNameProblem(s.name, s.dir.mode);
    if (p) throw new BpfError(p.code, p.message, { path });
    // A trailing slash asks for a directory, which only mkdir (it strips the slash) makes: filename_create.
    if (path.endsWith('/')) fail('ENOENT', `"${path}" ends with "/"; only a new folder may.`);
    beforeWrite?.();
    this.checkDirWrite(s.dir, undefined, path);
    return s;
  }

  /** Search permission on a folder a name is looked up in. */
  checkSearch(dir: DirNode, path: string): void {
    if (!mayAccess(dir, this.cred(), 1)) fail('EACCES', `No search permission on a folder of "${path}".`);
  }

  /** Write and search permission on a directory; with the sticky bit, removing needs ownership. Root passes. */
  checkDirWrite(dir: DirNode, victim: Node | undefined, path: string): void {
    const c = this.cred();
    if (c.capable) return;
    if (!mayAccess(dir, c, 3)) fail('EACCES', `No write permission on the folder of "${path}".`);
    if (victim && dir.mode & 0o1000 && victim.uid !== c.uid && dir.uid !== c.uid) {
      fail('EPERM', `The folder of "${path}" is sticky and you own neither it nor the entry.`);
    }
  }

  /** The preloaded iterator pins are immutable: unlink, link and rename refuse them (EPERM). */
  static checkMutable(node: Node | undefined, path: string): void {
    if (node?.kind === 'pin' && node.noGet)
      fail('EPERM', `"${path}" is a preloaded iterator pin; it cannot be changed.`);
  }

  /** Inserts as the newest entry of `dir`. */
  put(dir: DirNode, name: string, node: Node): void {
    dir.children.delete(name);
    dir.children.set(name, node);
    if (node.kind === 'dir') node.parent = dir;
  }

  /** Whether `maybeAncestor` is `dir` or one of its ancestors. */
  static contains(maybeAncestor: DirNode, dir: DirNode): boolean {
    for (let d: DirNode | null = dir; d; d = d.parent) if (d === maybeAncestor) return true;
    return false;
  }

  /** Every path at which `obj` is pinned. */
  pinsOf(obj: BpfObject): string[] {
    const out: string[] = [];
    const visit = (dir: DirNode, path: string): void => {
      for (const [name, node] of dir.children) {
        const p = joinPath(path, name);
        if (node.kind === 'dir') visit(node, p);
        else if (node.kind === 'pin' && node.object === obj) out.push(p);
      }
    };
    visit(this.root, '');
    return out;
  }
}
