// The map view operations of the handler table, and the hook that refreshes views soon after an element edit.

import { checkPath } from '../../shared/bpf/paths.js';
import type { BpfscopeApi } from '../../shared/contract.js';
import type { PinStore } from '../../shared/engine.js';
import type { MapViewConfig } from '../../shared/mapview.js';

import { exportRows } from './export.js';
import type { MapViewManager } from './manager.js';

type ViewOps = Pick<
  BpfscopeApi,
  'mapViewOpen' | 'mapViewWindow' | 'mapViewConfigure' | 'mapViewSeries' | 'mapViewExport' | 'mapViewClose'
>;

export function mapViewHandlers(views: MapViewManager): ViewOps {
  return {
    mapViewOpen: async (req) =>
      views.open('path' in req ? { path: checkPath(req.path) } : { id: req.id }, req.refreshMs),
    mapViewWindow: async ({ view, offset, count }) => views.get(view).visibleWindow(offset, count),
    mapViewConfigure: async ({ view, markSeen, rescan, ...patch }) => {
      const session = views.get(view);
      await session.configure(patch as Partial<MapViewConfig>);
      if (markSeen) await session.markSeen();
      if (rescan) await session.rescan();
      return null;
    },
    mapViewSeries: async ({ view }) => ({ series: views.get(view).seriesPoints() }),
    mapViewExport: async ({ view, format, offset, count }) => {
      const session = views.get(view);
      await session.idle();
      return exportRows(session.window(offset ?? 0, count ?? Number.MAX_SAFE_INTEGER, 1_000_000), format);
    },
    mapViewClose: async ({ view }) => {
      views.close(view);
      return null;
    },
  };
}

const EDIT_OPS = ['mapUpdate', 'mapDelete', 'mapLookupAndDelete'] as const;

/** Wraps the element edit handlers so that views of the edited map refresh right after the edit. */
export function refreshViewsAfterEdits<T extends Pick<BpfscopeApi, (typeof EDIT_OPS)[number]>>(
  engine: PinStore,
  views: MapViewManager,
  table: T,
): T {
  const out = { ...table };
  for (const op of EDIT_OPS) {
    const run = table[op] as (req: { handle: number }) => Promise<unknown>;
    (out as Record<string, unknown>)[op] = async (req: { handle: number }) => {
      try {
        return await run(req);
      } finally {
        const id = engine.handles().find((h) => h.handle === req.handle)?.id;
        if (id !== undefined) views.nudgeMap(id);
      }
    };
  }
  return out;
}
