// Decodes bpf_map_info / bpf_prog_info / bpf_link_info and tells what kind of object an fd is.
import { readFileSync, readlinkSync } from 'node:fs';

import { linkTypeName, mapFlagNames, mapTypeName, progTypeName } from '../../../shared/bpf/types.js';
import type { LinkInfo, MapInfo, ObjectKind, ObjectRef, ProgInfo } from '../../../shared/engine.js';

import { objInfo } from './commands.js';
import { progFullName } from './prog-name.js';
import { addressOf } from './sys.js';

/** The kind of bpf object behind an fd, from readlink(/proc/self/fd/N), or undefined. */
export function fdKind(fd: number): ObjectKind | undefined {
  const target = readlinkSync(`/proc/self/fd/${fd}`);
  if (target === 'anon_inode:bpf-map') return 'map';
  if (target === 'anon_inode:bpf-prog') return 'prog';
  // Link fds read 'bpf_link' when created and 'bpf-link' when opened from a pin.
  if (target === 'anon_inode:bpf_link' || target === 'anon_inode:bpf-link') return 'link';
  return undefined;
}

function cName(b: Buffer, offset: number, len = 16): string {
  const raw = b.subarray(offset, offset + len);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? len : end).toString('utf8');
}

/** Whether /proc/self/fdinfo says the map is frozen. */
export function isFrozen(fd: number): boolean {
  return /^frozen:\s*1/m.test(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'));
}

const readFdinfo = (fd: number): string => readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8');

/** fdinfo's memlock (bytes the kernel charges the object, per-CPU copies included), as `{ memlock }` or `{}`. */
export function memlockOf(fd: number, text = readFdinfo(fd)): { memlock?: number } {
  const m = /^memlock:\s*(\d+)/m.exec(text);
  return m ? { memlock: Number(m[1]) } : {};
}

export function mapInfo(fd: number, possibleCpus: number): MapInfo {
  const b = Buffer.alloc(96);
  objInfo(fd, b);
  const flags = b.readUInt32LE(20);
  const fdinfo = readFdinfo(fd);
  return {
    kind: 'map',
    id: b.readUInt32LE(4),
    typeId: b.readUInt32LE(0),
    type: mapTypeName(b.readUInt32LE(0)),
    name: cName(b, 24),
    keySize: b.readUInt32LE(8),
    valueSize: b.readUInt32LE(12),
    maxEntries: b.readUInt32LE(16),
    flags,
    flagNames: mapFlagNames(flags),
    frozen: /^frozen:\s*1/m.test(fdinfo),
    btfId: b.readUInt32LE(64),
    btfKeyTypeId: b.readUInt32LE(68),
    btfValueTypeId: b.readUInt32LE(72),
    ifindex: b.readUInt32LE(40),
    mapExtra: Number(b.readBigUInt64LE(80)),
    possibleCpus,
    ...memlockOf(fd, fdinfo),
  };
}

const PROG_INFO_SIZE = 256;

/** bpf_prog_info, in two calls: the first for nr_map_ids, the second with a buffer for the ids. */
export function progInfo(fd: number, bootTimeMs: number): ProgInfo {
  const b = Buffer.alloc(PROG_INFO_SIZE);
  objInfo(fd, b);
  const nrMapIds = b.readUInt32LE(52);
  const mapIds: number[] = [];
  if (nrMapIds > 0) {
    const ids = Buffer.alloc(nrMapIds * 4);
    const second = Buffer.alloc(PROG_INFO_SIZE);
    second.writeUInt32LE(nrMapIds, 52);
    second.writeBigUInt64LE(addressOf(ids), 56);
    objInfo(fd, second);
    const n = Math.min(nrMapIds, second.readUInt32LE(52));
    for (let i = 0; i < n; i++) mapIds.push(ids.readUInt32LE(i * 4));
  }
  const typeId = b.readUInt32LE(0);
  const name = cName(b, 64);
  const fullName = progFullName(fd, b, name);
  return {
    kind: 'prog',
    id: b.readUInt32LE(4),
    typeId,
    type: progTypeName(typeId),
    name,
    ...(fullName !== undefined ? { fullName } : {}),
    tag: b.subarray(8, 16).toString('hex'),
    jitedLen: b.readUInt32LE(16),
    xlatedLen: b.readUInt32LE(20),
    loadedAt: bootTimeMs + Number(b.readBigUInt64LE(40) / 1_000_000n),
    createdByUid: b.readUInt32LE(48),
    mapIds,
    gplCompatible: (b.readUInt32LE(84) & 1) === 1,
    btfId: b.readUInt32LE(128),
    runTimeNs: Number(b.readBigUInt64LE(192)),
    runCnt: Number(b.readBigUInt64LE(200)),
    verifiedInsns: b.readUInt32LE(216),
    ...memlockOf(fd),
  };
}

const LINK_INFO_SIZE = 128;

/** A string a link info names by pointer @16 and length @24 (raw_tracepoint tp_name, iter target_name). */
function linkString(fd: number, len: number): string {
  if (len === 0) return '';
  const text = Buffer.alloc(len + 1);
  const b = Buffer.alloc(LINK_INFO_SIZE);
  b.writeBigUInt64LE(addressOf(text), 16);
  b.writeUInt32LE(len + 1, 24);
  objInfo(fd, b);
  return cName(text, 0, text.length);
}

export function linkInfo(fd: number): LinkInfo {
  const b = Buffer.alloc(LINK_INFO_SIZE);
  objInfo(fd, b);
  const typeId = b.readUInt32LE(0);
  const type = linkTypeName(typeId);
  const u32 = (off: number): number => b.readUInt32LE(off);
  const attach: Record<string, string | number> = {};
  if (type === 'raw_tracepoint') attach.tp_name = linkString(fd, u32(24));
  else if (type === 'tracing')
    Object.assign(attach, { attach_type: u32(16), target_obj_id: u32(20), target_btf_id: u32(24) });
  else if (type === 'cgroup') Object.assign(attach, { cgroup_id: Number(b.readBigUInt64LE(16)), attach_type: u32(24) });
  else if (type === 'iter') {
    attach.target_name = linkString(fd, u32(24));
    if (u32(28) !== 0) attach.map_id = u32(28);
  } else if (type === 'netns') Object.assign(attach, { netns_ino: u32(16), attach_type: u32(20) });
  else if (type === 'xdp') attach.ifindex = u32(16);
  else if (type === 'tcx' || type === 'netkit') Object.assign(attach, { ifindex: u32(16), attach_type: u32(20) });
  else if (type === 'netfilter')
    Object.assign(attach, { pf: u32(16), hooknum: u32(20), priority: b.readInt32LE(24), flags: u32(28) });
  // The remaining link types' attach fields.
  else if (type === 'kprobe_multi')
    Object.assign(attach, { count: u32(24), flags: u32(28), missed: Number(b.readBigUInt64LE(32)) });
  else if (type === 'uprobe_multi') Object.assign(attach, { count: u32(52), flags: u32(56), pid: u32(60) });
  else if (type === 'perf_event') attach.perf_type = u32(16);
  else if (type === 'struct_ops') attach.map_id = u32(16);
  else if (type === 'sockmap') Object.assign(attach, { map_id: u32(16), attach_type: u32(20) });
  return { kind: 'link', id: u32(4), typeId, type, progId: u32(8), attach };
}

/** Kind, id, type name and name of the object behind an fd. */
export function objectRef(fd: number): ObjectRef | undefined {
  const kind = fdKind(fd);
  if (kind === undefined) return undefined;
  const b = Buffer.alloc(kind === 'prog' ? PROG_INFO_SIZE : 96);
  objInfo(fd, b);
  const typeId = b.readUInt32LE(0);
  const id = b.readUInt32LE(4);
  if (kind === 'map') return { kind, id, type: mapTypeName(typeId), name: cName(b, 24) };
  if (kind === 'prog') {
    const name = cName(b, 64);
    const fullName = progFullName(fd, b, name);
    return { kind, id, type: progTypeName(typeId), name, ...(fullName !== undefined ? { fullName } : {}) };
  }
  return { kind, id, type: linkTypeName(typeId), name: '' };
}
