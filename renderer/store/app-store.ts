// The one app store: slices composed into a zustand vanilla store, wired to the API's events.
import { createStore } from 'zustand/vanilla';

import { parentOf } from '../../shared/bpf/paths.js';
import type { ApiClient, AppEvent } from '../../shared/contract.js';

import { createColumnPrefsSlice } from './column-prefs-slice.js';
import { createCommandsSlice } from './commands-slice.js';
import { createConnectionSlice, reloadAfterReconnect } from './connection-slice.js';
import { createDialogsSlice } from './dialogs-slice.js';
import { createElevationSlice } from './elevation-slice.js';
import { createEntryEditsSlice } from './entry-edits-slice.js';
import { createHandlesSlice } from './handles-slice.js';
import { createHealthSlice } from './health-slice.js';
import { createLayoutSlice } from './layout-slice.js';
import { createLoadFailureSlice } from './load-failure-slice.js';
import { createMapTabsSlice } from './map-tabs-slice.js';
import { createMountsSlice } from './mounts-slice.js';
import { createNoticesSlice } from './notices-slice.js';
import { createObjectsSlice } from './objects-slice.js';
import { createPermissionsSlice } from './permissions-slice.js';
import { createPinWorkflowSlice } from './pin-workflow-slice.js';
import { createProgStatsSlice } from './prog-stats-slice.js';
import { createSelectionSlice } from './selection-slice.js';
import { createTreeSlice } from './tree-slice.js';
import type { AppState, AppStore, GetState } from './types.js';
import { createUndoSlice } from './undo-slice.js';
import { createViewsSlice } from './views-slice.js';

export interface AppStoreOptions {
  /** Kept in the factory's closure for the actions: state never carries it, so components cannot reach it. */
  api: ApiClient;
  /** Details polling period while a map is selected; 0 turns polling off. */
  pollMs?: number;
}

function handleEvent(get: GetState, ev: AppEvent): void {
  const s = get();
  switch (ev.type) {
    case 'tree-changed': {
      void s.refreshDirs(ev.dirs);
      if (s.selected !== null && ev.dirs.includes(parentOf(s.selected))) void s.refreshDetails({ quiet: true });
      break;
    }
    case 'handles-changed':
    case 'handle-closed':
      // The details take their handle list from this live list, so only the handles are re-read.
      void s.refreshHandles();
      break;
    case 'connection-changed':
      s.connectionChanged(ev.status);
      break;
    case 'object-freed':
      if (s.details?.info && s.details.info.kind === ev.kind && s.details.info.id === ev.id) {
        void s.refreshDetails({ quiet: true });
      }
      break;
    case 'map-view-updated':
    case 'map-view-closed':
    case 'map-view-failed':
      // The views slice subscribes to these itself.
      break;
  }
}

export function createAppStore({ api, pollMs = 3000 }: AppStoreOptions): AppStore {
  let unsubscribe: (() => void) | undefined;
  let unsubscribeReconnect: (() => void) | undefined;
  let stopPolling: () => void = () => {};

  const store = createStore<AppState>()((set, get) => {
    const selection = createSelectionSlice(api, set, get, pollMs);
    stopPolling = selection.stopPolling;
    const { stopPolling: _internal, ...selectionSlice } = selection;
    return {
      engine: null,
      ...createNoticesSlice(set),
      ...createConnectionSlice(api, set, get),
      ...createDialogsSlice(set),
      ...createLoadFailureSlice(set),
      ...createElevationSlice(api, set, get),
      ...createHandlesSlice(api, set, get),
      ...createTreeSlice(api, set, get),
      // User intents: one action each
      ...createCommandsSlice(api, get),
      ...selectionSlice,
      // Pin workflows
      ...createObjectsSlice(api, set, get),
      ...createPinWorkflowSlice(api, set, get),
      ...createUndoSlice(api, set, get),
      ...createPermissionsSlice(api, set, get),
      ...createHealthSlice(api, set, get),
      ...createMountsSlice(api, set, get),
      // Program details
      ...createProgStatsSlice(api, set, get),
      // Live entries view
      ...createViewsSlice(api, set, get),
      ...createEntryEditsSlice(api, get),
      ...createColumnPrefsSlice(set, get),
      // The window's layout and the maps open as tabs
      ...createLayoutSlice(set, get),
      ...createMapTabsSlice(set, get),
      init: async () => {
        unsubscribe ??= api.onEvent((ev) => handleEvent(get, ev));
        unsubscribeReconnect ??= api.onReconnect?.(() => void reloadAfterReconnect(api, get, set));
        await get().loadConnection();
        void get().loadElevation();
        void get().loadAccounts();
        try {
          set({ engine: await api.describe({}) });
        } catch (err) {
          get().notifyError(err, 'Connecting to the engine');
        }
        await Promise.all([get().loadDir(''), get().refreshHandles(), get().loadHeldUnlinks(), get().loadMounts()]);
      },
      refreshAll: async () => {
        await Promise.all([
          get().refreshDirs(Object.keys(get().children)),
          get().refreshHandles(),
          get().refreshDetails(),
        ]);
      },
      dispose: () => {
        unsubscribe?.();
        unsubscribe = undefined;
        unsubscribeReconnect?.();
        unsubscribeReconnect = undefined;
        stopPolling();
      },
    };
  });
  // A map whose details arrive for the selection gets its tab in the centre.
  store.subscribe((s, prev) => {
    if (s.details !== prev.details && s.details?.entry.kind === 'map' && s.details.entry.path === s.selected)
      s.openMapTab(s.selected);
  });
  return store;
}
