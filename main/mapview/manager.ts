// Every open map view of one engine: opening (with the checks that explain what cannot be viewed), lookup by
// id, closing (by the renderer, when its connection goes, when its handle is closed, or after sitting idle),
// and the events views push.
import { performance } from 'node:perf_hooks';

import type { HandleInfo, MapInfo, PinStore } from '../../shared/engine.js';
import { BpfError, isBpfError } from '../../shared/errors.js';
import {
  DEFAULT_FULL_SCAN_MS,
  DEFAULT_REFRESH_MS,
  type MapViewConfig,
  type MapViewEvent,
  type MapViewOpened,
  type MapViewTarget,
} from '../../shared/mapview.js';

import { MapViewSession } from './session.js';

/** Map types whose entries cannot be listed, and why. */
const NOT_LISTABLE: Record<string, string> = {
  ringbuf:
    'A ring buffer has no keys: records are consumed by a reader (mmap or BPF_MAP_TYPE_RINGBUF polling), not listed.',
  user_ringbuf: 'A user ring buffer has no keys: user space produces records into it, nothing can be listed.',
  perf_event_array: 'A perf event array holds perf event fds per CPU; its records go to perf buffers, not to the map.',
  queue: 'A queue has no keys: only its head can be read (peek), with Lookup and a null key.',
  stack: 'A stack has no keys: only its top can be read (peek), with Lookup and a null key.',
  bloom_filter: 'A bloom filter stores no entries, only membership bits: check a value with Lookup.',
  struct_ops: 'A struct_ops map holds one kernel struct; its entries are not listable from user space.',
};

/** A read-only handle on the target; an id that is gone or may not be opened is said in the map-in-map's terms. */
async function openTarget(engine: PinStore, target: MapViewTarget): Promise<HandleInfo> {
  if ('path' in target) return engine.get(target.path, 'ro', { internal: true });
  try {
    return await engine.getById('map', target.id, 'ro', { internal: true });
  } catch (e) {
    if (!isBpfError(e)) throw e;
    if (e.code === 'ENOENT')
      throw new BpfError('ENOENT', `Map id ${target.id} no longer exists (ENOENT).`, {
        hint: 'The slot that named it was changed or the map was freed since it was read; go back and look again.',
      });
    if (e.code === 'EPERM' || e.code === 'EACCES')
      throw new BpfError(e.code, `Map id ${target.id} may not be opened by id (${e.code}).`, {
        hint: 'Opening a map by id (BPF_MAP_GET_FD_BY_ID) needs CAP_SYS_ADMIN: authenticate, or open a pin of it.',
      });
    throw e;
  }
}

/** Views with no request for this long are closed. */
export const IDLE_MS = 10 * 60_000;

export class MapViewManager {
  private nextView = 1;
  private readonly sessions = new Map<number, MapViewSession>();
  private readonly listeners = new Set<(ev: MapViewEvent) => void>();
  private sweeper: ReturnType<typeof setInterval> | undefined;

  // Views read through internal handles: users cannot see or close them, so no handle events to follow.
  /** `borrowWindows`: every caller serializes a window before it awaits anything (see HostOptions). */
  constructor(
    private readonly engine: PinStore,
    private readonly opts: { borrowWindows?: boolean } = {},
  ) {}

  subscribe(listener: (ev: MapViewEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(ev: MapViewEvent): void {
    for (const l of this.listeners) l(ev);
  }

  async open(target: MapViewTarget, refreshMs = DEFAULT_REFRESH_MS): Promise<MapViewOpened> {
    const opened = await openTarget(this.engine, target);
    const path = 'path' in target ? target.path : undefined;
    let info: MapInfo;
    try {
      const any = await this.engine.objectInfo(opened.handle);
      if (any.kind !== 'map') {
        throw new BpfError('EINVAL', `"${path ?? ''}" is a pinned ${any.kind}, not a map (EINVAL).`, {
          ...(path === undefined ? {} : { path }),
          hint: 'Only maps have entries to view; pick a map in the tree.',
        });
      }
      const why = NOT_LISTABLE[any.type];
      if (why)
        throw new BpfError('ENOTSUPP', `${why} (ENOTSUPP)`, {
          ...(path === undefined ? {} : { path }),
          hint: 'The details pane shows its info.',
        });
      info = any;
    } catch (e) {
      await this.engine.close(opened.handle).catch(() => undefined);
      throw e;
    }
    let btf: Uint8Array | undefined;
    if (info.btfId !== 0) btf = await this.engine.btfData(info.btfId).catch(() => undefined);
    const view = this.nextView++;
    const config: MapViewConfig = {
      refreshMs,
      fullScanMs: DEFAULT_FULL_SCAN_MS,
      paused: false,
      sort: null,
      filter: [],
      track: [],
    };
    const session = new MapViewSession(view, opened.handle, info, this.engine, config, (ev) => this.emit(ev));
    session.borrowWindows = this.opts.borrowWindows === true;
    this.sessions.set(view, session);
    this.startSweeper();
    void session.start();
    return { view, info, ...(btf ? { btf } : {}), possibleCpus: info.possibleCpus, config: { ...config } };
  }

  /** The open view; EBADF when it is unknown or closed. */
  get(view: number): MapViewSession {
    const s = this.sessions.get(view);
    if (!s) {
      throw new BpfError('EBADF', `Map view ${view} is not open (EBADF).`, {
        hint: 'It was closed (by you, on disconnect, or after sitting idle); open the map again.',
      });
    }
    s.lastAccess = performance.now();
    return s;
  }

  close(view: number): void {
    this.get(view);
    this.drop(view, 'Closed.', true);
  }

  /** Closes these views (a renderer went away); unknown ids are ignored. */
  closeMany(views: Iterable<number>): void {
    for (const v of views) if (this.sessions.has(v)) this.drop(v, 'The renderer disconnected.', true);
  }

  /** Views of the map with this id refresh soon (after an element edit). */
  nudgeMap(mapId: number): void {
    for (const s of this.sessions.values()) if (s.info.id === mapId) s.nudge(true);
  }

  private drop(view: number, reason: string, closeHandle: boolean): void {
    const s = this.sessions.get(view);
    if (!s) return;
    this.sessions.delete(view);
    s.dispose();
    if (closeHandle) void this.engine.close(s.handle).catch(() => undefined);
    this.emit({ type: 'map-view-closed', view, reason });
    if (this.sessions.size === 0 && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    }
  }

  private startSweeper(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => {
      const now = performance.now();
      for (const s of [...this.sessions.values()])
        if (now - s.lastAccess > IDLE_MS) this.drop(s.view, 'It sat idle.', true);
    }, 60_000);
    this.sweeper.unref?.();
  }

  views(): number[] {
    return [...this.sessions.keys()];
  }

  dispose(): void {
    for (const v of [...this.sessions.keys()]) this.drop(v, 'bpfscope is shutting down.', true);
  }
}
