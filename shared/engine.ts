// The pin-store engine API: what both the emulated and the native engine implement.
// Paths are relative to the bpffs mount root ("" = root); see bpf/paths.ts.
import type { BatchOp } from './bpf/batch.js';
import type { MapTypeName, ProgTypeName, UpdateFlag } from './bpf/types.js';
import type { LoadObjectResult } from './elf/load-result.js';
import type { BpfError } from './errors.js';
import type { BpffsMount } from './mounts.js';

export type ObjectKind = 'map' | 'prog' | 'link';
/** 'pin': a pinned object whose kind could not be read (see DirEntry.noAccess). */
export type NodeKind = 'dir' | ObjectKind | 'symlink' | 'pin';
export type Access = 'rw' | 'ro' | 'wo';

/** One entry of a bpffs directory, as `ls -l` plus what the kernel says of the object behind it. */
export interface DirEntry {
  name: string;
  /** Path relative to the mount root. */
  path: string;
  kind: NodeKind;
  /** Permission bits and sticky bit, e.g. 0o600 (no file-type bits). */
  mode: number;
  uid: number;
  gid: number;
  /** Number of hard links (pins of the same object share it). */
  nlink: number;
  /** For symlinks: the link's target text. */
  target?: string;
  /** For pinned objects: the object's id, type name and object name. */
  object?: ObjectRef;
  /** A pin whose object this process may not open: why (the kind may still be known, the id is not). */
  noAccess?: NoAccess;
  /** One of the iterator pins the kernel makes in every new mount (bpf_preload): what reading it lists. */
  preloaded?: PreloadedIterator;
}

/** Why the object behind a pin could not be opened. */
export interface NoAccess {
  /** The errno bpf(BPF_OBJ_GET) gave: EPERM (bpf(2) refused the caller) or EACCES (the file mode). */
  code: 'EPERM' | 'EACCES';
  /** One sentence for the user: what refused and why. */
  reason: string;
}

export type PreloadedIterator = 'maps' | 'progs';

export interface ObjectRef {
  kind: ObjectKind;
  id: number;
  type: string;
  /** The kernel's name: at most 15 characters. */
  name: string;
  /** Programs: the whole name from BTF func_info when the kernel's `name` cuts it (as bpftool shows it). */
  fullName?: string;
}

export interface MapSpec {
  type: MapTypeName;
  name: string;
  keySize: number;
  valueSize: number;
  maxEntries: number;
  /** Flag names as in MAP_FLAGS, e.g. ['no_prealloc']. */
  flags: string[];
  /** Inner map template for array_of_maps / hash_of_maps: a handle the caller holds. */
  innerHandle?: number | undefined;
  mapExtra?: number | undefined;
  /** BPF_F_TOKEN_FD and map_token_fd. */
  token?: TokenArg | undefined;
  // --- raw BTF loaded with the map, and the key/value type ids in it.
  btf?: MapBtfSpec;
}

/**
 * A BPF token fd passed with MAP_CREATE / PROG_LOAD: the fd of a handle (which is not a token: EINVAL), or, with
 * handle null, an fd that is not open (EBADF). Without `flag` (BPF_F_TOKEN_FD) the kernel ignores the fd.
 */
export interface TokenArg {
  handle: number | null;
  flag: boolean;
}

/** BTF to load (BPF_BTF_LOAD) and attach to a new map: raw .BTF bytes plus the key and value type ids. */
export interface MapBtfSpec {
  data: Uint8Array;
  keyTypeId: number;
  valueTypeId: number;
}

export interface ProgSpec {
  type: ProgTypeName;
  name: string;
  /** Raw 8-byte instructions, little-endian as the kernel takes them. */
  insns: Uint8Array;
  license: string;
  /** expected_attach_type (enum bpf_attach_type); some types need one, e.g. cgroup_sock_addr. */
  expectedAttachType?: number | undefined;
  /** ld_imm64 instructions whose imm the engine replaces with the fd of a map handle (BPF_PSEUDO_MAP_FD/VALUE). */
  mapRefs?: readonly MapRef[] | undefined;
  /** BPF_F_TOKEN_FD and prog_token_fd. */
  token?: TokenArg | undefined;
}

/** The ld_imm64 at instruction `insn` names the map of `handle` (a closed or unknown handle: EBADF). */
export interface MapRef {
  insn: number;
  handle: number;
}

/** A handle is an open reference (an fd on native) that bpfscope owns until close(). */
export interface HandleInfo {
  handle: number;
  kind: ObjectKind;
  id: number;
  type: string;
  name: string;
  access: Access;
  /** How it was opened: created, loaded, or got from a path. */
  origin: 'create' | 'load' | 'get' | 'id';
  /** The path it was got from, when origin is 'get'. */
  path?: string;
  /** Held by bpfscope itself (a map view, a details read, an Undo window): not listed in handles(), no events. */
  internal?: true;
}

/** Options of get / getById. */
export interface OpenOptions {
  /** Open a handle bpfscope uses itself; the user's handle list and events do not show it. */
  internal?: boolean;
  /** get only: raw BPF_OBJ_GET file_flags, sent as they are instead of the bits `access` stands for. */
  fileFlags?: number;
}

export interface MapInfo {
  kind: 'map';
  id: number;
  type: string;
  typeId: number;
  name: string;
  keySize: number;
  valueSize: number;
  maxEntries: number;
  /** map_flags as the kernel reports them (open-mode flags rdonly/wronly are not kept). */
  flags: number;
  flagNames: string[];
  frozen: boolean;
  btfId: number;
  btfKeyTypeId: number;
  btfValueTypeId: number;
  ifindex: number;
  mapExtra: number;
  /** Number of possible CPUs, for per-CPU maps' value layout. */
  possibleCpus: number;
  /** Bytes the kernel charges the map (fdinfo memlock; per-CPU copies included); absent when unknown. */
  memlock?: number;
}

export interface ProgInfo {
  kind: 'prog';
  id: number;
  type: string;
  typeId: number;
  /** The kernel's name: at most 15 characters. */
  name: string;
  /** The whole name from BTF func_info when the kernel's `name` cuts it (as bpftool shows it). */
  fullName?: string;
  /** 8 bytes as 16 hex digits. */
  tag: string;
  jitedLen: number;
  xlatedLen: number;
  /** Wall-clock time of loading, ms since the epoch. */
  loadedAt: number;
  createdByUid: number;
  mapIds: number[];
  gplCompatible: boolean;
  btfId: number;
  runTimeNs: number;
  runCnt: number;
  verifiedInsns: number;
  /** Bytes the kernel charges the program (fdinfo memlock); absent when unknown. */
  memlock?: number;
}

export interface LinkInfo {
  kind: 'link';
  id: number;
  type: string;
  typeId: number;
  progId: number;
  /** Per-type attach details, e.g. { ifindex: 2 } for xdp or { target_name: 'bpf_map' } for iter. */
  attach: Record<string, string | number>;
}

export type ObjectInfo = MapInfo | ProgInfo | LinkInfo;

/** A live object and the places that keep it alive. */
export interface ObjectSummary extends ObjectRef {
  pins: string[];
  /** Handles bpfscope itself holds on it. */
  handles: number[];
  // Processes holding fds on the object
  /** Processes that hold fds on it (native: from /proc; emulated: its simulated holders). */
  holders?: ObjectHolder[];
  /** Bytes the kernel charges it (maps and programs; fdinfo memlock), when it could be read. */
  memlock?: number;
}

/** A process holding fds on an object. */
export interface ObjectHolder {
  pid: number;
  comm: string;
  fds: number[];
}

export interface MapEntry {
  key: Uint8Array;
  value: Uint8Array;
}

export interface MapDump {
  entries: MapEntry[];
  /** True when `limit` cut the read short. */
  truncated: boolean;
}

/** A value to store: bytes, or (prog_array / map-in-map) the object behind a handle. */
export type MapValue = Uint8Array | { handle: number };

/** One BPF_MAP_*_BATCH call (see shared/bpf/batch.ts for which map types have which). */
export interface MapBatchRequest {
  op: BatchOp;
  /** attr count: how many elements the call may read or write; 0 returns at once. */
  count: number;
  /** in_batch: where a lookup resumes (null: from the start); zero-padded or cut to the kernel's token size. */
  inBatch?: Uint8Array | null | undefined;
  /** update and delete: at least `count` keys; each is zero-padded or cut to key_size. */
  keys?: Uint8Array[] | undefined;
  /** update: at least `count` values (bytes of the wire size, or handles for fd-valued maps). */
  values?: MapValue[] | undefined;
  elemFlags?: number | undefined;
  flags?: number | undefined;
}

/** What the kernel wrote back: count (also when the call failed), the elements read, and out_batch. */
export interface MapBatchResult {
  /** attr count after the call: elements done; left as asked when the call failed before counting. */
  count: number;
  /** Lookups: the first `count` keys and values read, when the call ended with success, ENOENT or ENOSPC. */
  keys: Uint8Array[];
  values: Uint8Array[];
  /** out_batch as written (a key, or a u32 bucket index for hash maps); null when the kernel left it alone. */
  outBatch: Uint8Array | null;
  /** The refusal the call ended with (ENOENT: the map's end was reached), with count still meaningful. */
  error?: BpfError;
}

// Map view / packed reads
/** A whole map read without per-entry objects: `count` keys back to back, and `count` values back to back. */
export interface PackedEntries {
  count: number;
  keySize: number;
  /** Bytes of one value as user space reads it (per-CPU: padded slot times possible CPUs). */
  valueSize: number;
  keys: Uint8Array;
  values: Uint8Array;
}

export interface PackedReadOptions {
  /** Called after each batch with the entries read so far (views, valid until the read returns). */
  onChunk?: ((chunk: PackedEntries) => void) | undefined;
  signal?: AbortSignal | undefined;
}

// Program details
export interface ProgXlated {
  /** xlated_prog_insns: 8-byte instructions; ld_imm64 of a map holds the map's id (src_reg 1 or 2). */
  insns: Uint8Array;
  mapIds: number[];
  /**
   * What bpftool's kallsyms lookup prints for calls, by instruction index (native: helpers the kernel
   * rewrote to addresses, jited bpf-to-bpf calls); see DisasmOptions.callName.
   */
  callNames?: Record<number, string>;
}

export type EngineEvent =
  /** Entries of these directories changed (created, removed, renamed). */
  | { type: 'tree-changed'; dirs: string[] }
  | { type: 'handle-closed'; handle: number }
  | { type: 'handles-changed' }
  | { type: 'object-freed'; kind: ObjectKind; id: number };

export interface EngineDescription {
  engine: 'emulated' | 'native';
  /** Where the root is: the real mount point on native, a display path on emulated. */
  mountPoint: string;
  /** Which of mounts() the tree shows (its superblock device); absent where there is only one. */
  mountId?: string;
  possibleCpus: number;
  kernel?: string;
  /** Native: who the engine runs as, which decides what bpf(2) lets it see. */
  privilege?: EnginePrivilege;
  /** Set when the engine shows a snapshot (read-only): which host, when. */
  snapshot?: SnapshotDescription;
}

/** The capture an engine shows. */
export interface SnapshotDescription {
  host: string;
  /** ms since the epoch. */
  capturedAt: number;
  /** "HOST at TIME": the host's name in the UI. */
  label: string;
  /** The file's name. */
  file: string;
  /** The engine it was captured from. */
  engine: string;
}

/** The credentials bpf(2) checks (see shared/bpf/privilege.ts for what they allow). */
export interface EnginePrivilege {
  /** Effective uid. */
  uid: number;
  /** Effective gid and supplementary groups, for what the pins' modes allow. */
  gid?: number;
  groups?: number[];
  /** CAP_BPF and CAP_SYS_ADMIN in the effective set. */
  capBpf: boolean;
  capSysAdmin: boolean;
  /** kernel.unprivileged_bpf_disabled (0, 1 or 2); absent when it cannot be read. */
  unprivilegedBpfDisabled?: number;
}

export interface PinStore {
  describe(): EngineDescription;
  /** Now on the clock BPF timestamps use (CLOCK_MONOTONIC, bpf_ktime_get_ns), in ns; when left out, main's own. */
  monotonicNs?(): bigint;

  list(path: string): Promise<DirEntry[]>;
  stat(path: string): Promise<DirEntry>;
  mkdir(path: string, mode?: number): Promise<void>;
  rmdir(path: string): Promise<void>;
  rename(from: string, to: string, opts?: { noreplace?: boolean; exchange?: boolean }): Promise<void>;
  /** A second pin (hard link) of the object pinned at `from`. */
  link(from: string, to: string): Promise<void>;
  symlink(target: string, path: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** chmod(2) of the node at `path` (a final symlink followed): only its owner or root (EPERM). */
  chmod(path: string, mode: number): Promise<void>;
  /** chown(2) of the node at `path` (a final symlink followed); 0xffffffff leaves that id unchanged. */
  chown(path: string, uid: number, gid: number): Promise<void>;

  createMap(spec: MapSpec): Promise<HandleInfo>;
  /**
   * BPF_TOKEN_CREATE on the bpffs whose root is at `path`; the token is closed at once. In the initial user namespace
   * the kernel refuses every token (EOPNOTSUPP); a path that is not the mount root is EINVAL.
   */
  createToken(path: string, flags?: number): Promise<void>;
  loadProgram(spec: ProgSpec): Promise<HandleInfo>;
  pin(handle: number, path: string): Promise<void>;
  get(path: string, access: Access, opts?: OpenOptions): Promise<HandleInfo>;
  close(handle: number): Promise<void>;
  handles(): HandleInfo[];

  objectInfo(handle: number): Promise<ObjectInfo>;
  /** Info of the object pinned at `path`, without leaving a handle open. */
  pathInfo(path: string): Promise<ObjectInfo>;
  /** Every live object of the engine (on native: of the kernel), with its pin paths. */
  listObjects(): Promise<ObjectSummary[]>;
  /**
   * One live object's pins, handles and holders, without a scan of the whole mount (native: from the pin index the
   * tree watcher keeps, holders from a /proc scan at most a few seconds old). Undefined when it is gone.
   */
  objectSummary(kind: ObjectKind, id: number): Promise<ObjectSummary | undefined>;
  /** Whether an object with this kind and id still exists. */
  objectAlive(kind: ObjectKind, id: number): Promise<boolean>;
  /** The smallest live id of this kind above `id` (*_GET_NEXT_ID); ENOENT when there is none. */
  nextId(kind: ObjectKind, id: number): Promise<number>;
  // Pin workflows
  /** A new handle on the live object with this id (native: *_GET_FD_BY_ID); ENOENT when it is gone. */
  getById(kind: ObjectKind, id: number, access: Access, opts?: OpenOptions): Promise<HandleInfo>;

  /**
   * `flags`: raw element flags, e.g. BPF_F_LOCK (shared/bpf/elem-flags.ts). `probe`: what the value buffer holds
   * going in; a bloom filter tests it (zeros when absent).
   */
  mapLookup(handle: number, key: Uint8Array | null, flags?: number, probe?: Uint8Array): Promise<Uint8Array>;
  /** `extraFlags` are ORed into `flag` (e.g. BPF_F_LOCK). */
  mapUpdate(
    handle: number,
    key: Uint8Array | null,
    value: MapValue,
    flag: UpdateFlag,
    extraFlags?: number,
  ): Promise<void>;
  mapDelete(handle: number, key: Uint8Array): Promise<void>;
  /** The key after `key` (null: the first); ENOENT at the end. */
  mapNextKey(handle: number, key: Uint8Array | null): Promise<Uint8Array>;
  /** Pop (queue/stack) or lookup-and-delete. */
  mapLookupAndDelete(handle: number, key: Uint8Array | null, flags?: number): Promise<Uint8Array>;
  mapDump(handle: number, limit?: number): Promise<MapDump>;
  mapFreeze(handle: number): Promise<void>;
  /** One batch command; refusals of the syscall come back in `error` (with the count the kernel wrote). */
  mapBatch(handle: number, req: MapBatchRequest): Promise<MapBatchResult>;
  // Map view / BTF plumbing
  /** Reads every entry into packed buffers, yielding to the event loop between batches. */
  mapReadPacked(handle: number, opts?: PackedReadOptions): Promise<PackedEntries>;
  /** The raw bytes of the BTF object with this id (ENOENT when there is none). */
  btfData(btfId: number): Promise<Uint8Array>;
  // Program details
  /** The program's translated instructions as BPF_OBJ_GET_INFO_BY_FD returns them (map references as ids). */
  progXlated(handle: number): Promise<ProgXlated>;
  /** Turns on run-time statistics (BPF_ENABLE_STATS) until disableStats(token); several tokens may be live. */
  enableStats(): Promise<number>;
  disableStats(token: number): Promise<void>;
  // Load ELF object
  /** `bpftool prog loadall OBJ DIR pinmaps DIR`: loads every program and map of an ELF object and pins them under `folder`; all or nothing. */
  loadObject(folder: string, fileName: string, data: Uint8Array): Promise<LoadObjectResult>;

  // Mounts
  /** Every bpffs mount the engine can reach (native: in every mount namespace), the one shown marked current. */
  mounts?(): Promise<BpffsMount[]>;
  /** Shows the mount with this id from now on; handles stay open, as fds do when a process changes folder. */
  openMount?(id: string): Promise<EngineDescription>;

  subscribe(listener: (ev: EngineEvent) => void): () => void;
  /** Closes every handle and stops timers and watchers. */
  dispose(): Promise<void>;
}
