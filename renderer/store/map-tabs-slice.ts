// The maps open as tabs in the centre. Selecting a map opens its tab; the active tab is the selected map, so
// switching tabs selects that map in the tree, and closing the active tab selects its neighbour.
import { splitPath } from '../../shared/bpf/paths.js';

import type { GetState, SetState } from './types.js';

export interface MapTabsSlice {
  /** Paths of the open maps, in the order their tabs show. */
  mapTabs: string[];
  /** Opens a tab for the map at `path`, if none is open yet. */
  openMapTab(path: string): void;
  activateMapTab(path: string): Promise<void>;
  closeMapTab(path: string): Promise<void>;
  /** Opens the quick jump (Ctrl+P) over every pin's name. */
  quickJumpOpen: boolean;
  setQuickJumpOpen(open: boolean): void;
  /** The pin the tree should scroll to and focus (a fresh object per request). */
  revealed: { path: string } | null;
  /** Expands the folders above `path`, selects it, and asks the tree to bring it into view. */
  revealPin(path: string): Promise<void>;
}

export function createMapTabsSlice(set: SetState, get: GetState): MapTabsSlice {
  return {
    mapTabs: [],
    openMapTab: (path) => {
      if (!get().mapTabs.includes(path)) set({ mapTabs: [...get().mapTabs, path] });
    },
    activateMapTab: (path) => get().select(path),
    closeMapTab: async (path) => {
      const tabs = get().mapTabs;
      const i = tabs.indexOf(path);
      if (i < 0) return;
      const rest = tabs.filter((t) => t !== path);
      set({ mapTabs: rest });
      if (get().selected === path) await get().select(rest[Math.min(i, rest.length - 1)] ?? null);
    },
    quickJumpOpen: false,
    setQuickJumpOpen: (open) => set({ quickJumpOpen: open }),
    revealed: null,
    revealPin: async (path) => {
      const parts = splitPath(path);
      for (let i = 1; i < parts.length; i++) await get().expand(parts.slice(0, i).join('/'));
      await get().select(parts.join('/'));
      set({ revealed: { path: parts.join('/') } });
    },
  };
}
