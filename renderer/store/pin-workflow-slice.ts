// Pin workflows: pin an object or handle into a folder, move or link tree nodes (drag and drop or
// cut/copy/paste), and conflicts on EEXIST. Unlink with Undo is in undo-slice.ts.
import { accessToPin } from '../../shared/bpf/access.js';
import { baseName, joinPath, parentOf } from '../../shared/bpf/paths.js';
import type { ApiClient } from '../../shared/contract.js';
import { isBpfError } from '../../shared/errors.js';

import type { PinSource } from '../dnd/pin-source.js';
import type { GetState, SetState } from './types.js';

export type PlaceMode = 'move' | 'link';

export type WorkflowDialog =
  | { kind: 'pin-here'; folder: string; source: PinSource }
  | { kind: 'pin-to'; source: PinSource }
  | { kind: 'conflict'; mode: PlaceMode; from: string; to: string; suggestion: string }
  | { kind: 'remove-tree'; path: string };

export interface PinWorkflowSlice {
  workflow: WorkflowDialog | null;
  clip: { mode: PlaceMode; path: string } | null;
  openWorkflow(d: WorkflowDialog): void;
  closeWorkflow(): void;
  setClip(clip: { mode: PlaceMode; path: string } | null): void;
  /** Pastes the clipboard node into `folder`: a cut moves it (once), a copy adds a second pin. */
  paste(folder: string): Promise<void>;
  /** Moves (rename noreplace) or links `from` into `folder`; on EEXIST opens the conflict dialog. */
  placeNode(from: string, folder: string, mode: PlaceMode): Promise<void>;
  /** The conflict's three answers. */
  resolveConflict(choice: 'replace' | 'keep-both' | 'cancel'): Promise<void>;
  /** Pins a source at `path`, opening the object by id first when bpfscope has no handle on it. Throws on refusal. */
  pinSource(source: PinSource, path: string): Promise<void>;
}

/** `name_2`, `name_3`, … : the first that is not among `taken`. */
export function freeName(name: string, taken: ReadonlySet<string>): string {
  for (let i = 2; ; i++) if (!taken.has(`${name}_${i}`)) return `${name}_${i}`;
}

export function createPinWorkflowSlice(api: ApiClient, set: SetState, get: GetState): PinWorkflowSlice {
  const apply = async (mode: PlaceMode, from: string, to: string, replace: boolean): Promise<void> => {
    if (mode === 'move') await api.rename({ from, to, ...(replace ? {} : { noreplace: true }) });
    else {
      if (replace) await api.unlink({ path: to });
      await api.link({ from, to });
    }
    // The engine's tree-changed event refreshes both folders; the target's is opened to show the result.
    await get().expand(parentOf(to));
    if (mode === 'move' && get().selected === from) await get().select(to);
  };
  const suggest = async (to: string): Promise<string> => {
    const taken = new Set((await api.list({ path: parentOf(to) })).map((e) => e.name));
    return joinPath(parentOf(to), freeName(baseName(to), taken));
  };

  return {
    workflow: null,
    clip: null,
    openWorkflow: (d) => set({ workflow: d }),
    closeWorkflow: () => set({ workflow: null }),
    setClip: (clip) => set({ clip }),
    paste: async (folder) => {
      const clip = get().clip;
      if (!clip) return;
      if (clip.mode === 'move') set({ clip: null });
      await get().placeNode(clip.path, folder, clip.mode);
    },
    placeNode: async (from, folder, mode) => {
      const to = joinPath(folder, baseName(from));
      const verb = mode === 'move' ? 'Moving' : 'Adding a second pin of';
      if (mode === 'move' && (folder === from || folder.startsWith(`${from}/`))) {
        get().notifyError(new Error(`"${from}" cannot go inside itself (EINVAL).`), `${verb} "${from}"`);
        return;
      }
      if (mode === 'move' && parentOf(from) === folder) return;
      try {
        await apply(mode, from, to, false);
      } catch (err) {
        if (isBpfError(err) && err.code === 'EEXIST') {
          set({ workflow: { kind: 'conflict', mode, from, to, suggestion: await suggest(to) } });
          return;
        }
        get().notifyError(err, `${verb} "${from}" to "${to}"`);
      }
    },
    resolveConflict: async (choice) => {
      const d = get().workflow;
      set({ workflow: null });
      if (!d || d.kind !== 'conflict' || choice === 'cancel') return;
      const to = choice === 'replace' ? d.to : d.suggestion;
      try {
        await apply(d.mode, d.from, to, choice === 'replace');
      } catch (err) {
        get().notifyError(err, `${d.mode === 'move' ? 'Moving' : 'Linking'} "${d.from}" to "${to}"`);
      }
    },
    pinSource: async (source, path) => {
      if (source.type === 'handle') await api.pin({ handle: source.handle, path });
      else {
        const own = get().handles.find((h) => h.kind === source.kind && h.id === source.id);
        if (own) await api.pin({ handle: own.handle, path });
        else {
          const temp = await api.getById({ kind: source.kind, id: source.id, access: accessToPin(source.kind) });
          try {
            await api.pin({ handle: temp.handle, path });
          } finally {
            await api.close({ handle: temp.handle });
          }
        }
      }
      await get().expand(parentOf(path));
    },
  };
}
