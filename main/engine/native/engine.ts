// The native PinStore: a real bpffs mount, worked on by fd beneath its root, and real bpf(2) through koffi.
import { closeSync, fstatSync, readFileSync } from 'node:fs';
import { release } from 'node:os';

import { patchMapRefs } from '../../../shared/bpf/map-refs.js';
import { checkPath, splitPath } from '../../../shared/bpf/paths.js';
import { OPEN_FLAGS, type UpdateFlag } from '../../../shared/bpf/types.js';
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
  ObjectInfo,
  ObjectKind,
  ObjectRef,
  ObjectSummary,
  OpenOptions,
  PackedEntries,
  PackedReadOptions,
  PinStore,
  ProgSpec,
  ProgXlated,
  TokenArg,
} from '../../../shared/engine.js';
import { BpfError, ERRNO } from '../../../shared/errors.js';
import type { BpffsMount } from '../../../shared/mounts.js';
import { ARGUMENT_PROBLEM, linkRetryAccess, OP, openByIdOp, refusal } from '../../../shared/refusal.js';

import { batch } from './batch.js';
import { readBtfData } from './btf.js';
import { CMD, fdById, nextId, objGet, tokenCreate } from './commands.js';
import { type KernelCaps, MountPaths } from './confine.js';
import { dumpMap } from './dump.js';
import * as elements from './elements.js';
import { hasBpfCapability, setPrivileged, toBpfError, wrap } from './errno.js';
import { FreeWatch } from './free-watch.js';
import { chmodAt, chownAt, getAt, linkAt, mkdirAt, pinAt, renameAt, rmdirAt, symlinkAt, unlinkAt } from './fs-at.js';
import { HandleTable } from './handles.js';
import { HolderCache } from './holders.js';
import { idAllocated } from './id-alive.js';
import { fdKind, memlockOf, objectRef } from './info.js';
import { loadObjectNative } from './loadall.js';
import { checkBpffsRoot, possibleCpuCount } from './mount.js';
import { deviceOf, scanBpffsMounts } from './mounts-scan.js';
import { adopt, createMapFd, describeFd, infoOf, loadProgramFd, type TokenFd } from './objects.js';
import { readPacked } from './packed-read.js';
import { objectKey, PinIndex } from './pin-index.js';
import { readPrivilege } from './privilege.js';
import { progXlatedOf } from './prog-xlated.js';
import { StatsTokens } from './stats.js';
import { openat, SyscallError } from './sys.js';
import { ACCESS_FLAGS, entryOfFd, listDir, PinIdentities, procFd } from './tree.js';
import { O_CLOEXEC } from './walk.js';
import { TreeWatcher } from './watch.js';

export interface NativeEngineOptions {
  /** The bpffs mount point the engine is rooted at. */
  bpffs: string;
  /**
   * Used only when /sys/devices/system/cpu/possible cannot be read: per-CPU buffers must match the
   * kernel's count, so the kernel's number always wins.
   */
  possibleCpus?: number;
  /** How long tree changes are gathered before 'tree-changed' (ms). */
  debounceMs?: number;
  /** What the kernel offers for fd-relative work, instead of probing it (tests of older kernels). */
  kernel?: Partial<KernelCaps>;
}

const ID_COMMANDS: Record<ObjectKind, { next: number; byId: number }> = {
  map: { next: CMD.MAP_GET_NEXT_ID, byId: CMD.MAP_GET_FD_BY_ID },
  prog: { next: CMD.PROG_GET_NEXT_ID, byId: CMD.PROG_GET_FD_BY_ID },
  link: { next: CMD.LINK_GET_NEXT_ID, byId: CMD.LINK_GET_FD_BY_ID },
};

const normal = (path: string): string => splitPath(path).join('/');

export function createNativeEngine(opts: NativeEngineOptions): PinStore {
  const root = checkBpffsRoot(opts.bpffs);
  setPrivileged(hasBpfCapability(readFileSync('/proc/self/status', 'utf8')));
  let cpus: number;
  try {
    cpus = possibleCpuCount();
  } catch {
    cpus = opts.possibleCpus ?? 1;
  }
  return new NativeEngine(MountPaths.open(root, opts.kernel), cpus, opts.debounceMs ?? 30);
}

class NativeEngine implements PinStore {
  private root!: string;
  private readonly table = new HandleTable();
  private readonly listeners = new Set<(ev: EngineEvent) => void>();
  private watcher!: TreeWatcher;
  private readonly privilege = readPrivilege();
  private readonly ids = new PinIdentities(this.privilege);
  private index!: PinIndex;
  private readonly holders = new HolderCache();
  private readonly freeWatch = new FreeWatch(
    (kind, id) => this.probeAlive(kind, id),
    (kind, id) => this.emit({ type: 'object-freed', kind, id }),
  );

  constructor(
    private paths: MountPaths,
    private readonly possibleCpus: number,
    private readonly debounceMs: number,
  ) {
    this.attach(paths);
  }

  /** Roots the tree, its pin index and its watcher at `paths`. */
  private attach(paths: MountPaths): void {
    this.paths = paths;
    this.root = paths.root;
    const index = new PinIndex({
      // The index walks real folders only, as the watcher does: a symlinked folder is not a second place.
      read: (path) => {
        const fd = paths.openRealDir(path);
        try {
          return listDir(fd, path, this.ids);
        } finally {
          closeSync(fd);
        }
      },
      unwatched: () => watcher.unwatched(),
    });
    const watcher = new TreeWatcher(
      paths,
      (dirs) => this.emit({ type: 'tree-changed', dirs }),
      this.debounceMs,
      (dir) => index.markDirty(dir),
    );
    this.index = index;
    this.watcher = watcher;
    watcher.start();
  }

  /** The superblock device of the mount shown, which names it among the mounts. */
  private currentDevice(): string {
    return deviceOf(fstatSync(this.paths.rootFd).dev);
  }

  async mounts(): Promise<BpffsMount[]> {
    return scanBpffsMounts(this.currentDevice());
  }

  async openMount(id: string): Promise<EngineDescription> {
    const found = scanBpffsMounts(this.currentDevice()).find((m) => m.id === id);
    if (!found) {
      const hint = 'List the mounts again and pick one.';
      throw refusal('ENOENT', OP.openMount, { detail: ARGUMENT_PROBLEM.mountGone(id), hint });
    }
    if (found.current) return this.describe();
    const next = MountPaths.open(checkBpffsRoot(found.openPath), this.paths.caps);
    this.watcher.stop();
    this.index.stop();
    this.paths.close();
    this.attach(next);
    this.emit({ type: 'tree-changed', dirs: [''] });
    return this.describe();
  }

  private emit(ev: EngineEvent): void {
    for (const l of [...this.listeners]) l(ev);
  }

  describe(): EngineDescription {
    return {
      engine: 'native',
      mountPoint: this.root,
      mountId: this.currentDevice(),
      possibleCpus: this.possibleCpus,
      kernel: release(),
      privilege: { ...this.privilege },
    };
  }

  async list(path: string): Promise<DirEntry[]> {
    return wrap('List', path, () => this.paths.atEntry(path, 'List', true, (fd) => listDir(fd, path, this.ids)));
  }

  async stat(path: string): Promise<DirEntry> {
    const entry = wrap('Stat', path, () =>
      this.paths.atEntry(path, 'Stat', false, (fd) => entryOfFd(fd, normal(path), this.ids)),
    );
    if (!entry) throw refusal('ENOENT', OP.stat, { path, hint: 'It was removed meanwhile.' });
    return entry;
  }

  /** The engine changed these paths itself: the pin index reads their folders again before its next answer. */
  private touched(...paths: string[]): void {
    for (const p of paths) this.index.touched(normal(p));
  }

  async mkdir(path: string, mode = 0o777): Promise<void> {
    wrap('Create folder', path, () => mkdirAt(this.paths, path, mode));
    this.touched(path);
  }

  async chmod(path: string, mode: number): Promise<void> {
    wrap('Change mode', path, () => chmodAt(this.paths, path, mode));
    this.touched(path);
  }

  async chown(path: string, uid: number, gid: number): Promise<void> {
    wrap('Change owner', path, () => chownAt(this.paths, path, uid, gid));
    this.touched(path);
  }

  async rmdir(path: string): Promise<void> {
    wrap('Remove folder', path, () => rmdirAt(this.paths, path));
    this.touched(path);
  }

  async rename(from: string, to: string, opts: { noreplace?: boolean; exchange?: boolean } = {}): Promise<void> {
    // renameat2 refuses NOREPLACE with EXCHANGE before it looks at either path.
    if (opts.noreplace && opts.exchange) {
      checkPath(from);
      checkPath(to);
      throw refusal('EINVAL', OP.rename, { path: from, detail: ARGUMENT_PROBLEM.renameFlags });
    }
    const replaced = wrap('Rename', from, () => renameAt(this.paths, from, to, opts));
    this.touched(from, to);
    if (replaced) this.watchFree(replaced.kind, replaced.id);
  }

  async link(from: string, to: string): Promise<void> {
    wrap('Link', to, () => linkAt(this.paths, from, to));
    this.touched(to);
  }

  async symlink(target: string, path: string): Promise<void> {
    if (target.includes('\0')) throw refusal('EINVAL', OP.symlink, { path, detail: ARGUMENT_PROBLEM.symlinkNul });
    wrap('Symlink', path, () => symlinkAt(this.paths, target, path));
    this.touched(path);
  }

  async unlink(path: string): Promise<void> {
    const pinned = wrap('Unlink', path, () => unlinkAt(this.paths, path));
    this.touched(path);
    if (pinned) this.watchFree(pinned.kind, pinned.id);
  }

  private addHandle(
    fd: number,
    origin: HandleInfo['origin'],
    access: Access,
    path?: string,
    internal = false,
  ): HandleInfo {
    const opened = adopt(fd, () => wrap('Open', path, () => describeFd(fd, this.possibleCpus, origin, access, path)));
    const h = this.table.add(fd, internal ? { ...opened.info, internal: true } : opened.info, opened.map);
    if (!internal) this.emit({ type: 'handles-changed' });
    return { ...h.info };
  }

  async createMap(spec: MapSpec): Promise<HandleInfo> {
    const inner = spec.innerHandle === undefined ? 0 : this.table.get(spec.innerHandle).fd;
    const { fd, access } = createMapFd(spec, inner, this.tokenFd(spec.token));
    return this.addHandle(fd, 'create', access);
  }

  async loadProgram(spec: ProgSpec): Promise<HandleInfo> {
    // A closed handle becomes fd -1, so the kernel answers EBADF in its own order of checks.
    const insns = spec.mapRefs ? patchMapRefs(spec.insns, spec.mapRefs, (h) => this.table.fdOrInvalid(h)) : spec.insns;
    return this.addHandle(loadProgramFd({ ...spec, insns }, this.tokenFd(spec.token)), 'load', 'rw');
  }

  /** A handle's fd, or -1 (an fd never open) for a token argument. */
  private tokenFd(token: TokenArg | undefined): TokenFd {
    if (!token) return undefined;
    return { fd: token.handle === null ? -1 : this.table.fdOrInvalid(token.handle), flag: token.flag };
  }

  async createToken(path: string, flags = 0): Promise<void> {
    wrap('Create token', path, () =>
      this.paths.atParent(path, 'Create token', (dir, name) => {
        // Read-only, not O_PATH: BPF_TOKEN_CREATE refuses O_PATH fds (EBADF).
        const fd = openat(dir, name, O_CLOEXEC);
        try {
          closeSync(tokenCreate(fd, flags));
        } finally {
          closeSync(fd);
        }
      }),
    );
  }

  async pin(handle: number, path: string): Promise<void> {
    const h = this.table.get(handle);
    wrap('Pin', path, () => pinAt(this.paths, h.fd, path));
    this.touched(path);
  }

  async get(path: string, access: Access, opts: OpenOptions = {}): Promise<HandleInfo> {
    const raw = opts.fileFlags;
    if (raw !== undefined) {
      // The kernel checks file_flags before the path: it answers for them alone when asked with no path.
      wrap('Get', path, () => refuseBadFileFlags(raw));
      const asked = raw & OPEN_FLAGS.rdonly ? 'ro' : raw & OPEN_FLAGS.wronly ? 'wo' : 'rw';
      const fd = wrap('Get', path, () => this.paths.atEntry(path, 'Get', true, (at) => objGet(procFd(at), raw)));
      return this.addHandle(fd, 'get', asked, normal(path), opts.internal === true);
    }
    const fd = wrap('Get', path, () => getAt(this.paths, path, access));
    return this.addHandle(fd, 'get', access, normal(path), opts.internal === true);
  }

  async close(handle: number): Promise<void> {
    const h = this.table.get(handle);
    this.table.remove(handle);
    closeSync(h.fd);
    if (!h.info.internal) {
      this.emit({ type: 'handle-closed', handle });
      this.emit({ type: 'handles-changed' });
    }
    this.watchFree(h.info.kind, h.info.id);
  }

  handles(): HandleInfo[] {
    return this.table.list();
  }

  async objectInfo(handle: number): Promise<ObjectInfo> {
    const h = this.table.get(handle);
    return wrap('Info', h.info.path, () => infoOf(h.fd, h.info.kind, this.possibleCpus));
  }

  async pathInfo(path: string): Promise<ObjectInfo> {
    return wrap('Info', path, () => {
      let fd: number;
      try {
        fd = getAt(this.paths, path, 'ro', 'Info');
      } catch (e) {
        const retry = e instanceof SyscallError ? linkRetryAccess(e.errno, 'ro') : undefined;
        if (!retry) throw e;
        fd = getAt(this.paths, path, retry, 'Info');
      }
      try {
        const kind = fdKind(fd);
        if (!kind) throw refusal('EINVAL', OP.info, { path, detail: 'It is not a bpf object.' });
        return infoOf(fd, kind, this.possibleCpus);
      } finally {
        closeSync(fd);
      }
    });
  }

  async listObjects(): Promise<ObjectSummary[]> {
    await this.index.ready();
    const pins = this.index.allPins();
    const holders = this.holders.get(true);
    let refs: ObjectRef[];
    try {
      refs = this.liveObjects();
    } catch (e) {
      // Walking ids needs CAP_SYS_ADMIN: without it, the objects of the pins this process could open.
      if (!(e instanceof BpfError && e.code === 'EPERM')) throw e;
      refs = this.index.pinnedRefs();
    }
    return refs.map((ref) => {
      const key = objectKey(ref.kind, ref.id);
      return {
        ...ref,
        pins: pins.get(key) ?? [],
        handles: this.table.onObject(ref.kind, ref.id),
        holders: holders.get(key) ?? [],
      };
    });
  }

  /** Every live object, by walking each kind's ids. */
  private liveObjects(): (ObjectRef & { memlock?: number })[] {
    const out: (ObjectRef & { memlock?: number })[] = [];
    for (const kind of ['map', 'prog', 'link'] as const) {
      const cmds = ID_COMMANDS[kind];
      for (let id = this.nextIdOf(cmds.next, 0); id !== 0; id = this.nextIdOf(cmds.next, id)) {
        const fd = this.fdOfId(cmds.byId, id);
        if (fd === undefined) continue;
        try {
          const ref = wrap('List objects', undefined, () => objectRef(fd));
          if (ref) out.push(kind === 'link' ? ref : { ...ref, ...memlockOf(fd) });
        } finally {
          closeSync(fd);
        }
      }
    }
    return out;
  }

  async objectSummary(kind: ObjectKind, id: number): Promise<ObjectSummary | undefined> {
    await this.index.ready();
    let ref = this.index.refOf(kind, id);
    if (!ref) {
      // Not pinned: alive only if its id still opens (needs CAP_SYS_ADMIN).
      const fd = this.fdOfId(ID_COMMANDS[kind].byId, id);
      if (fd === undefined) return undefined;
      try {
        ref = wrap(`Open ${kind} ${id}`, undefined, () => objectRef(fd));
      } finally {
        closeSync(fd);
      }
      if (!ref) return undefined;
    }
    return {
      ...ref,
      pins: this.index.pinsOf(kind, id),
      handles: this.table.onObject(kind, id),
      holders: this.holders.get().get(objectKey(kind, id)) ?? [],
    };
  }

  /** The next id, or 0 after the last. */
  private nextIdOf(cmd: number, start: number): number {
    try {
      return nextId(cmd, start);
    } catch (e) {
      if (e instanceof SyscallError && e.errno === ERRNO.ENOENT) return 0;
      throw toBpfError(e, 'List objects');
    }
  }

  /** A new fd for the object with this id, or undefined when it is gone. */
  private fdOfId(cmd: number, id: number): number | undefined {
    try {
      return fdById(cmd, id);
    } catch (e) {
      if (e instanceof SyscallError && e.errno === ERRNO.ENOENT) return undefined;
      throw toBpfError(e, `Open object ${id}`);
    }
  }

  // A handle on a live object by id
  async getById(kind: ObjectKind, id: number, access: Access, opts: OpenOptions = {}): Promise<HandleInfo> {
    // Only MAP_GET_FD_BY_ID takes open flags; the prog and link commands refuse any (EINVAL).
    if (kind !== 'map' && access !== 'rw') {
      const detail = ARGUMENT_PROBLEM.openByIdAccess(kind);
      throw refusal('EINVAL', openByIdOp(kind, id), { detail, hint: 'Open it read-write.' });
    }
    const fd = wrap(openByIdOp(kind, id), undefined, () => fdById(ID_COMMANDS[kind].byId, id, ACCESS_FLAGS[access]));
    return this.addHandle(fd, 'id', access, undefined, opts.internal === true);
  }

  async objectAlive(kind: ObjectKind, id: number): Promise<boolean> {
    return wrap(`Look up ${kind} ${id}`, undefined, () => idAllocated(ID_COMMANDS[kind].next, id));
  }

  async nextId(kind: ObjectKind, id: number): Promise<number> {
    return wrap(`Next ${kind} id after ${id}`, undefined, () => nextId(ID_COMMANDS[kind].next, id));
  }

  /** Emits 'object-freed' if the object's id goes away shortly, unless bpfscope still holds it. */
  private watchFree(kind: ObjectKind, id: number): void {
    if (this.table.onObject(kind, id).length === 0) this.freeWatch.watch(kind, id);
  }

  private probeAlive(kind: ObjectKind, id: number): boolean | undefined {
    try {
      return idAllocated(ID_COMMANDS[kind].next, id);
    } catch {
      return undefined;
    }
  }

  private mapHandle(handle: number, what: string) {
    return this.table.getMap(handle, what);
  }

  async mapLookup(handle: number, key: Uint8Array | null, flags = 0, probe?: Uint8Array): Promise<Uint8Array> {
    return elements.lookup(this.mapHandle(handle, 'Lookup'), key, flags, probe);
  }

  async mapUpdate(
    handle: number,
    key: Uint8Array | null,
    value: MapValue,
    flag: UpdateFlag,
    extraFlags = 0,
  ): Promise<void> {
    elements.update(this.mapHandle(handle, 'Update'), key, value, flag, this.table, extraFlags);
  }

  async mapDelete(handle: number, key: Uint8Array): Promise<void> {
    elements.remove(this.mapHandle(handle, 'Delete'), key);
  }

  async mapNextKey(handle: number, key: Uint8Array | null): Promise<Uint8Array> {
    return elements.nextKey(this.mapHandle(handle, 'Next key'), key);
  }

  async mapLookupAndDelete(handle: number, key: Uint8Array | null, flags = 0): Promise<Uint8Array> {
    return elements.lookupAndDelete(this.mapHandle(handle, 'Lookup and delete'), key, flags);
  }

  async mapDump(handle: number, limit?: number): Promise<MapDump> {
    return dumpMap(this.mapHandle(handle, 'Dump'), limit);
  }

  async mapBatch(handle: number, req: MapBatchRequest): Promise<MapBatchResult> {
    return batch(this.mapHandle(handle, 'Batch'), req, this.table);
  }

  async mapFreeze(handle: number): Promise<void> {
    elements.freeze(this.mapHandle(handle, 'Freeze'));
  }

  // Map view / BTF plumbing
  async mapReadPacked(handle: number, opts?: PackedReadOptions): Promise<PackedEntries> {
    return readPacked(this.mapHandle(handle, 'Read entries'), opts);
  }

  async btfData(btfId: number): Promise<Uint8Array> {
    return readBtfData(btfId);
  }

  // Program details
  private readonly stats = new StatsTokens();

  async progXlated(handle: number): Promise<ProgXlated> {
    const h = this.table.get(handle, OP.readInstructions);
    if (h.info.kind !== 'prog') {
      const detail = ARGUMENT_PROBLEM.notAProgram(handle, h.info.kind);
      throw refusal('EINVAL', OP.readInstructions, { path: h.info.path, detail });
    }
    return wrap(OP.readInstructions, h.info.path, () => progXlatedOf(h.fd));
  }

  async enableStats(): Promise<number> {
    return wrap('Enable statistics', undefined, () => this.stats.enable());
  }

  async disableStats(token: number): Promise<void> {
    this.stats.disable(token);
  }

  // Load ELF object
  async loadObject(folder: string, fileName: string, data: Uint8Array): Promise<LoadObjectResult> {
    try {
      return loadObjectNative(this.paths, folder, fileName, data);
    } finally {
      this.touched(folder);
    }
  }

  subscribe(listener: (ev: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async dispose(): Promise<void> {
    this.watcher.stop();
    this.index.stop();
    this.freeWatch.stop();
    this.stats.closeAll(); // Program details
    for (const h of this.table.all()) {
      this.table.remove(h.info.handle);
      closeSync(h.fd);
    }
    this.listeners.clear();
    this.paths.close();
  }
}

/** OBJ_GET with an empty path: EINVAL for flags the kernel refuses, else the empty path's ENOENT (ignored). */
function refuseBadFileFlags(fileFlags: number): void {
  try {
    closeSync(objGet('', fileFlags));
  } catch (e) {
    if (!(e instanceof SyscallError && e.errno === ERRNO.ENOENT)) throw e;
  }
}
