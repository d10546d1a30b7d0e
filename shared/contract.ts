// The one RPC contract: every operation's name, request schema and response type, and every event
// main pushes. Both transports (Electron IPC, WebSocket) and both client sides derive from this table.
import { z } from 'zod';

import type { AgentFacts } from './agent-protocol.js';
import type { LinkTarget } from './bpf/link-target.js';
import { MAP_FLAGS, MAP_TYPES, PROG_TYPES } from './bpf/types.js';
import { ELEVATION_METHODS, type ElevationInfo } from './elevation.js';
import type { LoadObjectResult } from './elf/load-result.js';
import type {
  DirEntry,
  EngineDescription,
  EngineEvent,
  HandleInfo,
  LinkInfo,
  ObjectHolder,
  ObjectInfo,
  ObjectRef,
  ObjectSummary,
  PackedEntries,
  ProgInfo,
  ProgXlated,
} from './engine.js';
import type { WireError } from './errors.js';
import type { MapViewEvent, MapViewOpened, MapViewSeries, MapViewWindow } from './mapview.js';
import { MAX_FULL_SCAN_MS, MAX_REFRESH_MS, MAX_WINDOW_ROWS, MIN_FULL_SCAN_MS, MIN_REFRESH_MS } from './mapview.js';
import type { BpffsMount } from './mounts.js';
import { OPERATION_NAMES } from './op-names.js';
import type { PinHealthReport } from './pin-health.js';

const path = z.string().max(4096);
const handle = z.number().int().nonnegative();
const hex = z.string().regex(/^([0-9a-fA-F]{2})*$/, 'must be hex bytes');
const u32 = z.number().int().min(0).max(0xffffffff);
const mapType = z.enum(Object.keys(MAP_TYPES) as [keyof typeof MAP_TYPES, ...(keyof typeof MAP_TYPES)[]]);
const progType = z.enum(Object.keys(PROG_TYPES) as [keyof typeof PROG_TYPES, ...(keyof typeof PROG_TYPES)[]]);
const mapFlag = z.enum(Object.keys(MAP_FLAGS) as [keyof typeof MAP_FLAGS, ...(keyof typeof MAP_FLAGS)[]]);
const updateFlag = z.enum(['any', 'noexist', 'exist']);
const access = z.enum(['rw', 'ro', 'wo']);
const none = z.object({}).strict();
// FieldRef, sort, filter and series specs
const viewId = z.number().int().positive();
const refreshMs = z.number().int().min(MIN_REFRESH_MS).max(MAX_REFRESH_MS);
const fullScanMs = z.number().int().min(MIN_FULL_SCAN_MS).max(MAX_FULL_SCAN_MS);
const fieldRef = z
  .object({
    part: z.enum(['key', 'value']),
    path: z.string().max(256),
    offset: z
      .number()
      .int()
      .nonnegative()
      .max(1 << 20),
    size: z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(8)]),
    encoding: z.enum(['uint', 'int', 'float']),
    endian: z.enum(['le', 'be']),
  })
  .strict();
const cpuChoice = z.union([z.number().int().nonnegative().max(8191), z.literal('sum')]);
const part = z.enum(['key', 'value']);
const byteRange = {
  part,
  offset: z
    .number()
    .int()
    .nonnegative()
    .max(1 << 20),
  size: z
    .number()
    .int()
    .positive()
    .max(1 << 20),
};
const compareOp = z.enum(['<', '<=', '==', '!=', '>=', '>']);
const sortSpec = z.union([
  z.object({ by: z.literal('key'), dir: z.enum(['asc', 'desc']) }).strict(),
  z
    .object({ by: z.literal('field'), field: fieldRef, cpu: cpuChoice.optional(), dir: z.enum(['asc', 'desc']) })
    .strict(),
  z.object({ by: z.literal('bytes'), ...byteRange, dir: z.enum(['asc', 'desc']) }).strict(),
]);
const filterSpec = z.union([
  z
    .object({ kind: z.literal('hex'), text: z.string().max(1024), part: z.enum(['key', 'value', 'both']).optional() })
    .strict(),
  z
    .object({
      kind: z.literal('keyPrefix'),
      hex: z
        .string()
        .max(1024)
        .regex(/^[0-9a-fA-F]*$/, 'must be hex digits'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('compare'),
      field: fieldRef,
      cpu: cpuChoice.optional(),
      op: compareOp,
      value: z.string().max(64),
    })
    .strict(),
  z
    .object({
      kind: z.literal('bytes'),
      ...byteRange,
      op: compareOp,
      hex: z
        .string()
        .max(2048)
        .regex(/^([0-9a-fA-F]{2})+$/),
    })
    .strict(),
  z
    .object({
      kind: z.literal('age'),
      field: fieldRef,
      cpu: cpuChoice.optional(),
      op: compareOp,
      ns: z.string().max(32),
    })
    .strict(),
  z
    .object({
      kind: z.literal('changed'),
      withinMs: z
        .number()
        .positive()
        .max(365 * 86_400_000)
        .optional(),
    })
    .strict(),
]);
const trackSpec = z.union([
  z
    .object({ id: z.string().min(1).max(64), mode: z.literal('sum'), field: fieldRef, cpu: cpuChoice.optional() })
    .strict(),
  z
    .object({
      id: z.string().min(1).max(64),
      mode: z.literal('entry'),
      key: hex,
      field: fieldRef,
      cpu: cpuChoice.optional(),
    })
    .strict(),
]);

/** An object named by a pin path, or by kind and id. */
const objectTarget = z.union([
  z.object({ path }).strict(),
  z.object({ kind: z.enum(['map', 'prog', 'link']), id: u32 }).strict(),
]);

/** Request schemas, one per operation. Strict: unknown fields are a malformed request. */
export const requestSchemas = {
  describe: none,
  list: z.object({ path }).strict(),
  stat: z.object({ path }).strict(),
  mkdir: z.object({ path, mode: z.number().int().min(0).max(0o7777).optional() }).strict(),
  rmdir: z.object({ path }).strict(),
  rename: z
    .object({ from: path, to: path, noreplace: z.boolean().optional(), exchange: z.boolean().optional() })
    .strict(),
  link: z.object({ from: path, to: path }).strict(),
  symlink: z.object({ target: z.string().max(4096), path }).strict(),
  unlink: z.object({ path }).strict(),
  /** chmod(2): permission bits plus setuid/setgid/sticky. */
  chmod: z.object({ path, mode: z.number().int().min(0).max(0o7777) }).strict(),
  /** chown(2); a left-out id stays as it is. */
  chown: z.object({ path, uid: u32.optional(), gid: u32.optional() }).strict(),
  createMap: z
    .object({
      type: mapType,
      name: z.string().max(64),
      keySize: u32,
      valueSize: u32,
      maxEntries: u32,
      flags: z.array(mapFlag).max(32),
      innerHandle: handle.optional(),
      mapExtra: u32.optional(),
    })
    .strict(),
  loadProgram: z
    .object({
      type: progType,
      name: z.string().max(64),
      insns: hex,
      license: z.string().max(128),
      expectedAttachType: u32.optional(),
    })
    .strict(),
  pin: z.object({ handle, path }).strict(),
  get: z.object({ path, access }).strict(),
  close: z.object({ handle }).strict(),
  handles: none,
  objectInfo: z.object({ handle }).strict(),
  pathInfo: z.object({ path }).strict(),
  listObjects: none,
  mapLookup: z.object({ handle, key: hex.nullable() }).strict(),
  mapUpdate: z
    .object({
      handle,
      key: hex.nullable(),
      value: z.union([hex, z.object({ handle }).strict()]),
      flag: updateFlag,
    })
    .strict(),
  mapDelete: z.object({ handle, key: hex }).strict(),
  mapNextKey: z.object({ handle, key: hex.nullable() }).strict(),
  mapLookupAndDelete: z.object({ handle, key: hex.nullable() }).strict(),
  mapDump: z.object({ handle, limit: z.number().int().positive().max(1_000_000).optional() }).strict(),
  mapFreeze: z.object({ handle }).strict(),
  /** Everything the details pane shows for one path: entry, info, pins, first entries. */
  inspectPath: z.object({ path, limit: z.number().int().nonnegative().max(10_000).optional() }).strict(),
  /** What unlinking `path` would free, for the confirmation dialog. */
  unlinkImpact: z.object({ path }).strict(),
  // Element edits by path: each opens the pin with `access` on an internal handle, so the kernel's own checks
  // (frozen, read-only fd, full map, flags) decide, and the user's handles stay as they were.
  mapUpdateAt: z.object({ path, access, key: hex.nullable(), value: hex, flag: updateFlag }).strict(),
  mapDeleteAt: z.object({ path, access, key: hex }).strict(),
  /** The value at `key`; `null`: the head or top of a queue or stack, left in place. */
  mapLookupAt: z.object({ path, key: hex.nullable() }).strict(),
  // Live, windowed, sorted and filtered views of one map, computed in main
  /**
   * Opens a view of the map pinned at `path`, or of the live map with this id (an inner map of a map-in-map that
   * has no pin); its first rows are servable before the whole map is read.
   */
  mapViewOpen: z.union([
    z.object({ path, refreshMs: refreshMs.optional() }).strict(),
    z.object({ id: u32, refreshMs: refreshMs.optional() }).strict(),
  ]),
  /** Rows [offset, offset + count) of the view in its current order, with previous values and change marks. */
  mapViewWindow: z
    .object({
      view: viewId,
      offset: z.number().int().nonnegative(),
      count: z.number().int().nonnegative().max(MAX_WINDOW_ROWS),
    })
    .strict(),
  mapViewConfigure: z
    .object({
      view: viewId,
      refreshMs: refreshMs.optional(),
      fullScanMs: fullScanMs.optional(),
      paused: z.boolean().optional(),
      sort: sortSpec.nullable().optional(),
      filter: z.array(filterSpec).max(16).optional(),
      track: z.array(trackSpec).max(8).optional(),
      /** The user has looked: what changed is measured from the current snapshot on. */
      markSeen: z.literal(true).optional(),
      /** Re-read the whole map now instead of at the next full scan. */
      rescan: z.literal(true).optional(),
    })
    .strict(),
  mapViewSeries: z.object({ view: viewId }).strict(),
  mapViewExport: z
    .object({
      view: viewId,
      format: z.enum(['csv', 'json']),
      offset: z.number().int().nonnegative().optional(),
      count: z.number().int().nonnegative().max(1_000_000).optional(),
    })
    .strict(),
  mapViewClose: z.object({ view: viewId }).strict(),
  // Pin workflows
  /** A handle on a live object by its id (native: *_GET_FD_BY_ID). */
  getById: z.object({ kind: z.enum(['map', 'prog', 'link']), id: u32, access }).strict(),
  /** unlink, keeping the pin in a holding folder of the same mount for the undo window. */
  unlinkWithUndo: z.object({ path }).strict(),
  /** Pins the object of an unlinkWithUndo again at the same path. */
  undoUnlink: z.object({ undoToken: z.string().max(64) }).strict(),
  /** Pins unlinked with Undo whose window is still open, including those an earlier bpfscope process held. */
  listHeld: none,
  /** Removes a folder and everything inside, bottom-up; dryRun only lists what would go and be freed. */
  removeTree: z.object({ path, dryRun: z.boolean() }).strict(),
  // Load ELF object
  /** `bpftool prog loadall`: every program and map of an ELF object, pinned under `folder`; the file's bytes travel as bytes. */
  loadObject: z
    .object({
      folder: path,
      fileName: z.string().max(255),
      data: z.custom<Uint8Array>((v) => v instanceof Uint8Array, {
        message: "must be the file's bytes (a Uint8Array)",
      }),
    })
    .strict(),
  // Program details
  /** A program's xlated disassembly in bpftool's syntax, map references resolved, and its counters; by pin path or
   * by id (a prog_array slot's program). */
  progDetails: z.union([z.object({ path }).strict(), z.object({ id: u32 }).strict()]),
  /** BPF_ENABLE_STATS on: run_cnt / run_time_ns count until statsDisable(token). */
  statsEnable: none,
  statsDisable: z.object({ token: z.number().int().positive() }).strict(),
  /** A pinned link's info, its program and its attach target in words. */
  linkDetails: z.object({ path }).strict(),
  // Permissions
  /** Users and groups of the engine's host (its passwd and group files), for owner and group pickers. */
  hostAccounts: none,
  // Pin health
  /** Orphaned maps, programs attached nowhere and objects pinned twice, at or below `path`. */
  /** Pin health below `path`; with an object file, also the pins under `path` (the pin root) libbpf would refuse. */
  pinHealth: z
    .object({
      path,
      object: z
        .object({
          fileName: z.string().max(255),
          data: z.custom<Uint8Array>((v) => v instanceof Uint8Array, {
            message: "must be the file's bytes (a Uint8Array)",
          }),
        })
        .strict()
        .optional(),
    })
    .strict(),
  // Snapshot capture
  /** An object's info and, for programs, its xlated image; by pin path or by id (objects a pin refers to). */
  captureObject: objectTarget,
  /** A map's entries read with batch lookups, packed; at most maxEntries of them. */
  captureMapEntries: z.object({ target: objectTarget, maxEntries: u32.optional() }).strict(),
  /** The raw bytes of a BTF object. */
  btfData: z.object({ id: u32 }).strict(),
  // Mounts
  /** Every bpffs mount the engine's host has, other mount namespaces' too, with options and processes. */
  mounts: none,
  /** Shows the mount with this id (from mounts) in the tree from now on; answers the new description. */
  openMount: z.object({ id: z.string().min(1).max(64) }).strict(),
  // The connection to the engine's host
  /** In process, or an agent: connecting, connected (as whom), or disconnected (and why). */
  connectionStatus: none,
  /** Starts the agent again after it exited or the connection dropped; answers the new status. */
  reconnect: none,
  /** Whether the engine could see more as root, and which ways to get there this host offers. */
  elevation: none,
  /** Starts a root agent via pkexec or sudo (the password, for sudo, goes to sudo's askpass and nowhere else). */
  elevate: z
    .object({
      method: z.enum(ELEVATION_METHODS),
      password: z
        .string()
        .max(1024)
        .regex(/^[^\n\r\0]*$/, 'must be one line')
        .optional(),
    })
    .strict(),
} as const;

export type OpName = keyof typeof requestSchemas;
export type Request<K extends OpName> = z.infer<(typeof requestSchemas)[K]>;

export interface WireEntry {
  key: string;
  value: string;
}
export interface WireDump {
  entries: WireEntry[];
  truncated: boolean;
}

export interface InspectResult {
  entry: DirEntry;
  info?: ObjectInfo;
  pins: string[];
  /** Open handles bpfscope holds on the object. */
  handles: number[];
  dump?: WireDump;
  /** Why the entries could not be read (e.g. ringbuf: ENOTSUPP). */
  dumpError?: WireError;
}

export interface UnlinkImpact {
  entry: DirEntry;
  /** Other pins of the same object (hard links included). */
  otherPins: string[];
  /** Handles bpfscope holds on it. */
  handles: number[];
  /** Other processes holding fds on it (native: from /proc; emulated: its simulated agent). */
  holders: ObjectHolder[];
  /** True when this pin is the last reference bpfscope can see: unlinking frees the object. */
  freesObject: boolean;
}

// Pin workflows
export interface UnlinkWithUndoResult {
  undoToken: string;
  /** When main removes the held pin (ms since the epoch, main's clock). */
  expiresAt: number;
  /** The length of the undo window, for a countdown on the renderer's own clock. */
  windowMs: number;
}

/** A pin unlinked with Undo and still held: Undo (undoUnlink with its token) pins it again at `path`. */
export interface HeldUnlink {
  undoToken: string;
  path: string;
  /** When the window ends (ms since the epoch, main's clock). */
  expiresAt: number;
  /** What was left of the window when main answered, for a countdown on the renderer's own clock. */
  remainingMs: number;
}

export interface RemoveTreeResult {
  /** Every path to remove, children before their folder, the folder last. */
  entries: string[];
  /** Objects whose every pin is inside and that nothing else holds: removing the folder frees them. */
  freed: (ObjectRef & { pins: string[] })[];
  removed: string[];
  notRemoved: string[];
  /** The refusal that stopped the removal midway (its path is the entry that could not be removed). */
  error?: WireError;
}

// Program details
export interface ProgLine {
  index: number;
  opcode: number;
  /** As `bpftool prog dump xlated` prints it after the index, e.g. `(b7) r0 = 0`. */
  text: string;
  /** The map an ld_imm64 refers to; name and pins when it is still alive. */
  mapRef?: { id: number; name: string; pins: string[] };
}

export interface ProgDetails {
  info: ProgInfo;
  lines: ProgLine[];
  jitedLen: number;
  tag: string;
  loadedAt: number;
  createdByUid: number;
  verifiedInsns: number;
  runCnt: number;
  runTimeNs: number;
}

export interface LinkDetails {
  info: LinkInfo;
  /** The linked program (undefined if it could not be found). */
  prog?: { id: number; name: string; type: string; pins: string[] };
  target: LinkTarget;
  /** What unlinking the link's last pin does, in one sentence. */
  detaches: string;
}

/** A user or group of the engine's host. */
export interface HostAccount {
  id: number;
  name: string;
}
export interface HostAccounts {
  users: HostAccount[];
  /** Groups with the names of their supplementary members. */
  groups: (HostAccount & { members: string[] })[];
}

// Snapshot capture
export interface CapturedObject {
  info: ObjectInfo;
  /** Programs: the xlated instructions, the maps they use and the call names the kernel resolved. */
  xlated?: ProgXlated;
}

export interface CapturedEntries extends PackedEntries {
  /** True when maxEntries cut the read short. */
  truncated: boolean;
}

/** Response types, one per operation. */
export interface Responses {
  describe: EngineDescription;
  list: DirEntry[];
  stat: DirEntry;
  mkdir: null;
  rmdir: null;
  rename: null;
  link: null;
  symlink: null;
  unlink: null;
  chmod: null;
  chown: null;
  createMap: HandleInfo;
  loadProgram: HandleInfo;
  pin: null;
  get: HandleInfo;
  close: null;
  handles: HandleInfo[];
  objectInfo: ObjectInfo;
  pathInfo: ObjectInfo;
  listObjects: ObjectSummary[];
  mapLookup: string;
  mapUpdate: null;
  mapDelete: null;
  mapNextKey: string;
  mapLookupAndDelete: string;
  mapDump: WireDump;
  mapFreeze: null;
  inspectPath: InspectResult;
  unlinkImpact: UnlinkImpact;
  mapUpdateAt: null;
  mapDeleteAt: null;
  mapLookupAt: string;
  // Map view sessions
  mapViewOpen: MapViewOpened;
  mapViewWindow: MapViewWindow;
  mapViewConfigure: null;
  mapViewSeries: MapViewSeries;
  /** The view's rows as CSV or JSON text. */
  mapViewExport: string;
  mapViewClose: null;
  // Pin workflows
  getById: HandleInfo;
  unlinkWithUndo: UnlinkWithUndoResult;
  undoUnlink: { path: string };
  listHeld: HeldUnlink[];
  removeTree: RemoveTreeResult;
  // Load an ELF object
  loadObject: LoadObjectResult;
  // Program details
  progDetails: ProgDetails;
  statsEnable: { token: number };
  statsDisable: null;
  linkDetails: LinkDetails;
  hostAccounts: HostAccounts;
  pinHealth: PinHealthReport;
  mounts: BpffsMount[];
  openMount: EngineDescription;
  // Snapshot capture
  captureObject: CapturedObject;
  captureMapEntries: CapturedEntries;
  btfData: Uint8Array;
  // The connection to the engine's host
  connectionStatus: ConnectionStatus;
  reconnect: ConnectionStatus;
  elevation: ElevationInfo;
  elevate: ConnectionStatus;
}

export type Response<K extends OpName> = Responses[K];

/** The API as a client sees it: one async function per operation. */
export type BpfscopeApi = { [K in OpName]: (req: Request<K>) => Promise<Response<K>> };

/** What a transport carries back for one call. */
export type RpcResult<K extends OpName = OpName> = { ok: true; value: Response<K> } | { ok: false; error: WireError };

export const OP_NAMES: readonly OpName[] = OPERATION_NAMES;

/**
 * Operations the app never calls: they round out bpf(2) over RPC for tests, e2e set-up and scripts that drive a
 * running `serve`, with the same validation and errors as the rest. test/contract-callers.test.ts keeps this true.
 */
export const TEST_ONLY_OPS: ReadonlySet<OpName> = new Set<OpName>([
  'stat',
  'symlink',
  'objectInfo',
  'mapNextKey',
  'mapLookupAndDelete',
  'mapDump',
  'mapFreeze',
  // The app edits elements by path (mapUpdateAt, ...); these act on a handle the caller opened.
  'mapLookup',
  'mapUpdate',
  'mapDelete',
]);

/** Operations the UI process calls itself to capture a snapshot (main/snapshot), not the renderer. */
export const CAPTURE_OPS: ReadonlySet<OpName> = new Set<OpName>(['captureObject', 'captureMapEntries', 'btfData']);

// Compile-time proof that op-names.ts lists exactly the operations of the schema table.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatchSchemas: SameKeys<OpName, (typeof OPERATION_NAMES)[number]> = true;
void namesMatchSchemas;

export function isOpName(name: unknown): name is OpName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requestSchemas, name);
}

/** How the UI reaches the engine: in its own process, or an agent process behind a pipe. */
export interface ConnectionStatus {
  state: 'in-process' | 'connecting' | 'connected' | 'disconnected';
  /** How the agent is started ("direct", later "pkexec", "sudo", "ssh HOST"); "in-process" for no agent. */
  via: string;
  /** When the state began (ms since the epoch). */
  since: number;
  /** Why it is disconnected, in words: "the agent exited: SIGSEGV", "disconnected". */
  reason?: string;
  /** The refusal that ended the last attempt, when the agent gave one (e.g. no bpffs at the path). */
  error?: WireError;
  /** What the agent said of itself in its hello (who it runs as, its capabilities, bpffs mounts). */
  agent?: AgentFacts;
}

export interface ConnectionChangedEvent {
  type: 'connection-changed';
  status: ConnectionStatus;
}

/** Events pushed from main to every connected renderer. */
export type AppEvent = EngineEvent | MapViewEvent | ConnectionChangedEvent;

/** WebSocket frames. Client -> server: a call. Server -> client: a result or an event. */
export interface WsCall {
  id: number;
  op: string;
  req: unknown;
}
export type WsServerFrame = ({ id: number } & RpcResult) | { event: AppEvent };

/** The channel names Electron IPC uses: one per operation plus one for events. */
export { IPC_EVENT_CHANNEL_NAME as IPC_EVENT_CHANNEL, IPC_OPERATION_PREFIX as IPC_PREFIX } from './channels.js';
export type { ObjectRef };

/** What the Electron preload exposes as `window.bpfscope`: one function per operation, plus event delivery. */
export type PreloadBridge = { [K in OpName]: (req: Request<K>) => Promise<RpcResult<K>> } & {
  onEvent(listener: (event: AppEvent) => void): () => void;
};

/** The renderer's view of main: the API plus a subscription to pushed events. */
export interface ApiClient extends BpfscopeApi {
  onEvent(listener: (event: AppEvent) => void): () => void;
  /** Transports that can lose the connection call this when it is back (events may have been missed meanwhile). */
  onReconnect?(listener: () => void): () => void;
}

export { WS_PATH } from './channels.js';
