// Directory operations of the emulated bpffs: mkdir, rmdir, unlink, link, symlink, rename, list, stat.

import { bpffsNameProblem, joinPath, pathTooLong, splitPath } from '../../../shared/bpf/paths.js';
import {
  type Credentials,
  chownRefusal,
  KEEP_ID,
  mayAccess,
  mayChmod,
  mayHardlink,
  modeAfterChmod,
  modeAfterChown,
  newNodeOwner,
} from '../../../shared/bpf/permissions.js';
import { preloadedIterator } from '../../../shared/bpf/privilege.js';
import type { DirEntry } from '../../../shared/engine.js';
import { BpfError } from '../../../shared/errors.js';

import { refOf } from './info.js';
import { fail } from './stores.js';
import { type Node, type Slot, Tree } from './tree.js';

export interface FsContext {
  tree: Tree;
  /** Who is asking now. */
  cred(): Credentials;
  umask: number;
  /** A node lost its last name: drop the pin's reference. */
  unpinned(node: Node): void;
  changed(dirs: string[]): void;
}

export function entryOf(node: Node, name: string, path: string): DirEntry {
  const base = { name, path, mode: node.mode, uid: node.uid, gid: node.gid };
  if (node.kind === 'dir') {
    let subdirs = 0;
    for (const c of node.children.values()) if (c.kind === 'dir') subdirs++;
    return { ...base, kind: 'dir', nlink: 2 + subdirs };
  }
  if (node.kind === 'symlink') return { ...base, kind: 'symlink', nlink: node.nlink, target: node.target };
  const entry: DirEntry = {
    ...base,
    kind: node.object.kind,
    nlink: node.nlink,
    ...(node.noRef ? {} : { object: refOf(node.object) }),
  };
  const preloaded = node.noGet ? preloadedIterator(path) : undefined;
  return preloaded ? { ...entry, preloaded } : entry;
}

export function list(ctx: FsContext, path: string): DirEntry[] {
  const found = ctx.tree.walk(path, true);
  if (found.node.kind !== 'dir') fail('ENOTDIR', `"${path}" is not a directory.`);
  if (!mayAccess(found.node, ctx.cred(), 4)) fail('EACCES', `No read permission on the folder "${path}".`);
  return [...found.node.children].reverse().map(([name, node]) => entryOf(node, name, joinPath(found.path, name)));
}

export function stat(ctx: FsContext, path: string): DirEntry {
  const found = ctx.tree.walk(path, false);
  return entryOf(found.node, found.name, found.path);
}

export function mkdir(ctx: FsContext, path: string, mode = 0o777): void {
  if (path.endsWith('/')) path = path.replace(/\/+$/, '');
  const s = ctx.tree.newSlot(path);
  const owner = newNodeOwner(s.dir, ctx.cred(), mode & 0o1777 & ~ctx.umask, true);
  ctx.tree.put(s.dir, s.name, { kind: 'dir', children: new Map(), parent: s.dir, ...owner });
  ctx.changed([s.dirPath]);
}

/** Removes a name; the node's reference goes when its last name does. */
function removeName(ctx: FsContext, s: Slot, node: Node): void {
  s.dir.children.delete(s.name);
  if (node.kind === 'dir') return;
  node.nlink--;
  if (node.nlink === 0) ctx.unpinned(node);
}

function existing(ctx: FsContext, path: string): Slot & { existing: Node } {
  if (splitPath(path).length === 0) fail('EBUSY', 'The mount root cannot be removed or moved.');
  return existingIn(ctx.tree.slot(path.replace(/\/+$/, '')), path);
}

/** The node a resolved slot holds: a missing dotted or too long name fails as the kernel's lookup does. */
function existingIn(s: Slot, path: string): Slot & { existing: Node } {
  if (!s.existing) {
    const p = bpffsNameProblem(s.name, s.dir.mode);
    if (p && (p.code === 'EPERM' || p.code === 'ENAMETOOLONG')) throw new BpfError(p.code, p.message, { path });
    fail('ENOENT', `"${path}" does not exist.`);
  }
  return s as Slot & { existing: Node };
}

export function rmdir(ctx: FsContext, path: string): void {
  const s = existing(ctx, path);
  // may_delete: write and search permission and the sticky bit come before the kind of the victim.
  ctx.tree.checkDirWrite(s.dir, s.existing, path);
  if (s.existing.kind !== 'dir') fail('ENOTDIR', `"${path}" is not a directory; use unlink.`);
  if (s.existing.children.size > 0) fail('ENOTEMPTY', `"${path}" is not empty.`);
  removeName(ctx, s, s.existing);
  ctx.changed([s.dirPath]);
}

export function unlink(ctx: FsContext, path: string): void {
  if (splitPath(path).length === 0) fail('EISDIR', 'The mount root is a directory.');
  const s = existing(ctx, path);
  const isDir = s.existing.kind === 'dir';
  // do_unlinkat: a trailing slash is answered before any permission; may_delete then checks write and search
  // permission and the sticky bit before it refuses a directory.
  if (path.endsWith('/'))
    fail(isDir ? 'EISDIR' : 'ENOTDIR', `"${path}" ${isDir ? 'is a directory; use rmdir' : 'is not a directory'}.`);
  ctx.tree.checkDirWrite(s.dir, s.existing, path);
  Tree.checkMutable(s.existing, path);
  if (isDir) fail('EISDIR', `"${path}" is a directory; use rmdir.`);
  removeName(ctx, s, s.existing);
  ctx.changed([s.dirPath]);
}

export function link(ctx: FsContext, from: string, to: string): void {
  // do_linkat: source lookup, then the new name (EEXIST, dot, permission), then vfs_link refuses a directory.
  const src = ctx.tree.walk(from, false);
  const s = ctx.tree.newSlot(to, () => {
    if (!mayHardlink({ ...src.node, file: src.node.kind === 'pin' }, ctx.cred())) {
      fail('EPERM', `You may not make a second name for "${from}": you neither own it nor may read and write it.`);
    }
  });
  if (src.node.kind === 'dir') fail('EPERM', `"${from}" is a directory; directories cannot be hard-linked.`);
  Tree.checkMutable(src.node, from);
  src.node.nlink++;
  ctx.tree.put(s.dir, s.name, src.node);
  ctx.changed([s.dirPath]);
}

export function symlink(ctx: FsContext, target: string, path: string): void {
  // symlink(2) reads the target as a path name first: an empty one is ENOENT.
  if (target === '') fail('ENOENT', 'A symlink needs a target.');
  if (pathTooLong(target)) fail('ENAMETOOLONG', 'A symlink body is at most 4095 bytes.');
  const s = ctx.tree.newSlot(path);
  ctx.tree.put(s.dir, s.name, { kind: 'symlink', target, nlink: 1, ...newNodeOwner(s.dir, ctx.cred(), 0o777, false) });
  ctx.changed([s.dirPath]);
}

export function rename(
  ctx: FsContext,
  from: string,
  to: string,
  opts: { noreplace?: boolean; exchange?: boolean } = {},
): void {
  if (opts.noreplace && opts.exchange) fail('EINVAL', 'noreplace and exchange cannot be combined.');
  if (splitPath(from).length === 0 || splitPath(to).length === 0) {
    // The root's parent is outside the mount: once both parents resolve, the kernel sees two mounts
    // (the root onto itself is the same mount and a no-op).
    if (splitPath(from).length === 0 && splitPath(to).length === 0) {
      if (opts.noreplace) fail('EEXIST', 'The mount root already exists.');
      return;
    }
    for (const p of [from, to]) if (splitPath(p).length) ctx.tree.slot(p.replace(/\/+$/, ''));
    fail('EXDEV', 'The mount root cannot be renamed or replaced.');
  }
  // do_renameat2 resolves both parents before it looks up the source name.
  const srcSlot = ctx.tree.slot(from.replace(/\/+$/, ''));
  const dst = ctx.tree.slot(to.replace(/\/+$/, ''));
  const src = existingIn(srcSlot, from);
  const a = src.existing;
  const b = dst.existing;
  if (!b) {
    const p = bpffsNameProblem(dst.name, dst.dir.mode);
    if (p) throw new BpfError(p.code, p.message, { path: to });
    if (opts.exchange) fail('ENOENT', `"${to}" does not exist, so there is nothing to exchange with.`);
  }
  if (b && opts.noreplace) fail('EEXIST', `"${to}" already exists.`);
  // A trailing slash asks for a directory: unless the source is one, it is ENOTDIR (do_renameat2).
  if (opts.exchange && b && b.kind !== 'dir' && to.endsWith('/')) fail('ENOTDIR', `"${to}" is not a directory.`);
  if (a.kind !== 'dir' && (from.endsWith('/') || (!opts.exchange && to.endsWith('/')))) {
    fail('ENOTDIR', `"${from}" is not a directory, so neither name may end with "/".`);
  }
  if (a.kind === 'dir' && Tree.contains(a, dst.dir)) fail('EINVAL', `"${from}" cannot move into its own subdirectory.`);
  if (b && b.kind === 'dir' && Tree.contains(b, src.dir)) {
    fail(opts.exchange ? 'EINVAL' : 'ENOTEMPTY', `"${to}" contains "${from}".`);
  }
  if (a === b) return;
  // vfs_rename's may_delete on the source, then on the target it replaces or exchanges with.
  Tree.checkMutable(a, from);
  Tree.checkMutable(b, to);
  if (b && !opts.exchange) {
    if (a.kind === 'dir' && b.kind !== 'dir') fail('ENOTDIR', `"${to}" is not a directory.`);
    if (a.kind !== 'dir' && b.kind === 'dir') fail('EISDIR', `"${to}" is a directory.`);
    if (b.kind === 'dir' && b.children.size > 0) fail('ENOTEMPTY', `"${to}" is not empty.`);
  }
  ctx.tree.checkDirWrite(src.dir, a, from);
  ctx.tree.checkDirWrite(dst.dir, b, to);
  src.dir.children.delete(src.name);
  if (b) dst.dir.children.delete(dst.name);
  // d_move puts the moved dentries at the head of their directories: the target's first, then the source's.
  if (b && opts.exchange) ctx.tree.put(src.dir, src.name, b);
  ctx.tree.put(dst.dir, dst.name, a);
  if (b && !opts.exchange && b.kind !== 'dir') {
    b.nlink--;
    if (b.nlink === 0) ctx.unpinned(b);
  }
  ctx.changed([...new Set([src.dirPath, dst.dirPath])]);
}

/** chmod(2): follows a final symlink; only the owner or a capable caller (EPERM). */
export function chmod(ctx: FsContext, path: string, mode: number): void {
  const found = ctx.tree.walk(path, true);
  const node = found.node;
  const c = ctx.cred();
  if (!mayChmod(node, c)) {
    fail('EPERM', `Only the owner of "${path}" (uid ${node.uid}) or root (CAP_FOWNER) may change its mode.`);
  }
  node.mode = modeAfterChmod(node, c, mode);
  ctx.changed([found.dirPath]);
}

/** chown(2): follows a final symlink; KEEP_ID leaves that id as it is. */
export function chown(ctx: FsContext, path: string, uid: number, gid: number): void {
  const found = ctx.tree.walk(path, true);
  const node = found.node;
  const c = ctx.cred();
  const why = chownRefusal(node, c, uid, gid);
  if (why) fail('EPERM', `Cannot change the owner of "${path}": ${why}.`);
  node.mode = modeAfterChown({ ...node, dir: node.kind === 'dir' }, c);
  if (uid !== KEEP_ID) node.uid = uid;
  if (gid !== KEEP_ID) node.gid = gid;
  ctx.changed([found.dirPath]);
}
