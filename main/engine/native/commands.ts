// bpf(2) commands with their union bpf_attr layouts (see docs/bpffs-semantics.md sections 2, 5-8).
// Every function returns a new fd or fills caller buffers; callers own and close returned fds.
import { ATTR_SIZE, addressOf, bpf } from './sys.js';

export const CMD = {
  MAP_CREATE: 0,
  MAP_LOOKUP_ELEM: 1,
  MAP_UPDATE_ELEM: 2,
  MAP_DELETE_ELEM: 3,
  MAP_GET_NEXT_KEY: 4,
  PROG_LOAD: 5,
  OBJ_PIN: 6,
  OBJ_GET: 7,
  PROG_GET_NEXT_ID: 11,
  MAP_GET_NEXT_ID: 12,
  PROG_GET_FD_BY_ID: 13,
  MAP_GET_FD_BY_ID: 14,
  OBJ_GET_INFO_BY_FD: 15,
  MAP_LOOKUP_AND_DELETE_ELEM: 21,
  MAP_FREEZE: 22,
  MAP_LOOKUP_BATCH: 24,
  BTF_LOAD: 18,
  BTF_GET_FD_BY_ID: 19,
  LINK_GET_FD_BY_ID: 30,
  LINK_GET_NEXT_ID: 31,
  TOKEN_CREATE: 36,
} as const;

// One attr buffer reused by every call: all calls are synchronous and never nest.
const attr = Buffer.alloc(ATTR_SIZE);

function fresh(): Buffer {
  attr.fill(0);
  return attr;
}

const NULL = 0n;
const ptr = (b: Buffer | null): bigint => (b === null ? NULL : addressOf(b));

export function cString(s: string): Buffer {
  return Buffer.from(`${s}\0`, 'utf8');
}

export interface MapCreateAttr {
  type: number;
  keySize: number;
  valueSize: number;
  maxEntries: number;
  flags: number;
  innerMapFd: number;
  name: string;
  mapExtra: number;
  /** BTF attached to the map (0 = none). */
  btfFd?: number;
  btfKeyTypeId?: number;
  btfValueTypeId?: number;
  /** BPF_F_TOKEN_FD and map_token_fd @76 (an fd; -1 is one never open). */
  token?: { fd: number; flag: boolean } | undefined;
}

/** BPF_F_TOKEN_FD: map_flags, prog_flags and btf_flags bit saying the token fd field is set. */
export const BPF_F_TOKEN_FD = 1 << 16;

export function mapCreate(a: MapCreateAttr): number {
  const b = fresh();
  b.writeUInt32LE(a.type, 0);
  b.writeUInt32LE(a.keySize, 4);
  b.writeUInt32LE(a.valueSize, 8);
  b.writeUInt32LE(a.maxEntries, 12);
  b.writeUInt32LE(a.flags, 16);
  b.writeUInt32LE(a.innerMapFd, 20);
  b.write(a.name, 28, 16, 'utf8'); // all 16 bytes: a name without room for its NUL is the kernel's EINVAL
  if (a.btfFd) {
    b.writeUInt32LE(a.btfFd, 48);
    b.writeUInt32LE(a.btfKeyTypeId ?? 0, 52);
    b.writeUInt32LE(a.btfValueTypeId ?? 0, 56);
  }
  b.writeBigUInt64LE(BigInt(a.mapExtra), 64);
  if (a.token) {
    b.writeUInt32LE((a.flags | (a.token.flag ? BPF_F_TOKEN_FD : 0)) >>> 0, 16);
    b.writeInt32LE(a.token.fd, 76);
  }
  return bpf(CMD.MAP_CREATE, b);
}

/** BPF_BTF_LOAD: btf @0, btf_log_buf @8, btf_size @16, btf_log_size @20, btf_log_level @24. */
export function btfLoad(data: Buffer, log: Buffer | null): number {
  const b = fresh();
  b.writeBigUInt64LE(ptr(data), 0);
  b.writeUInt32LE(data.length, 16);
  if (log) {
    b.writeBigUInt64LE(ptr(log), 8);
    b.writeUInt32LE(log.length, 20);
    b.writeUInt32LE(1, 24);
  }
  return bpf(CMD.BTF_LOAD, b);
}

export interface ProgLoadAttr {
  type: number;
  insns: Buffer;
  license: string;
  name: string;
  logBuf: Buffer | null;
  logLevel: number;
  expectedAttachType?: number | undefined;
  /** prog_flags @44 gets BPF_F_TOKEN_FD, prog_token_fd @144. */
  token?: { fd: number; flag: boolean } | undefined;
}

export function progLoad(a: ProgLoadAttr): number {
  const license = cString(a.license);
  const b = fresh();
  b.writeUInt32LE(a.type, 0);
  b.writeUInt32LE(Math.floor(a.insns.length / 8), 4);
  b.writeBigUInt64LE(ptr(a.insns), 8);
  b.writeBigUInt64LE(ptr(license), 16);
  if (a.logBuf) {
    b.writeUInt32LE(a.logLevel, 24);
    b.writeUInt32LE(a.logBuf.length, 28);
    b.writeBigUInt64LE(ptr(a.logBuf), 32);
  }
  b.write(a.name, 48, 16, 'utf8');
  b.writeUInt32LE(a.expectedAttachType ?? 0, 68);
  if (a.token) {
    b.writeUInt32LE(a.token.flag ? BPF_F_TOKEN_FD : 0, 44);
    b.writeInt32LE(a.token.fd, 144);
  }
  return bpf(CMD.PROG_LOAD, b);
}

/** BPF_TOKEN_CREATE: flags @0, bpffs_fd @4. */
export function tokenCreate(bpffsFd: number, flags: number): number {
  const b = fresh();
  b.writeUInt32LE(flags >>> 0, 0);
  b.writeInt32LE(bpffsFd, 4);
  return bpf(CMD.TOKEN_CREATE, b);
}

/** BPF_F_PATH_FD (Linux 6.5): `pathname` is relative to `path_fd` @16. */
export const BPF_F_PATH_FD = 1 << 14;

/** BPF_OBJ_PIN at `path`, relative to the directory fd `dirFd` when given. */
export function objPin(fd: number, path: string, dirFd?: number): void {
  const p = cString(path);
  const b = fresh();
  b.writeBigUInt64LE(ptr(p), 0);
  b.writeUInt32LE(fd, 8);
  if (dirFd !== undefined) {
    b.writeUInt32LE(BPF_F_PATH_FD, 12);
    b.writeInt32LE(dirFd, 16);
  }
  bpf(CMD.OBJ_PIN, b);
}

/** BPF_OBJ_GET at `path` (the kernel follows a final symlink), relative to `dirFd` when given. */
export function objGet(path: string, fileFlags: number, dirFd?: number): number {
  const p = cString(path);
  const b = fresh();
  b.writeBigUInt64LE(ptr(p), 0);
  b.writeUInt32LE((fileFlags | (dirFd === undefined ? 0 : BPF_F_PATH_FD)) >>> 0, 12);
  if (dirFd !== undefined) b.writeInt32LE(dirFd, 16);
  return bpf(CMD.OBJ_GET, b);
}

/** LOOKUP, UPDATE, DELETE, GET_NEXT_KEY, LOOKUP_AND_DELETE: map_fd @0, key @8, value @16, flags @24. */
export function elem(cmd: number, fd: number, key: Buffer | null, value: Buffer | null, flags = 0): void {
  const b = fresh();
  b.writeUInt32LE(fd, 0);
  b.writeBigUInt64LE(ptr(key), 8);
  b.writeBigUInt64LE(ptr(value), 16);
  b.writeBigUInt64LE(BigInt(flags), 24);
  bpf(cmd, b);
}

export function mapFreeze(fd: number): void {
  const b = fresh();
  b.writeUInt32LE(fd, 0);
  bpf(CMD.MAP_FREEZE, b);
}

export interface BatchBuffers {
  inBatch: Buffer | null;
  outBatch: Buffer;
  keys: Buffer;
  values: Buffer;
}

/** LOOKUP_BATCH; returns the count the kernel wrote back, also when it fails (`error`). */
export function lookupBatch(fd: number, bufs: BatchBuffers, count: number): { count: number; errno: number } {
  return batchCall(CMD.MAP_LOOKUP_BATCH, fd, bufs, count);
}

/**
 * Any BPF_MAP_*_BATCH: in_batch @0, out_batch @8, keys @16, values @24, count @32, map_fd @36, elem_flags @40,
 * flags @48. Returns the count the kernel wrote back and the errno (0 on success) instead of throwing.
 */
export function batchCall(
  cmd: number,
  fd: number,
  bufs: BatchBuffers,
  count: number,
  elemFlags = 0,
  flags = 0,
): { count: number; errno: number } {
  const b = fresh();
  b.writeBigUInt64LE(ptr(bufs.inBatch), 0);
  b.writeBigUInt64LE(ptr(bufs.outBatch), 8);
  b.writeBigUInt64LE(ptr(bufs.keys), 16);
  b.writeBigUInt64LE(ptr(bufs.values), 24);
  b.writeUInt32LE(count, 32);
  b.writeUInt32LE(fd, 36);
  b.writeBigUInt64LE(BigInt(elemFlags), 40);
  b.writeBigUInt64LE(BigInt(flags), 48);
  let errno = 0;
  try {
    bpf(cmd, b);
  } catch (e) {
    errno = (e as { errno?: number }).errno ?? 5;
  }
  return { count: b.readUInt32LE(32), errno };
}

/** OBJ_GET_INFO_BY_FD into `info`; returns the length the kernel wrote. */
export function objInfo(fd: number, info: Buffer): number {
  const b = fresh();
  b.writeUInt32LE(fd, 0);
  b.writeUInt32LE(info.length, 4);
  b.writeBigUInt64LE(ptr(info), 8);
  bpf(CMD.OBJ_GET_INFO_BY_FD, b);
  return b.readUInt32LE(4);
}

/** *_GET_NEXT_ID: the id after `start`; throws ENOENT after the last. */
export function nextId(cmd: number, start: number): number {
  const b = fresh();
  b.writeUInt32LE(start, 0);
  bpf(cmd, b);
  return b.readUInt32LE(4);
}

/** *_GET_FD_BY_ID: id @0, open_flags @8. */
export function fdById(cmd: number, id: number, openFlags = 0): number {
  const b = fresh();
  b.writeUInt32LE(id, 0);
  b.writeUInt32LE(openFlags, 8);
  return bpf(cmd, b);
}
