// The shape of the one app store, composed of slices; each slice file implements one part.

import type { StoreApi } from 'zustand/vanilla';

import type { InspectResult } from '../../shared/contract.js';
import type { DirEntry, EngineDescription, HandleInfo } from '../../shared/engine.js';
import type { WireError } from '../../shared/errors.js';

export interface TreeSlice {
  /** Directories whose children are shown; the root "" is always expanded. */
  expanded: Record<string, true>;
  /** Children by directory path, sorted (folders first, then by name). */
  children: Record<string, DirEntry[]>;
  loading: Record<string, true>;
  loadDir(dir: string): Promise<void>;
  expand(dir: string): Promise<void>;
  collapse(dir: string): void;
  toggle(dir: string): Promise<void>;
  /** Reloads the named directories that are cached; drops those that are gone. */
  refreshDirs(dirs: string[]): Promise<void>;
}

export interface SelectionSlice {
  selected: string | null;
  details: InspectResult | null;
  /** Why the details of the selected node could not be read (e.g. it was just unlinked). */
  detailsError: string | null;
  select(path: string | null): Promise<void>;
  refreshDetails(opts?: { quiet?: boolean }): Promise<void>;
}

export interface HandlesSlice {
  handles: HandleInfo[];
  refreshHandles(): Promise<void>;
}

export interface Notice {
  id: number;
  level: 'error' | 'info';
  /** errno name, e.g. "EEXIST"; absent for non-errno notices. */
  code?: string;
  message: string;
  hint?: string | undefined;
  path?: string | undefined;
}

export interface NoticesSlice {
  notices: Notice[];
  /** Turns any thrown value into a readable notice; `context` says what was being done. */
  notifyError(err: unknown, context?: string): void;
  notifyInfo(message: string): void;
  dismissNotice(id: number): void;
}

export type DialogKind =
  | 'new-folder'
  | 'new-map'
  | 'load-program'
  | 'pin-handle'
  | 'get'
  | 'rename'
  | 'add-pin'
  | 'unlink'
  | 'remove-folder'
  | 'close-handle'
  | 'authenticate'
  | 'permissions';

export interface OpenDialog {
  kind: DialogKind;
  /** The node the action applies to ("" = root). */
  target: string;
  /** Preselected handle, for pin-handle / close-handle. */
  handle?: number;
}

export interface DialogsSlice {
  dialog: OpenDialog | null;
  openDialog(kind: DialogKind, target: string, handle?: number): void;
  closeDialog(): void;
}

export interface LoadFailure {
  fileName: string;
  folder: string;
  error: WireError;
}

export interface LoadFailureSlice {
  /** The last ELF object that failed to load, until its error dialog is closed. */
  loadFailure: LoadFailure | null;
  showLoadFailure(failure: LoadFailure): void;
  closeLoadFailure(): void;
}

export interface CoreSlice {
  engine: EngineDescription | null;
  /** Loads the engine description, the root, the handles and held unlinks, and starts listening to events. */
  init(): Promise<void>;
  /** Reloads every cached directory, the handles and the details. */
  refreshAll(): Promise<void>;
  dispose(): void;
}

// How each map's columns are shown, remembered per map name.
import type { ColumnPrefsSlice } from './column-prefs-slice.js';
// User intents on the mount and on handles.
import type { CommandsSlice } from './commands-slice.js';
// The connection to the engine's host (an agent that may exit), and Reconnect.
import type { ConnectionSlice } from './connection-slice.js';
// "Authenticate…": starting the agent as root.
import type { ElevationSlice } from './elevation-slice.js';
// Element edits of the map in the entries view.
import type { EntryEditsSlice } from './entry-edits-slice.js';
// The Pin health view.
import type { HealthSlice } from './health-slice.js';
// The window's layout: pane widths, collapsed panes, the folded info header.
import type { LayoutSlice } from './layout-slice.js';
// The maps open as tabs, and the quick jump.
import type { MapTabsSlice } from './map-tabs-slice.js';
// Every bpffs mount, and which one the tree shows.
import type { MountsSlice } from './mounts-slice.js';
// The Objects pane's list, and drag/paste/undo state.
import type { ObjectsSlice } from './objects-slice.js';
// Owner, group and mode.
import type { PermissionsSlice } from './permissions-slice.js';
import type { PinWorkflowSlice } from './pin-workflow-slice.js';
// The run statistics toggle.
import type { ProgStatsSlice } from './prog-stats-slice.js';
// Unlink with Undo.
import type { UndoSlice } from './undo-slice.js';
// The selected map's view session and its rows.
import type { ViewsSlice } from './views-slice.js';

export type AppState = CoreSlice &
  ConnectionSlice &
  TreeSlice &
  CommandsSlice &
  SelectionSlice &
  HandlesSlice &
  NoticesSlice &
  DialogsSlice &
  LoadFailureSlice &
  ElevationSlice &
  ObjectsSlice &
  PinWorkflowSlice &
  UndoSlice &
  ProgStatsSlice &
  PermissionsSlice &
  HealthSlice &
  MountsSlice &
  ViewsSlice &
  EntryEditsSlice &
  ColumnPrefsSlice &
  LayoutSlice &
  MapTabsSlice;
export type AppStore = StoreApi<AppState>;
export type SetState = StoreApi<AppState>['setState'];
export type GetState = StoreApi<AppState>['getState'];
