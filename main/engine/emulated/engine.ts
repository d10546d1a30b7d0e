// The emulated engine: an in-memory bpffs and bpf(2) that answers like the kernel (docs/bpffs-semantics.md).
import { readFileSync } from 'node:fs';
import { totalmem } from 'node:os';

import { objGetAccess } from '../../../shared/bpf/access.js';
import { nextIdStartProblem, patchMapRefs } from '../../../shared/bpf/map-refs.js';
import { DEFAULT_MOUNT_OPTIONS } from '../../../shared/bpf/mount-options.js';
import { checkPath, objectNameProblem } from '../../../shared/bpf/paths.js';
import { type Credentials, mayAccess, newNodeOwner } from '../../../shared/bpf/permissions.js';
import { attachTypeProblem, typeRefusal } from '../../../shared/bpf/prog-rules.js';
import type { UpdateFlag } from '../../../shared/bpf/types.js';
import { MAP_FLAGS, PROG_TYPES, UPDATE_FLAGS, valueWireSize } from '../../../shared/bpf/types.js';
import type { LoadObjectResult } from '../../../shared/elf/load-result.js';
import type {
  Access,
  DirEntry,
  EngineDescription,
  EngineEvent,
  HandleInfo,
  MapBatchRequest,
  MapBatchResult,
  MapDump,
  MapSpec,
  MapValue,
  ObjectHolder,
  ObjectInfo,
  ObjectKind,
  ObjectSummary,
  OpenOptions,
  PackedEntries,
  PackedReadOptions,
  PinStore,
  ProgSpec,
  ProgXlated,
} from '../../../shared/engine.js';
import { BpfError } from '../../../shared/errors.js';
import type { BpffsMount } from '../../../shared/mounts.js';
import {
  ARGUMENT_PROBLEM,
  createMapOp,
  isWorded,
  linkRefusesAccess,
  linkRetryAccess,
  OP,
  openByIdOp,
  refusal,
  VERIFIER_HINT,
} from '../../../shared/refusal.js';

import { emulatedBatch } from './batch.js';
import { BtfRegistry } from './btf-registry.js';
import { checkLock, checkLookupAndDeleteFlags, checkLookupFlags, prepareUpdate } from './elem-flags.js';
import * as fs from './fs-ops.js';
import { simulatedHolders } from './holders.js';
import { memlockOf, objectInfoOf, refOf } from './info.js';
import { loadObjectThrough } from './loadall.js';
import { attachesBtf, checkBtfLoad, checkFreezable, checkMapBtf } from './map-btf.js';
import { checkMapSpec, makeStore } from './map-create.js';
import { type EmulatedMount, type EmulatedMountSpec, MountTable } from './mounts.js';
import { type BpfObject, type MapObject, ObjectTable, type ProgObject } from './objects.js';
import { packEntries } from './packed.js';
import { xlatedInsns } from './prog-details.js';
import { fail, type UpdateValue } from './stores.js';
import { checkTokenArg, createTokenAt } from './token.js';
import type { Node, Tree } from './tree.js';
import { licenseIsGpl, progTag, verifyProgram } from './verifier.js';
import { rewriteVerified } from './verifier-rewrite.js';

export interface EmulatedCore {
  possibleCpus: number;
  /** The CPU the caller's bpf(2) calls run on: which per-CPU LRU lists they use. */
  cpu?: number;
  mountPoint: string;
  uid: number;
  gid: number;
  /** Supplementary groups of the caller. */
  groups?: number[];
  umask: number;
}

interface Handle {
  obj: BpfObject;
  access: Access;
  origin: HandleInfo['origin'];
  path?: string | undefined;
  internal?: true;
}

/**
 * Runs fn; what the model refuses is worded the way both engines word one. The kernel tells the native engine only
 * the errno, so the model's own sentence is left out: the same refusal reads the same on both. Worded ones pass.
 */
function asRefusal<T>(op: string, path: string | undefined, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof BpfError) || isWorded(e)) throw e;
    throw refusal(e.code, op, { path, ...(e.hint === undefined ? {} : { hint: e.hint }) });
  }
}

/** Like asRefusal for the verifier, whose words follow the sentence as they do in the native engine. */
function asVerifierRefusal<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof BpfError) || isWorded(e)) throw e;
    throw refusal(e.code, OP.loadProgram, { detail: `The verifier said:\n${e.message}`, hint: VERIFIER_HINT });
  }
}

/** bpf_prog_load's checks before the verifier, in the kernel's order. */
function checkProgSpec(spec: ProgSpec, isOpen: (handle: number) => boolean): void {
  if (spec.insns.length % 8 !== 0) {
    throw refusal('EINVAL', OP.loadProgram, { detail: ARGUMENT_PROBLEM.insnBytes(spec.insns.length) });
  }
  // The token fd is looked up right after prog_flags, before the type and the instructions.
  checkTokenArg(spec.token, isOpen);
  const typeRule = typeRefusal(spec.type);
  if (typeRule?.early) fail(typeRule.code, `${typeRule.text} (${typeRule.code}).`);
  const count = spec.insns.length / 8;
  if (count === 0 || count > 1_000_000) fail('E2BIG', 'A program needs between 1 and 1,000,000 instructions (E2BIG).');
  if (!(spec.type in PROG_TYPES)) fail('EINVAL', `Unknown program type ${spec.type}.`);
  const attachProblem = attachTypeProblem(spec.type, spec.expectedAttachType);
  if (attachProblem) fail('EINVAL', `${attachProblem} (EINVAL).`);
  const nameProblem = objectNameProblem(spec.name);
  if (nameProblem) throw refusal('EINVAL', OP.loadProgram, { hint: nameProblem });
  if (typeRule) fail(typeRule.code, `${typeRule.text} (${typeRule.code}).`);
}

const HANDLE_CLOSED_HINT = 'It was closed or never existed; open the object again with Get.';

/** bpf_check_tail_call: every prog_array the program names is bound to its type, in order, or refuses it. */
function bindProgArrays(usedMaps: readonly MapObject[], type: ProgSpec['type']): void {
  for (const m of usedMaps) {
    if (m.type !== 'prog_array') continue;
    m.progOwner ??= type;
    if (m.progOwner !== type) fail('EINVAL', `The prog_array "${m.name}" holds ${m.progOwner} programs (EINVAL).`);
  }
}

const FD_VALUED: ReadonlySet<string> = new Set(['prog_array', 'array_of_maps', 'hash_of_maps']);

export class EmulatedEngine implements PinStore {
  readonly objects: ObjectTable;
  /** The tree of the mount shown now (see openMount). */
  tree: Tree;
  readonly mountTable: MountTable;
  private readonly handleTable = new Map<number, Handle>();
  private nextHandle = 1;
  private readonly listeners = new Set<(ev: EngineEvent) => void>();
  private readonly fsCtx: fs.FsContext;
  /** Run by dispose(): timers of the demo's traffic. */
  readonly disposers: (() => void)[] = [];
  /** BTF objects by id. */
  readonly btf = new BtfRegistry();

  constructor(readonly core: EmulatedCore) {
    this.objects = new ObjectTable((obj) => this.emit({ type: 'object-freed', kind: obj.kind, id: obj.id }));
    this.mountTable = new MountTable(() => this.cred());
    const options = { ...DEFAULT_MOUNT_OPTIONS, uid: core.uid, gid: core.gid };
    this.tree = this.mountTable.add({ mountPoint: core.mountPoint, options }).tree;
    // Every fs operation works in the mount shown now.
    const shown = (): Tree => this.tree;
    this.fsCtx = {
      get tree(): Tree {
        return shown();
      },
      cred: () => this.cred(),
      umask: core.umask,
      unpinned: (node: Node) => {
        if (node.kind === 'pin') this.objects.drop(node.object, true);
      },
      changed: (dirs) => this.emit({ type: 'tree-changed', dirs }),
    };
  }

  /** The caller's credentials as the kernel checks them; uid 0 holds every capability. */
  cred(): Credentials {
    const { uid, gid, groups } = this.core;
    return { uid, gid, groups: groups ?? [], capable: uid === 0 };
  }

  /** Runs `fn` as another user (a forked child with that uid on the kernel's side), then as before. */
  async asUser<T>(who: { uid: number; gid: number; groups?: number[] }, fn: () => Promise<T>): Promise<T> {
    const saved = { uid: this.core.uid, gid: this.core.gid, groups: this.core.groups };
    Object.assign(this.core, { uid: who.uid, gid: who.gid, groups: who.groups ?? [] });
    try {
      return await fn();
    } finally {
      Object.assign(this.core, saved);
    }
  }

  emit(ev: EngineEvent): void {
    for (const l of this.listeners) l(ev);
  }

  describe(): EngineDescription {
    const mount = this.mountTable.byTree(this.tree);
    return {
      engine: 'emulated',
      mountPoint: mount ? this.mountTable.openPath(mount) : this.core.mountPoint,
      ...(mount ? { mountId: mount.id } : {}),
      possibleCpus: this.core.possibleCpus,
    };
  }

  // Mounts
  /** A further bpffs mount of this kernel (a container's): an empty tree whose root the options own. */
  addMount(spec: EmulatedMountSpec): EmulatedMount {
    return this.mountTable.add(spec);
  }

  async mounts(): Promise<BpffsMount[]> {
    return this.mountTable.list(this.tree);
  }

  async openMount(id: string): Promise<EngineDescription> {
    const mount = this.mountTable.get(id);
    if (!mount) {
      const hint = 'List the mounts again and pick one.';
      throw refusal('ENOENT', OP.openMount, { detail: ARGUMENT_PROBLEM.mountGone(id), hint });
    }
    if (mount.tree !== this.tree) {
      this.tree = mount.tree;
      this.emit({ type: 'tree-changed', dirs: [''] });
    }
    return this.describe();
  }

  /** The emulated kernel's CLOCK_MONOTONIC (what bpf_ktime_get_ns reads): the host's, unless a test sets one. */
  clock: () => bigint = () => process.hrtime.bigint();
  monotonicNs(): bigint {
    return this.clock();
  }

  async list(path: string): Promise<DirEntry[]> {
    const p = checkPath(path);
    return asRefusal(OP.list, p, () => fs.list(this.fsCtx, p));
  }
  async stat(path: string): Promise<DirEntry> {
    const p = checkPath(path);
    return asRefusal(OP.stat, p, () => fs.stat(this.fsCtx, p));
  }
  async mkdir(path: string, mode?: number): Promise<void> {
    const p = checkPath(path);
    asRefusal(OP.mkdir, p, () => fs.mkdir(this.fsCtx, p, mode));
  }
  async chmod(path: string, mode: number): Promise<void> {
    const p = checkPath(path);
    asRefusal(OP.chmod, p, () => fs.chmod(this.fsCtx, p, mode));
  }
  async chown(path: string, uid: number, gid: number): Promise<void> {
    const p = checkPath(path);
    asRefusal(OP.chown, p, () => fs.chown(this.fsCtx, p, uid, gid));
  }
  async rmdir(path: string): Promise<void> {
    const p = checkPath(path);
    if (p === '') throw refusal('EBUSY', OP.rmdir, { path: p, detail: ARGUMENT_PROBLEM.mountRoot });
    asRefusal(OP.rmdir, p, () => fs.rmdir(this.fsCtx, p));
  }
  async unlink(path: string): Promise<void> {
    const p = checkPath(path);
    asRefusal(OP.unlink, p, () => fs.unlink(this.fsCtx, p));
  }
  async link(from: string, to: string): Promise<void> {
    const [f, t] = [checkPath(from), checkPath(to)];
    asRefusal(OP.link, t, () => fs.link(this.fsCtx, f, t));
  }
  async symlink(target: string, path: string): Promise<void> {
    if (target.includes('\0')) throw refusal('EINVAL', OP.symlink, { path, detail: ARGUMENT_PROBLEM.symlinkNul });
    const p = checkPath(path);
    asRefusal(OP.symlink, p, () => fs.symlink(this.fsCtx, target, p));
  }
  async rename(from: string, to: string, opts?: { noreplace?: boolean; exchange?: boolean }): Promise<void> {
    const [f, t] = [checkPath(from), checkPath(to)];
    if (opts?.noreplace && opts.exchange) {
      throw refusal('EINVAL', OP.rename, { path: f, detail: ARGUMENT_PROBLEM.renameFlags });
    }
    asRefusal(OP.rename, f, () => fs.rename(this.fsCtx, f, t, opts));
  }

  private handleOf(handle: number, op: string = OP.info): Handle {
    const h = this.handleTable.get(handle);
    if (!h) throw refusal('EBADF', op, { detail: ARGUMENT_PROBLEM.handleClosed(handle), hint: HANDLE_CLOSED_HINT });
    return h;
  }

  /** Opens a new handle on `obj` (takes a user reference). */
  openHandle(
    obj: BpfObject,
    access: Access,
    origin: HandleInfo['origin'],
    path?: string,
    internal = false,
  ): HandleInfo {
    this.objects.hold(obj, true);
    const handle = this.nextHandle++;
    this.handleTable.set(handle, {
      obj,
      access,
      origin,
      path,
      ...(internal ? { internal: true as const } : {}),
    });
    if (!internal) this.emit({ type: 'handles-changed' });
    return this.infoOfHandle(handle);
  }

  private infoOfHandle(handle: number): HandleInfo {
    const h = this.handleOf(handle);
    const ref = refOf(h.obj);
    return {
      handle,
      kind: ref.kind,
      id: ref.id,
      type: ref.type,
      name: ref.name,
      access: h.access,
      origin: h.origin,
      ...(h.path !== undefined ? { path: h.path } : {}),
      ...(h.internal ? { internal: true as const } : {}),
    };
  }

  handles(): HandleInfo[] {
    return [...this.handleTable.entries()].filter(([, h]) => !h.internal).map(([n]) => this.infoOfHandle(n));
  }

  async close(handle: number): Promise<void> {
    const h = this.handleOf(handle, OP.close);
    this.handleTable.delete(handle);
    if (!h.internal) {
      this.emit({ type: 'handle-closed', handle });
      this.emit({ type: 'handles-changed' });
    }
    this.objects.drop(h.obj, true);
  }

  /** Builds and registers a map like BPF_MAP_CREATE, without opening a handle. */
  makeMap(spec: MapSpec, inner?: MapObject, innerGiven = false): MapObject {
    const env = {
      possibleCpus: this.core.possibleCpus,
      totalMemory: totalmem(),
      nrCpus: hostNrCpus(),
      afterAllocCheck: () => checkTokenArg(spec.token, (h) => this.handleTable.has(h)),
    };
    checkBtfLoad(spec);
    const { flags, innerMeta } = checkMapSpec(spec, inner, innerGiven, env);
    const specialFields = checkMapBtf(spec, flags);
    const map: MapObject = {
      kind: 'map',
      id: this.objects.allocId('map'),
      type: spec.type,
      name: spec.name,
      keySize: spec.keySize,
      valueSize: spec.valueSize,
      maxEntries: lruMaxEntries(spec, flags, this.core.possibleCpus),
      flags,
      mapExtra: spec.mapExtra ?? 0,
      frozen: false,
      refcnt: 0,
      usercnt: 0,
      store: undefined as never,
      ...(innerMeta ? { innerMeta } : {}),
      ...(specialFields.length ? { specialFields } : {}),
    };
    // The map keeps the BTF object it was created with.
    if (spec.btf && attachesBtf(spec))
      map.btf = { id: this.btf.load(spec.btf.data), keyTypeId: spec.btf.keyTypeId, valueTypeId: spec.btf.valueTypeId };
    map.store = makeStore(
      map,
      this.core.possibleCpus,
      {
        hold: (o) => this.objects.hold(o, false),
        drop: (o) => this.objects.drop(o, false),
      },
      this.core.cpu ?? 0,
    );
    this.objects.register(map);
    return map;
  }

  async createMap(spec: MapSpec): Promise<HandleInfo> {
    let inner: MapObject | undefined;
    if (spec.innerHandle !== undefined && (spec.type === 'array_of_maps' || spec.type === 'hash_of_maps')) {
      const h = this.handleTable.get(spec.innerHandle);
      // The kernel's bpf_map_get of a non-map fd: EINVAL, nothing more.
      if (h && h.obj.kind !== 'map') throw refusal('EINVAL', createMapOp(spec.type));
      inner = h?.obj as MapObject | undefined;
    }
    const map = asRefusal(createMapOp(spec.type), undefined, () =>
      this.makeMap(spec, inner, spec.innerHandle !== undefined),
    );
    const access: Access = spec.flags.includes('rdonly') ? 'ro' : spec.flags.includes('wronly') ? 'wo' : 'rw';
    return this.openHandle(map, access, 'create');
  }

  /** Loads a program like BPF_PROG_LOAD, without opening a handle; map-fd ld_imm64 immediates are handles. */
  makeProgram(spec: ProgSpec, mapOf: (imm: number) => MapObject = (imm) => this.mapOfHandle(imm)): ProgObject {
    asRefusal(OP.loadProgram, undefined, () => checkProgSpec(spec, (h) => this.handleTable.has(h)));
    const gpl = licenseIsGpl(spec.license);
    const v = asVerifierRefusal(() =>
      verifyProgram(spec.insns, { progType: spec.type, expectedAttachType: spec.expectedAttachType, gpl, mapOf }),
    );
    const usedMaps = [...new Set(v.mapRefs.map(mapOf))];
    asRefusal(OP.loadProgram, undefined, () => bindProgArrays(usedMaps, spec.type));
    const prog: ProgObject = {
      kind: 'prog',
      id: this.objects.allocId('prog'),
      type: spec.type,
      name: spec.name,
      tag: progTag(spec.insns),
      insns: spec.insns.slice(),
      jitedLen: 16 + (spec.insns.length / 8) * 6,
      loadedAt: Date.now(),
      createdByUid: this.core.uid,
      gplCompatible: gpl,
      verifiedInsns: v.verifiedInsns,
      usedMaps,
      runCnt: 0,
      runTimeNs: 0,
      refcnt: 0,
    };
    for (const m of usedMaps) this.objects.hold(m, false);
    prog.xlated = rewriteVerified(xlatedInsns(spec.insns, mapOf), v, spec.type); // Program details
    this.objects.register(prog);
    return prog;
  }

  private mapOfHandle(handle: number): MapObject {
    const h = this.handleOf(handle);
    if (h.obj.kind !== 'map') fail('EINVAL', `Handle ${handle} in ld_imm64 is not a map.`);
    return h.obj;
  }

  async createToken(path: string, flags = 0): Promise<void> {
    asRefusal('Create token', path, () => createTokenAt(this.tree, checkPath(path), flags, this.cred().uid));
  }

  async loadProgram(spec: ProgSpec): Promise<HandleInfo> {
    // ld_imm64 immediates are handles here, so a map reference is the handle itself.
    const insns = spec.mapRefs
      ? asRefusal(OP.loadProgram, undefined, () => patchMapRefs(spec.insns, spec.mapRefs!, (h) => h))
      : spec.insns;
    return this.openHandle(this.makeProgram({ ...spec, insns }), 'rw', 'load');
  }

  async pin(handle: number, path: string): Promise<void> {
    checkPath(path);
    const h = this.handleOf(handle, OP.pin);
    asRefusal(OP.pin, path, () => this.pinObject(h.obj, path));
  }

  pinObject(obj: BpfObject, path: string, mode = 0o600, noGet = false): void {
    // "" is the mount root, which exists (the kernel says EEXIST).
    if (path === '') fail('EEXIST', 'The mount root already exists; a pin needs a name.');
    // The kernel creates the preloaded iterator pins itself, dot in the name and all.
    const s = noGet ? this.tree.slot(path) : this.tree.newSlot(path);
    this.objects.hold(obj, true);
    this.tree.put(s.dir, s.name, {
      kind: 'pin',
      object: obj,
      nlink: 1,
      ...newNodeOwner(s.dir, this.cred(), mode & ~this.core.umask, false),
      ...(noGet ? { noGet } : {}),
    });
    this.emit({ type: 'tree-changed', dirs: [s.dirPath] });
  }

  /** BPF_OBJ_GET's checks: follow symlinks, refuse dirs (EACCES), check r/w bits, links refuse ro/wo. */
  private resolveGet(path: string, access: Access): BpfObject {
    checkPath(path);
    const found = this.tree.walk(path, true);
    const node = found.node;
    const need = access === 'rw' ? 6 : access === 'ro' ? 4 : 2;
    if (!mayAccess(node, this.cred(), need)) fail('EACCES', `The mode of "${path}" does not allow ${access} access.`);
    if (node.kind !== 'pin') return fail('EACCES', `"${path}" is a directory, not a pinned object.`);
    if (node.noGet) fail('ENOENT', `"${path}" is a preloaded iterator; it cannot be opened with OBJ_GET.`);
    if (node.object.kind === 'link' && linkRefusesAccess(access))
      fail('EINVAL', 'Links can only be opened read-write.');
    return node.object;
  }

  async get(path: string, access: Access, opts: OpenOptions = {}): Promise<HandleInfo> {
    if (opts.fileFlags !== undefined) {
      const asked = objGetAccess(opts.fileFlags);
      // file_flags may hold RDONLY or WRONLY (not both) and PATH_FD; the kernel says only EINVAL.
      if (!asked) throw refusal('EINVAL', OP.get, { path });
      access = asked;
    }
    const obj = asRefusal(OP.get, path, () => this.resolveGet(path, access));
    return this.openHandle(obj, access, 'get', path, opts.internal === true);
  }

  async objectInfo(handle: number): Promise<ObjectInfo> {
    return objectInfoOf(this.handleOf(handle).obj, this.core.possibleCpus);
  }

  async pathInfo(path: string): Promise<ObjectInfo> {
    let obj: BpfObject;
    try {
      obj = this.resolveGet(path, 'ro');
    } catch (e) {
      const retry = e instanceof BpfError ? linkRetryAccess(e.errno, 'ro') : undefined;
      if (!retry) throw e;
      obj = this.resolveGet(path, retry);
    }
    return objectInfoOf(obj, this.core.possibleCpus);
  }

  async listObjects(): Promise<ObjectSummary[]> {
    return this.objects.all().map((obj) => this.summaryOf(obj));
  }

  async objectSummary(kind: ObjectKind, id: number): Promise<ObjectSummary | undefined> {
    const obj = this.objects.find(kind, id);
    return obj && this.summaryOf(obj);
  }

  private summaryOf(obj: BpfObject): ObjectSummary {
    const handles: number[] = [];
    for (const [n, h] of this.handleTable) if (!h.internal && h.obj === obj) handles.push(n);
    return {
      ...refOf(obj),
      pins: this.tree.pinsOf(obj),
      handles,
      holders: this.simulatedHoldersOf(obj),
      ...memlockOf(obj, this.core.possibleCpus),
    };
  }

  /** Simulated holders get stable fake fd numbers: 10 on, counted over the objects before this one. */
  private simulatedHoldersOf(obj: BpfObject): ObjectHolder[] {
    let firstFd = 10;
    for (const other of this.objects.all()) {
      if (other === obj) break;
      firstFd += Math.max(0, this.objects.externalCount(other));
    }
    return simulatedHolders(this.objects.externalCount(obj), firstFd);
  }

  // Open a live object by id, like *_GET_FD_BY_ID
  async getById(kind: ObjectKind, id: number, access: Access, opts: OpenOptions = {}): Promise<HandleInfo> {
    const op = openByIdOp(kind, id);
    // Only maps take open flags; PROG/LINK_GET_FD_BY_ID refuse any (EINVAL), before looking the id up.
    if (kind !== 'map' && access !== 'rw') {
      throw refusal('EINVAL', op, { detail: ARGUMENT_PROBLEM.openByIdAccess(kind), hint: 'Open it read-write.' });
    }
    const obj = this.objects.find(kind, id);
    if (!obj) throw refusal('ENOENT', op);
    return this.openHandle(obj, access, 'id', undefined, opts.internal === true);
  }

  async objectAlive(kind: ObjectKind, id: number): Promise<boolean> {
    return this.objects.find(kind, id) !== undefined;
  }

  async nextId(kind: ObjectKind, id: number): Promise<number> {
    const op = `Next ${kind} id after ${id}`;
    const problem = nextIdStartProblem(id);
    if (problem) throw refusal('EINVAL', op, { detail: problem });
    if (!this.cred().capable) throw refusal('EPERM', op, { detail: 'Listing ids needs CAP_SYS_ADMIN.' });
    const next = this.objects.nextId(kind, id);
    if (next === undefined) throw refusal('ENOENT', op, { detail: `No ${kind} has an id above ${id}.` });
    return next;
  }

  /** The map behind a handle, with the key checked against key_size (before any "syscall"). */
  private mapFor(
    op: string,
    handle: number,
    key: Uint8Array | null,
    keyOptional = false,
  ): { map: MapObject; h: Handle } {
    const h = this.handleOf(handle, op);
    if (h.obj.kind !== 'map') {
      throw refusal('EINVAL', op, { path: h.path, detail: ARGUMENT_PROBLEM.notAMap(handle, h.obj.kind) });
    }
    const map = h.obj;
    const len = key?.length ?? 0;
    if (map.keySize === 0 ? len !== 0 : key === null ? !keyOptional : len !== map.keySize) {
      const detail =
        map.keySize === 0
          ? ARGUMENT_PROBLEM.noKey(map.type)
          : ARGUMENT_PROBLEM.keySize(map.type, map.keySize, key === null ? null : len);
      throw refusal('EINVAL', op, { path: h.path, detail });
    }
    return { map, h };
  }

  private canRead(h: Handle): void {
    if (h.access === 'wo') fail('EPERM', 'The handle is write-only; open the map read-write or read-only to read it.');
  }

  private canWrite(h: Handle, map: MapObject): void {
    if (h.access === 'ro') fail('EPERM', 'The handle is read-only; open the map read-write to change it.');
    if (map.frozen) fail('EPERM', 'The map is frozen: it can no longer be changed from user space.');
  }

  async mapLookup(handle: number, key: Uint8Array | null, flags = 0, probe?: Uint8Array): Promise<Uint8Array> {
    // A closed handle is EBADF before anything (native finds it missing in its table before the syscall).
    const opened = this.handleOf(handle, OP.lookup);
    asRefusal(OP.lookup, opened.path, () => checkLookupFlags(flags));
    const { map, h } = this.mapFor(OP.lookup, handle, key);
    return asRefusal(OP.lookup, h.path, () => {
      const size = valueWireSize(map.type, map.valueSize, this.core.possibleCpus);
      if (probe && probe.length !== size) fail('EINVAL', `The value must be ${size} bytes (got ${probe.length}).`);
      this.canRead(h);
      checkLock(map, flags);
      return map.store.lookup(key, probe);
    });
  }

  async mapUpdate(
    handle: number,
    key: Uint8Array | null,
    value: MapValue,
    flag: UpdateFlag,
    extraFlags = 0,
  ): Promise<void> {
    const { map, h } = this.mapFor(OP.update, handle, key);
    const wrong = (detail: string) => refusal('EINVAL', OP.update, { path: h.path, detail });
    let stored: UpdateValue;
    if (FD_VALUED.has(map.type)) {
      if (value instanceof Uint8Array) throw wrong(ARGUMENT_PROBLEM.valueHandle(map.type));
    } else if (!(value instanceof Uint8Array)) throw wrong(ARGUMENT_PROBLEM.valueBytes(map.type));
    if (value instanceof Uint8Array) {
      const size = valueWireSize(map.type, map.valueSize, this.core.possibleCpus);
      if (value.length !== size) throw wrong(ARGUMENT_PROBLEM.valueSize(map.type, size, value.length));
      stored = value;
    } else {
      // The store resolves the handle where the kernel does: after FMODE_CAN_WRITE, flags and index.
      stored = () => this.handleOf(value.handle, OP.update).obj;
    }
    asRefusal(OP.update, h.path, () => {
      this.canWrite(h, map);
      const flags = (UPDATE_FLAGS[flag] | extraFlags) >>> 0;
      map.store.update(key, prepareUpdate(map, flags, stored, this.core.possibleCpus), flags);
    });
  }

  async mapDelete(handle: number, key: Uint8Array): Promise<void> {
    const { map, h } = this.mapFor(OP.delete, handle, key);
    asRefusal(OP.delete, h.path, () => {
      this.canWrite(h, map);
      map.store.delete(key);
    });
  }

  async mapNextKey(handle: number, key: Uint8Array | null): Promise<Uint8Array> {
    const { map, h } = this.mapFor(OP.nextKey, handle, key, true);
    return asRefusal(OP.nextKey, h.path, () => {
      this.canRead(h);
      return map.store.nextKey(key);
    });
  }

  async mapLookupAndDelete(handle: number, key: Uint8Array | null, flags = 0): Promise<Uint8Array> {
    const opened = this.handleOf(handle, OP.lookupAndDelete);
    asRefusal(OP.lookupAndDelete, opened.path, () => checkLookupFlags(flags));
    const { map, h } = this.mapFor(OP.lookupAndDelete, handle, key);
    return asRefusal(OP.lookupAndDelete, h.path, () => {
      this.canRead(h);
      this.canWrite(h, map);
      checkLookupAndDeleteFlags(map, flags);
      return map.store.lookupAndDelete(key);
    });
  }

  async mapDump(handle: number, limit?: number): Promise<MapDump> {
    const { map, h } = this.mapFor('Dump', handle, null, true);
    this.canRead(h);
    const max = limit ?? Number.POSITIVE_INFINITY;
    if (map.store.batch) {
      // Asks for one more than the limit: that is how "truncated" is known without copying everything.
      const all = map.store.entries(max === Number.POSITIVE_INFINITY ? max : max + 1);
      return { entries: all.slice(0, max), truncated: all.length > max };
    }
    // No LOOKUP_BATCH: get_next_key + lookup, errors propagate; an entry gone in between is skipped.
    const entries: MapDump['entries'] = [];
    let key: Uint8Array | null = null;
    for (;;) {
      try {
        key = map.store.nextKey(key);
      } catch (e) {
        if ((e as { code?: string }).code === 'ENOENT') return { entries, truncated: false };
        throw e;
      }
      if (entries.length >= max) return { entries, truncated: true };
      try {
        entries.push({ key, value: map.store.lookup(key) });
      } catch (e) {
        if ((e as { code?: string }).code !== 'ENOENT') throw e;
      }
    }
  }

  // Map view / BTF plumbing
  async mapReadPacked(handle: number, opts?: PackedReadOptions): Promise<PackedEntries> {
    const { map } = this.mapFor('Read entries', handle, null, true);
    const { entries } = await this.mapDump(handle);
    const wire = valueWireSize(map.type, map.valueSize, this.core.possibleCpus);
    return packEntries(entries, map.keySize, wire, opts);
  }

  async btfData(btfId: number): Promise<Uint8Array> {
    return this.btf.data(btfId);
  }

  // Program details
  /** Live BPF_ENABLE_STATS tokens: while any is live, the traffic simulator advances run_cnt / run_time_ns. */
  readonly statsTokens = new Set<number>();
  private nextStatsToken = 1;

  async progXlated(handle: number): Promise<ProgXlated> {
    const { obj, path } = this.handleOf(handle, OP.readInstructions);
    if (obj.kind !== 'prog') {
      const detail = ARGUMENT_PROBLEM.notAProgram(handle, obj.kind);
      throw refusal('EINVAL', OP.readInstructions, { path, detail });
    }
    const insns = (obj.xlated ?? obj.insns).slice();
    const mapIds = obj.usedMaps.map((m) => m.id);
    return obj.callNames ? { insns, mapIds, callNames: { ...obj.callNames } } : { insns, mapIds };
  }

  async enableStats(): Promise<number> {
    const token = this.nextStatsToken++;
    this.statsTokens.add(token);
    return token;
  }

  async disableStats(token: number): Promise<void> {
    if (!this.statsTokens.delete(token)) fail('EBADF', `Statistics token ${token} is not active.`);
  }

  async mapBatch(handle: number, req: MapBatchRequest): Promise<MapBatchResult> {
    const h = this.handleOf(handle);
    if (h.obj.kind !== 'map') fail('EINVAL', `Handle ${handle} is a ${h.obj.kind}, not a map.`);
    const { possibleCpus } = this.core;
    const resolve = (n: number): BpfObject => this.handleOf(n).obj;
    return emulatedBatch({ map: h.obj, access: h.access, path: h.path, possibleCpus, resolve }, req);
  }

  async mapFreeze(handle: number): Promise<void> {
    const { map, h } = this.mapFor(OP.freeze, handle, null, true);
    asRefusal(OP.freeze, h.path, () => {
      checkFreezable(map.specialFields);
      this.canWrite(h, map);
    });
    map.frozen = true;
  }

  // Load ELF object
  async loadObject(folder: string, fileName: string, data: Uint8Array): Promise<LoadObjectResult> {
    return loadObjectThrough(this, checkPath(folder), fileName, data, (handle, details) => {
      const { obj } = this.handleOf(handle);
      if (obj.kind !== 'prog') return;
      if (details.fullName !== undefined) obj.fullName = details.fullName;
      if (details.btf) obj.btfId = this.btf.load(details.btf);
      for (const bound of details.bindMaps) {
        const map = this.mapOfHandle(bound);
        if (obj.usedMaps.includes(map)) continue;
        obj.usedMaps.push(map);
        this.objects.hold(map, false);
      }
    });
  }

  subscribe(listener: (ev: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async dispose(): Promise<void> {
    for (const d of this.disposers.splice(0)) d();
    for (const handle of [...this.handleTable.keys()]) await this.close(handle);
  }
}

/** CONFIG_NR_CPUS of the host kernel (kernel_max + 1), or the common 8192 where it cannot be read. */
function hostNrCpus(): number {
  try {
    return Number(readFileSync('/sys/devices/system/cpu/kernel_max', 'utf8').trim()) + 1 || 8192;
  } catch {
    return 8192;
  }
}

/** Per-CPU LRU lists (NO_COMMON_LRU): the kernel rounds max_entries up to a multiple of the possible CPUs. */
function lruMaxEntries(spec: MapSpec, flags: number, cpus: number): number {
  const lru = spec.type === 'lru_hash' || spec.type === 'lru_percpu_hash';
  if (!lru || !(flags & MAP_FLAGS.no_common_lru)) return spec.maxEntries;
  const up = Math.ceil(spec.maxEntries / cpus) * cpus;
  return up <= 0xffffffff ? up : Math.floor(spec.maxEntries / cpus) * cpus;
}
