// The kernel's ownership and mode rules for bpffs nodes (fs/attr.c, fs/inode.c, kernel/bpf/inode.c), written once:
// the emulated engine enforces them, the native engine explains the kernel's refusals with them, the UI describes them.

/** Who asks: fsuid, fsgid and supplementary groups; `capable` stands for CAP_FOWNER, CAP_CHOWN, CAP_DAC_OVERRIDE. */
export interface Credentials {
  uid: number;
  gid: number;
  groups?: readonly number[];
  capable: boolean;
}

export interface Owned {
  mode: number;
  uid: number;
  gid: number;
}

export const S_ISUID = 0o4000;
export const S_ISGID = 0o2000;
export const S_ISVTX = 0o1000;
const S_IXGRP = 0o010;

/** chown's "leave unchanged" id ((uid_t)-1). */
export const KEEP_ID = 0xffffffff;

export const inGroup = (c: Credentials, gid: number): boolean => c.gid === gid || (c.groups ?? []).includes(gid);

/** The rwx bits of `node` that apply to `c` (owner, else group, else other). */
export function permissionBits(node: Owned, c: Credentials): number {
  if (node.uid === c.uid) return (node.mode >> 6) & 7;
  if (inGroup(c, node.gid)) return (node.mode >> 3) & 7;
  return node.mode & 7;
}

/** generic_permission: `need` is a mask of 4 (read), 2 (write), 1 (search/execute); capable callers pass. */
export function mayAccess(node: Owned, c: Credentials, need: number): boolean {
  if (c.capable) return true;
  return (permissionBits(node, c) & need) === need;
}

/** inode_owner_or_capable: who may chmod. EPERM otherwise. */
export const mayChmod = (node: Owned, c: Credentials): boolean => c.capable || node.uid === c.uid;

/** The mode chmod leaves: the new permission bits; setgid dropped when the caller is not in the node's group. */
export function modeAfterChmod(node: Owned, c: Credentials, mode: number): number {
  const m = mode & 0o7777;
  return c.capable || inGroup(c, node.gid) ? m : m & ~S_ISGID;
}

/** chown_ok / chgrp_ok: undefined when allowed, else why not (the kernel says EPERM). */
export function chownRefusal(node: Owned, c: Credentials, uid: number, gid: number): string | undefined {
  if (c.capable) return undefined;
  const owner = node.uid === c.uid;
  if (uid !== KEEP_ID && !(owner && uid === node.uid)) return 'only root (CAP_CHOWN) may give a node to another owner';
  // chgrp_ok: even the group the node already has is the owner's to set, not anyone's.
  if (gid !== KEEP_ID && !(owner && (gid === node.gid || inGroup(c, gid)))) {
    return owner
      ? `you are not a member of group ${gid}; the owner may only pick one of their own groups`
      : 'only the owner (in one of their own groups) or root (CAP_CHOWN) may change the group';
  }
  return undefined;
}

/** chown of a file (not a folder) drops setuid, and setgid when it is group-executable or the caller is not in the group. */
export function modeAfterChown(node: Owned & { dir: boolean }, c: Credentials): number {
  if (node.dir) return node.mode;
  let m = node.mode & ~S_ISUID;
  if (node.mode & S_ISGID && (node.mode & S_IXGRP || !(c.capable || inGroup(c, node.gid)))) m &= ~S_ISGID;
  return m;
}

/** inode_init_owner: a new node belongs to the caller, in the folder's group when the folder is setgid. */
export function newNodeOwner(parent: Owned, c: Credentials, mode: number, dir: boolean): Owned {
  if (!(parent.mode & S_ISGID)) return { mode, uid: c.uid, gid: c.gid };
  return { mode: dir ? mode | S_ISGID : mode, uid: c.uid, gid: parent.gid };
}

/**
 * may_linkat with fs.protected_hardlinks = 1 (the default of systemd distributions): a second name for someone
 * else's file needs read and write access to it, and it must not be setuid or group-executable setgid (EPERM).
 */
export function mayHardlink(node: Owned & { file: boolean }, c: Credentials): boolean {
  if (c.capable || node.uid === c.uid) return true;
  if (!node.file || node.mode & S_ISUID || (node.mode & S_ISGID && node.mode & S_IXGRP)) return false;
  return mayAccess(node, c, 6);
}

/** `ls -l`'s ten characters, e.g. "drwxr-xr-x", "-rw-------", "drwxrwxrwt". */
export function modeString(mode: number, type: 'd' | '-' | 'l'): string {
  const tri = (bits: number, special: boolean, on: string, off: string): string =>
    `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${bits & 1 ? (special ? on : 'x') : special ? off : '-'}`;
  return (
    type +
    tri(mode >> 6, (mode & S_ISUID) !== 0, 's', 'S') +
    tri(mode >> 3, (mode & S_ISGID) !== 0, 's', 'S') +
    tri(mode, (mode & S_ISVTX) !== 0, 't', 'T')
  );
}

export const octalMode = (mode: number): string => (mode & 0o7777).toString(8).padStart(4, '0');

/** Who a mode lets read or write a node: the owner, members of its group, everyone else (root always can). */
export interface WhoCan {
  owner: boolean;
  group: boolean;
  others: boolean;
}

export function whoCan(mode: number, need: 4 | 2): WhoCan {
  return { owner: (mode & (need << 6)) !== 0, group: (mode & (need << 3)) !== 0, others: (mode & need) !== 0 };
}

/** The caller as the UI knows it from the engine's description: root (uid 0) is capable. */
export function credentialsOf(p: { uid: number; gid?: number; groups?: number[] } | undefined): Credentials {
  if (!p) return { uid: 0, gid: 0, capable: true };
  return { uid: p.uid, gid: p.gid ?? -1, groups: p.groups ?? [], capable: p.uid === 0 };
}
