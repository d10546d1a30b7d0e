// One live view of one map: reads snapshots (mapReadPacked), keeps the previous one, diffs them, orders rows
// by the view's filter and sort, records tracked series, and serves windows of rows. A full read runs every
// fullScanMs (and on demand, after an edit, after a sort or filter change); the ticks between read only the rows
// last asked for (live.ts). All heavy work is sliced (see slicer.ts); reads and reorders run one at a time.
import { performance } from 'node:perf_hooks';

import { type MapTypeName, PERCPU_MAP_TYPES } from '../../shared/bpf/types.js';
import type { MapInfo, PinStore } from '../../shared/engine.js';
import { isBpfError } from '../../shared/errors.js';
import {
  MAX_WINDOW_ROWS,
  type MapViewConfig,
  type MapViewEvent,
  type MapViewLook,
  type MapViewWindow,
} from '../../shared/mapview.js';

import { diffRows, type RowDiff } from './diff.js';
import { changedIn, type LiveRows, MAX_LIVE_ROWS, readRows } from './live.js';
import { carryLook, type LookState, lookAt } from './look.js';
import type { PackedRows } from './numeric.js';
import { type FilterContext, type PerCpu, viewOrder } from './order.js';
import { SeriesSet } from './series.js';
import { Slicer } from './slicer.js';
import { windowRows } from './window-rows.js';

/** The least time between the end of one read and the start of the next. */
const MIN_GAP_MS = 50;

interface Published {
  rows: PackedRows;
  prevRows: PackedRows | null;
  diff: RowDiff | null;
  order: Uint32Array | null;
  complete: boolean;
  generation: number;
  intervalMs: number;
  /** Wall-clock time of the last complete read (0 before it). */
  readAt: number;
  look: LookState | null;
  /** Rows read by key since the last full scan, and how many ticks ran since it (0: none). */
  live: LiveRows;
  tick: number;
  /** Wall-clock time of the last full read (0 before it). */
  scanAt: number;
  /** performance.now(), the engine's CLOCK_MONOTONIC (ns) and Date.now() when the snapshot was read. */
  nowMs: number;
  monoNowNs: number;
  wallNowMs: number;
}

function lookSummary(look: LookState | null, keySize: number, valueSize: number): MapViewLook {
  const gone = look ? [...look.gone.values()].reverse() : [];
  const goneKeys = new Uint8Array(gone.length * keySize);
  const goneValues = new Uint8Array(gone.length * valueSize);
  const goneAtMs = new Float64Array(gone.length);
  gone.forEach((g, i) => {
    goneKeys.set(g.key, i * keySize);
    goneValues.set(g.value, i * valueSize);
    goneAtMs[i] = g.atMs;
  });
  return {
    atMs: look?.atMs ?? Date.now(),
    changed: look?.changed ?? 0,
    added: look?.added ?? 0,
    gone: look?.goneTotal ?? 0,
    goneCount: gone.length,
    goneKeys,
    goneValues,
    goneAtMs,
  };
}

const NO_LIVE: LiveRows = new Map();

const EMPTY: PackedRows = { count: 0, keySize: 0, valueSize: 0, keys: new Uint8Array(0), values: new Uint8Array(0) };

export class MapViewSession {
  private state: Published;
  private readonly series = new SeriesSet();
  private queue: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refreshStartedAt = 0;
  private refreshing = false;
  private disposed = false;
  private lastSnapshotAt = 0;
  /** performance.now() of the last full read, and of the last read of any kind. */
  private lastScanAt = 0;
  private lastReadAt = 0;
  /** A full read is due at the next refresh regardless of the cadence. */
  private scanWanted = false;
  /** The rows the renderer last asked for: what a tick reads. */
  private visible = { offset: 0, count: 0 };
  private readonly aborter = new AbortController();
  readonly perCpu: PerCpu | null;
  lastAccess = performance.now();
  /** Visible windows may borrow the view's rows (see windowRows): every reply is serialized at once. */
  borrowWindows = false;

  constructor(
    readonly view: number,
    readonly handle: number,
    readonly info: MapInfo,
    private readonly engine: PinStore,
    readonly config: MapViewConfig,
    private readonly emit: (ev: MapViewEvent) => void,
  ) {
    const percpu = PERCPU_MAP_TYPES.has(info.type as MapTypeName);
    this.perCpu = percpu ? { cpus: info.possibleCpus, slotSize: Math.ceil(info.valueSize / 8) * 8 } : null;
    this.state = {
      rows: EMPTY,
      prevRows: null,
      diff: null,
      order: null,
      complete: false,
      generation: 0,
      intervalMs: 0,
      readAt: 0,
      look: null,
      live: NO_LIVE,
      tick: 0,
      scanAt: 0,
      nowMs: 0,
      monoNowNs: 0,
      wallNowMs: 0,
    };
    this.series.configure(config.track);
  }

  private clocks(): { nowMs: number; monoNowNs: number; wallNowMs: number } {
    return {
      nowMs: performance.now(),
      monoNowNs: Number(this.engine.monotonicNs?.() ?? process.hrtime.bigint()),
      wallNowMs: Date.now(),
    };
  }

  private filterContext(s: Published): FilterContext {
    return { look: s.look, nowMs: s.nowMs, monoNowNs: s.monoNowNs };
  }

  /** Runs tasks one after another; a failed task does not stop the next. */
  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  start(): Promise<void> {
    return this.refreshNow();
  }

  refreshNow(): Promise<void> {
    this.clearTimer();
    this.refreshStartedAt = performance.now();
    return this.enqueue(() => (this.fullScanDue() ? this.refresh() : this.tick()))
      .catch((e: unknown) => this.fail(e))
      .finally(() => this.schedule());
  }

  /** Whether the next refresh reads the whole map: first read, asked for, cadence, or a series summing every row. */
  private fullScanDue(): boolean {
    return (
      !this.state.complete ||
      this.scanWanted ||
      this.config.track.some((t) => t.mode === 'sum') ||
      performance.now() - this.lastScanAt >= this.config.fullScanMs
    );
  }

  /** Reads only the rows last asked for, by key, and the entries whose series are charted. */
  private async tick(): Promise<void> {
    if (this.disposed) return;
    this.refreshing = true;
    try {
      const s = this.state;
      const total = s.order ? s.order.length : s.rows.count;
      const start = Math.min(this.visible.offset, total);
      const end = Math.min(total, start + Math.min(this.visible.count, MAX_LIVE_ROWS));
      const which: number[] = [];
      for (let i = start; i < end; i++) which.push(s.order ? (s.order[i] as number) : i);
      const tick = s.tick + 1;
      const live = await readRows(this.engine, this.handle, s.rows, which, s.live, tick);
      await this.series.recordEntries(
        (key) => this.engine.mapLookup(this.handle, key),
        s.rows,
        Date.now(),
        this.perCpu,
      );
      if (this.disposed) return;
      const clocks = this.clocks();
      this.state = {
        ...this.state,
        live,
        tick,
        generation: this.state.generation + 1,
        intervalMs: clocks.nowMs - this.lastReadAt,
        readAt: Date.now(),
        ...clocks,
      };
      this.lastReadAt = clocks.nowMs;
      this.announce(which.filter((r) => changedIn(live, r, tick)).length);
    } finally {
      this.refreshing = false;
    }
  }

  private async refresh(): Promise<void> {
    if (this.disposed) return;
    this.refreshing = true;
    this.scanWanted = false;
    this.lastScanAt = performance.now();
    const slicer = new Slicer(undefined, this.aborter.signal);
    const first = !this.state.complete;
    let announced = false;
    try {
      const rows = await this.engine.mapReadPacked(this.handle, {
        signal: this.aborter.signal,
        // While the first read runs, its rows so far are served (complete: false).
        onChunk: first
          ? (chunk) => {
              this.state = { ...this.state, rows: chunk, complete: false, ...this.clocks() };
              if (!announced && chunk.count > 0) {
                announced = true;
                this.announce(0);
              }
            }
          : undefined,
      });
      const clocks = this.clocks();
      const now = clocks.nowMs;
      const prev = this.state.complete ? this.state.rows : null;
      const diff = await diffRows(prev, rows, slicer);
      const look =
        prev && this.state.look
          ? await carryLook(this.state.look, prev, rows, diff, now, slicer)
          : lookAt(rows, this.state.look ?? undefined);
      const order = await viewOrder(rows, this.config.filter, this.config.sort, this.perCpu, slicer, {
        look,
        nowMs: now,
        monoNowNs: clocks.monoNowNs,
      });
      await this.series.record(rows, Date.now(), this.perCpu, slicer);
      if (this.disposed) return;
      this.state = {
        rows,
        prevRows: prev,
        diff,
        order,
        complete: true,
        generation: this.state.generation + 1,
        intervalMs: this.lastSnapshotAt ? now - this.lastSnapshotAt : 0,
        readAt: clocks.wallNowMs,
        look,
        live: NO_LIVE,
        tick: 0,
        scanAt: clocks.wallNowMs,
        ...clocks,
      };
      this.lastSnapshotAt = now;
      this.lastReadAt = now;
      this.announce(diff.changedCount);
    } finally {
      this.refreshing = false;
    }
  }

  private announce(changedCount: number): void {
    if (this.disposed) return;
    const s = this.state;
    this.emit({
      type: 'map-view-updated',
      view: this.view,
      generation: s.generation,
      total: s.order ? s.order.length : s.rows.count,
      entries: s.rows.count,
      changedCount,
      complete: s.complete,
      readAt: s.readAt,
      scanAt: s.scanAt,
    });
  }

  /** A failed read leaves the last good rows in place; the renderer marks them stale. */
  private fail(e: unknown): void {
    if (this.disposed) return;
    const { code, message } = isBpfError(e) ? e : { code: 'EIO', message: String(e) };
    this.emit({ type: 'map-view-failed', view: this.view, code, message, staleSince: this.state.readAt });
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    this.clearTimer();
    if (this.disposed || this.config.paused) return;
    // Fixed rate: "every second" means reads start a second apart, not a second after the last one ended.
    // A read slower than the interval is followed by the next after a short breather, never overlapping.
    const elapsed = performance.now() - this.refreshStartedAt;
    this.timer = setTimeout(() => void this.refreshNow(), Math.max(MIN_GAP_MS, this.config.refreshMs - elapsed));
    this.timer.unref?.();
  }

  /** After an edit: refresh soon instead of at the next tick (unless paused or already reading); `full` re-reads
   * the whole map (an insert is only seen by a full read). */
  nudge(full = false): void {
    if (full) this.scanWanted = true;
    if (this.disposed || this.config.paused || this.refreshing) return;
    this.clearTimer();
    this.timer = setTimeout(() => void this.refreshNow(), 20);
    this.timer.unref?.();
  }

  /** "Rescan now": the whole map is read at once, even while paused. */
  rescan(): Promise<void> {
    this.scanWanted = true;
    return this.refreshNow();
  }

  /** The user has looked: changes are counted from the current snapshot on. */
  markSeen(): Promise<void> {
    return this.enqueue(async () => {
      if (!this.state.complete) return;
      const look = lookAt(this.state.rows, this.state.look ?? undefined);
      const byChange = this.config.filter.some((f) => f.kind === 'changed');
      const order = byChange
        ? await viewOrder(
            this.state.rows,
            this.config.filter,
            this.config.sort,
            this.perCpu,
            new Slicer(undefined, this.aborter.signal),
            this.filterContext({ ...this.state, look }),
          )
        : this.state.order;
      this.state = { ...this.state, look, order, generation: this.state.generation + 1 };
      this.announce(this.state.diff?.changedCount ?? 0);
    });
  }

  async configure(patch: Partial<MapViewConfig>): Promise<void> {
    const reorder = ('sort' in patch && patch.sort !== undefined) || patch.filter !== undefined;
    Object.assign(this.config, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
    if (patch.track) this.series.configure(patch.track);
    if (patch.paused !== undefined || patch.refreshMs !== undefined) {
      if (!this.refreshing) this.schedule();
    }
    if (reorder) {
      // The new order is computed over the last full read at once, then over a fresh one read right after.
      this.nudge(true);
      await this.enqueue(async () => {
        if (!this.state.complete) return; // the first read's end applies the new order
        const order = await viewOrder(
          this.state.rows,
          this.config.filter,
          this.config.sort,
          this.perCpu,
          new Slicer(undefined, this.aborter.signal),
          this.filterContext(this.state),
        );
        this.state = { ...this.state, order, generation: this.state.generation + 1 };
        this.announce(this.state.diff?.changedCount ?? 0);
      });
    }
  }

  /** The rows the renderer shows: served, and remembered as what the next tick reads. */
  visibleWindow(offset: number, count: number): MapViewWindow {
    this.visible = { offset, count };
    return this.window(offset, count, MAX_WINDOW_ROWS, this.borrowWindows);
  }

  /** Rows of the view; `cap` bounds one answer (exports pass a larger one); `borrow`: see windowRows. */
  window(offset: number, count: number, cap = MAX_WINDOW_ROWS, borrow = false): MapViewWindow {
    const s = this.state;
    const { rows, order, diff, prevRows, look, live, tick } = s;
    const total = order ? order.length : rows.count;
    const start = Math.min(offset, total);
    const n = Math.max(0, Math.min(count, cap, total - start));
    const { keySize, valueSize } = rows;
    const { keys, values, prevValues, changed, rated, baseValues, sinceLook, vanished } = windowRows(
      { rows, order, diff, prevRows, look: look && s.complete ? look : null, live, tick },
      start,
      n,
      borrow,
    );
    return {
      generation: s.generation,
      total,
      entries: rows.count,
      complete: s.complete,
      offset: start,
      count: n,
      keySize,
      valueSize,
      keys,
      values,
      prevValues,
      changed,
      rated,
      intervalMs: s.intervalMs,
      monoNowNs: s.monoNowNs,
      wallNowMs: s.wallNowMs,
      baseValues,
      sinceLook,
      vanished,
      scanAt: s.scanAt,
      look: lookSummary(look && s.complete ? look : null, keySize, valueSize),
    };
  }

  seriesPoints() {
    return this.series.points();
  }

  /** Settles once the work queued so far is done (tests and export use it). */
  idle(): Promise<void> {
    return this.queue;
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.aborter.abort();
  }
}
