// The live entries view of the selected map: one map view session in main, the window of rows the
// table shows, its config (refresh, pause, sort, filter, tracked series) and the chart's points. Main does the
// reading, diffing, sorting and filtering; this slice only asks for the rows on screen.
import type { ApiClient, AppEvent } from '../../shared/contract.js';
import { isBpfError } from '../../shared/errors.js';
import type {
  MapViewConfig,
  MapViewOpened,
  MapViewSeriesPoints,
  MapViewTarget,
  MapViewWindow,
} from '../../shared/mapview.js';

import type { GetState, SetState } from './types.js';

/** The last refresh failed: the rows shown were read at `since` (0: never). */
export interface StaleView {
  since: number;
  code: string;
  message: string;
}

/** The key a view's state goes by: a pin path, or `#map-id:N` for a map opened by id. */
export const viewKey = (t: MapViewTarget): string => ('path' in t ? t.path : `#map-id:${t.id}`);

export interface EntriesViewState {
  /** viewKey(target). */
  path: string;
  target: MapViewTarget;
  opened: MapViewOpened | null;
  /** Why the view could not be opened or was closed by main. */
  error: { code: string; message: string; hint?: string } | null;
  /** Set while main's refreshes fail; cleared by the next read that works. */
  stale: StaleView | null;
  win: MapViewWindow | null;
  total: number;
  entries: number;
  generation: number;
  complete: boolean;
  /** When the rows were last read, and when the whole map was (ms since the epoch; 0: not yet). */
  readAt: number;
  scanAt: number;
  config: MapViewConfig | null;
  series: MapViewSeriesPoints[];
}

export interface ViewsSlice {
  entriesView: EntriesViewState | null;
  /** Opens the view of a pinned map (a path) or of a live map by id (a map-in-map's inner map). */
  openEntriesView(target: string | MapViewTarget): Promise<void>;
  closeEntriesView(): void;
  /** Asks for rows [offset, offset + count); the latest request wins, one fetch runs at a time. */
  requestRows(offset: number, count: number): void;
  configureEntriesView(patch: Partial<MapViewConfig>): Promise<void>;
  /** The user has looked: highlights start over from what the map holds now. */
  markEntriesSeen(): Promise<void>;
  /** "Rescan now": main re-reads the whole map at once instead of at its next full scan. */
  rescanEntriesView(): Promise<void>;
}

const errorOf = (err: unknown) =>
  isBpfError(err)
    ? { code: err.code, message: err.message, ...(err.hint ? { hint: err.hint } : {}) }
    : { code: 'EIO', message: String(err) };

export function createViewsSlice(api: ApiClient, set: SetState, get: GetState): ViewsSlice {
  let token = 0;
  let want = { offset: 0, count: 0 };
  let fetching = false;
  let stale = false;
  let unlisten: (() => void) | undefined;

  const patch = (p: Partial<EntriesViewState>): void => {
    const v = get().entriesView;
    if (v) set({ entriesView: { ...v, ...p } });
  };

  const fetchRows = async (): Promise<void> => {
    if (fetching) {
      stale = true;
      return;
    }
    fetching = true;
    try {
      do {
        stale = false;
        const v = get().entriesView;
        if (!v?.opened) return;
        const my = token;
        try {
          const w = await api.mapViewWindow({ view: v.opened.view, ...want });
          if (my === token) patch({ win: w, total: w.total, entries: w.entries, complete: w.complete });
        } catch (err) {
          // The answer of a view closed meanwhile says nothing about the one open now.
          if (my === token && get().entriesView?.opened) patch({ error: errorOf(err) });
        }
        // Another view opened meanwhile asked while this one was on its way (stale): it is asked now.
      } while (stale);
    } finally {
      fetching = false;
    }
  };

  const fetchSeries = async (view: number): Promise<void> => {
    try {
      const { series } = await api.mapViewSeries({ view });
      if (get().entriesView?.opened?.view === view) patch({ series });
    } catch {
      // the view went away meanwhile; its close event says why
    }
  };

  const onEvent = (ev: AppEvent): void => {
    const v = get().entriesView;
    if (!v?.opened || !('view' in ev) || ev.view !== v.opened.view) return;
    switch (ev.type) {
      case 'map-view-closed':
        patch({
          opened: null,
          error: {
            code: 'EBADF',
            message: `The view was closed: ${ev.reason}`,
            hint: 'Select the map again to reopen it.',
          },
        });
        return;
      case 'map-view-failed':
        patch({ stale: { since: ev.staleSince, code: ev.code, message: ev.message } });
        return;
      case 'map-view-updated': {
        const fresh = v.stale !== null && ev.readAt > v.stale.since;
        patch({
          total: ev.total,
          entries: ev.entries,
          generation: ev.generation,
          complete: ev.complete,
          readAt: ev.readAt,
          scanAt: ev.scanAt,
          ...(fresh ? { stale: null } : {}),
        });
        void fetchRows();
        if ((v.config?.track.length ?? 0) > 0) void fetchSeries(v.opened.view);
        return;
      }
    }
  };

  return {
    entriesView: null,
    openEntriesView: async (to) => {
      const target = typeof to === 'string' ? { path: to } : to;
      get().closeEntriesView();
      const my = ++token;
      unlisten ??= api.onEvent(onEvent);
      set({
        entriesView: {
          path: viewKey(target),
          target,
          opened: null,
          error: null,
          stale: null,
          win: null,
          total: 0,
          entries: 0,
          generation: 0,
          complete: false,
          readAt: 0,
          scanAt: 0,
          config: null,
          series: [],
        },
      });
      try {
        const opened = await api.mapViewOpen(target);
        if (my !== token) {
          void api.mapViewClose({ view: opened.view }).catch(() => undefined);
          return;
        }
        patch({ opened, config: opened.config });
        await fetchRows();
      } catch (err) {
        if (my === token) patch({ error: errorOf(err) });
      }
    },
    closeEntriesView: () => {
      token++;
      const view = get().entriesView?.opened?.view;
      set({ entriesView: null });
      unlisten?.();
      unlisten = undefined;
      if (view !== undefined) void api.mapViewClose({ view }).catch(() => undefined);
    },
    requestRows: (offset, count) => {
      if (want.offset === offset && want.count === count && get().entriesView?.win) return;
      want = { offset, count };
      void fetchRows();
    },
    configureEntriesView: async (p) => {
      const v = get().entriesView;
      if (!v?.opened || !v.config) return;
      const view = v.opened.view;
      patch({ config: { ...v.config, ...p } });
      await api.mapViewConfigure({ view, ...p });
      if (p.track) await fetchSeries(view);
    },
    markEntriesSeen: async () => {
      const v = get().entriesView;
      if (!v?.opened) return;
      await api.mapViewConfigure({ view: v.opened.view, markSeen: true });
    },
    rescanEntriesView: async () => {
      const v = get().entriesView;
      if (!v?.opened) return;
      await api.mapViewConfigure({ view: v.opened.view, rescan: true });
    },
  };
}
