// The user actions, shared by the toolbar and the tree's context menu: label, when it applies, what it opens.

import { parentOf } from '../../shared/bpf/paths.js';
import type { DirEntry, HandleInfo } from '../../shared/engine.js';

import { pickObjectFile } from '../dnd/object-file.js';
import type { AppState, DialogKind } from '../store/types.js';

export interface ActionContext {
  /** The node the action applies to; null means the mount root. */
  entry: DirEntry | null;
  handles: HandleInfo[];
}

export interface ActionDef {
  label: string;
  /** Changes the host: refused on a snapshot. */
  writes?: true;
  enabled(ctx: ActionContext): boolean;
  run(state: AppState, ctx: ActionContext): void;
}

/** The folder new things go into: the selected folder, or the folder of the selected node. */
export function folderOf(entry: DirEntry | null): string {
  if (!entry) return '';
  return entry.kind === 'dir' ? entry.path : parentOf(entry.path);
}

const isObject = (e: DirEntry | null): boolean =>
  e !== null && (e.kind === 'map' || e.kind === 'prog' || e.kind === 'link');

const opens =
  (kind: DialogKind, target: (ctx: ActionContext) => string) =>
  (state: AppState, ctx: ActionContext): void =>
    state.openDialog(kind, target(ctx));

const always = (): boolean => true;
const inFolder = (ctx: ActionContext): string => folderOf(ctx.entry);
const onEntry = (ctx: ActionContext): string => ctx.entry?.path ?? '';

export const ACTIONS: readonly ActionDef[] = [
  { label: 'New folder', writes: true, enabled: always, run: opens('new-folder', inFolder) },
  { label: 'New map', writes: true, enabled: always, run: opens('new-map', inFolder) },
  { label: 'Load program', writes: true, enabled: always, run: opens('load-program', inFolder) },
  // ELF object files: a file picker, then loadObject into the folder
  {
    label: 'Load object file…',
    writes: true,
    enabled: always,
    run: (state, ctx) => pickObjectFile(state, inFolder(ctx)),
  },
  { label: 'Pin handle here', writes: true, enabled: (c) => c.handles.length > 0, run: opens('pin-handle', inFolder) },
  {
    label: 'Get',
    enabled: always,
    run: opens('get', (c) => (isObject(c.entry) || c.entry?.kind === 'symlink' ? onEntry(c) : inFolder(c))),
  },
  { label: 'Rename', writes: true, enabled: (c) => c.entry !== null, run: opens('rename', onEntry) },
  { label: 'Permissions…', writes: true, enabled: (c) => c.entry !== null, run: opens('permissions', onEntry) },
  { label: 'Add second pin', writes: true, enabled: (c) => isObject(c.entry), run: opens('add-pin', onEntry) },
  {
    label: 'Unlink',
    writes: true,
    enabled: (c) => c.entry !== null && c.entry.kind !== 'dir',
    run: opens('unlink', onEntry),
  },
  {
    label: 'Remove folder',
    writes: true,
    enabled: (c) => c.entry?.kind === 'dir',
    run: opens('remove-folder', onEntry),
  },
  { label: 'Close handle', enabled: (c) => c.handles.length > 0, run: opens('close-handle', onEntry) },
  { label: 'Refresh', enabled: always, run: (state) => void state.refreshAll() },
];

/** The cached DirEntry at `path`, if its folder is loaded. */
export function entryAt(children: Record<string, DirEntry[]>, path: string | null): DirEntry | null {
  if (path === null || path === '') return null;
  return children[parentOf(path)]?.find((e) => e.path === path) ?? null;
}

/** Whether an action's button is enabled, and the tooltip saying why not when the host is a snapshot. */
export function actionState(
  a: ActionDef,
  ctx: ActionContext,
  snapshot: string | undefined,
): { disabled: boolean; title?: string } {
  if (a.writes && snapshot !== undefined)
    return { disabled: true, title: `${snapshot} is a snapshot: it cannot be changed.` };
  return { disabled: !a.enabled(ctx) };
}
