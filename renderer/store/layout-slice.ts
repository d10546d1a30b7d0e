// The window's layout: the widths of the tree and side panes, which of them are collapsed, and whether the open
// map's info header is folded; remembered in localStorage so a reload (or the next start) looks the same.
import type { GetState, SetState } from './types.js';

export type PaneId = 'tree' | 'side';

export interface PaneSize {
  width: number;
  collapsed: boolean;
}

export interface LayoutState {
  panes: Record<PaneId, PaneSize>;
  /** The open map's info header shows only its summary line. */
  infoFolded: boolean;
}

export interface LayoutSlice {
  layout: LayoutState;
  /** Sets a pane's width (clamped to PANE_LIMITS) and shows it. */
  resizePane(pane: PaneId, width: number): void;
  togglePane(pane: PaneId): void;
  toggleInfoFolded(): void;
}

export const PANE_LIMITS: Record<PaneId, { min: number; max: number }> = {
  tree: { min: 160, max: 720 },
  side: { min: 200, max: 720 },
};
export const DEFAULT_LAYOUT: LayoutState = {
  panes: { tree: { width: 260, collapsed: false }, side: { width: 280, collapsed: false } },
  infoFolded: false,
};
const KEY = 'bpfscope.layout';

const storage = (): Storage | undefined => {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage disabled: the layout lasts for this session only
  }
};

export const clampWidth = (pane: PaneId, px: number): number =>
  Math.round(Math.min(PANE_LIMITS[pane].max, Math.max(PANE_LIMITS[pane].min, px)));

function paneFrom(raw: unknown, pane: PaneId): PaneSize {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Record<keyof PaneSize, unknown>>;
  const width = typeof r.width === 'number' && Number.isFinite(r.width) ? r.width : DEFAULT_LAYOUT.panes[pane].width;
  return { width: clampWidth(pane, width), collapsed: r.collapsed === true };
}

/** What was saved, keeping only well-formed values: a damaged entry gives the defaults, never a broken window. */
export function loadLayout(): LayoutState {
  try {
    const raw = JSON.parse(storage()?.getItem(KEY) ?? 'null') as Record<string, unknown> | null;
    if (!raw || typeof raw !== 'object') return DEFAULT_LAYOUT;
    const panes = (raw.panes ?? {}) as Record<string, unknown>;
    return {
      panes: { tree: paneFrom(panes.tree, 'tree'), side: paneFrom(panes.side, 'side') },
      infoFolded: raw.infoFolded === true,
    };
  } catch {
    return DEFAULT_LAYOUT;
  }
}

export function createLayoutSlice(set: SetState, get: GetState): LayoutSlice {
  const save = (layout: LayoutState): void => {
    set({ layout });
    try {
      storage()?.setItem(KEY, JSON.stringify(layout));
    } catch {
      // full or disabled storage: the layout still applies for this session
    }
  };
  const setPane = (pane: PaneId, next: PaneSize): void => {
    const { layout } = get();
    save({ ...layout, panes: { ...layout.panes, [pane]: next } });
  };
  return {
    layout: loadLayout(),
    resizePane: (pane, width) => setPane(pane, { width: clampWidth(pane, width), collapsed: false }),
    togglePane: (pane) => {
      const cur = get().layout.panes[pane];
      setPane(pane, { ...cur, collapsed: !cur.collapsed });
    },
    toggleInfoFolded: () => save({ ...get().layout, infoFolded: !get().layout.infoFolded }),
  };
}
