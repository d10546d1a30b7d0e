// The bpffs tree: which folders are open and the children of each loaded folder, fetched lazily and kept fresh by
// the engine's tree-changed events. Listings may overlap (an event while a folder loads): each carries a sequence
// number, and a reply older than what a folder shows is dropped, so the tree never goes back in time.
import { parentOf } from '../../shared/bpf/paths.js';
import type { ApiClient } from '../../shared/contract.js';
import type { DirEntry } from '../../shared/engine.js';
import { isBpfError } from '../../shared/errors.js';

import type { GetState, SetState, TreeSlice } from './types.js';

export function sortEntries(entries: DirEntry[]): DirEntry[] {
  return [...entries].sort((a, b) => {
    const ad = a.kind === 'dir' ? 0 : 1;
    const bd = b.kind === 'dir' ? 0 : 1;
    return ad - bd || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  });
}

function withoutSubtree<T>(record: Record<string, T>, dir: string): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(record)) {
    if (k !== dir && !(dir !== '' && k.startsWith(`${dir}/`))) out[k] = v;
  }
  return out;
}

/** `dir`'s former subfolders, cached or open, that its fresh listing no longer has (removed or renamed). */
function vanishedFolders(state: Pick<TreeSlice, 'children' | 'expanded'>, dir: string, entries: DirEntry[]): string[] {
  const present = new Set(entries.filter((e) => e.kind === 'dir').map((e) => e.path));
  return [...new Set([...Object.keys(state.children), ...Object.keys(state.expanded)])].filter(
    (cached) => cached !== '' && cached !== dir && parentOf(cached) === dir && !present.has(cached),
  );
}

export function createTreeSlice(api: ApiClient, set: SetState, get: GetState): TreeSlice {
  let issued = 0;
  /** By folder: the newest listing asked for, which alone clears the folder's loading mark. */
  const latest = new Map<string, number>();
  /** By folder: the sequence number of the listing (or removal) it shows; replies issued before it are stale. */
  const shown = new Map<string, number>();
  const fresh = (dir: string, seq: number): boolean => seq > (shown.get(dir) ?? 0);
  /** A forgotten subtree: listings of it still in flight must not bring it back. */
  const forget = (dir: string, seq: number): void => {
    for (const k of [...shown.keys(), dir])
      if (k === dir || (dir !== '' && k.startsWith(`${dir}/`))) shown.set(k, Math.max(seq, shown.get(k) ?? 0));
  };
  const forgetSubtree = (dir: string, seq: number): void => {
    forget(dir, seq);
    set((s) => ({ children: withoutSubtree(s.children, dir), expanded: withoutSubtree(s.expanded, dir) }));
  };

  const loadDir = async (dir: string): Promise<void> => {
    const seq = ++issued;
    latest.set(dir, seq);
    set((s) => ({ loading: { ...s.loading, [dir]: true } }));
    try {
      const entries = sortEntries(await api.list({ path: dir }));
      if (!fresh(dir, seq)) return;
      shown.set(dir, seq);
      set((s) => ({ children: { ...s.children, [dir]: entries } }));
      // A subfolder listed after this listing was taken exists still (it was made meanwhile): it stays.
      for (const gone of vanishedFolders(get(), dir, entries)) if (fresh(gone, seq)) forgetSubtree(gone, seq);
    } catch (err) {
      if (isBpfError(err) && (err.code === 'ENOENT' || err.code === 'ENOTDIR') && dir !== '') {
        // The folder went away: forget it and everything below it, unless a newer listing found it again.
        if (fresh(dir, seq)) forgetSubtree(dir, seq);
      } else {
        get().notifyError(err, `Listing "${dir || '/'}"`);
      }
    } finally {
      if (latest.get(dir) === seq) {
        latest.delete(dir);
        set((s) => {
          const { [dir]: _done, ...loading } = s.loading;
          return { loading };
        });
      }
    }
  };

  return {
    expanded: { '': true },
    children: {},
    loading: {},
    loadDir,
    expand: async (dir) => {
      set((s) => ({ expanded: { ...s.expanded, [dir]: true } }));
      if (!get().children[dir]) await loadDir(dir);
    },
    collapse: (dir) => {
      if (dir === '') return;
      set((s) => {
        const { [dir]: _closed, ...expanded } = s.expanded;
        return { expanded };
      });
    },
    toggle: async (dir) => {
      if (get().expanded[dir]) get().collapse(dir);
      else await get().expand(dir);
    },
    refreshDirs: async (dirs) => {
      // A folder still loading is listed again too: its first listing may have been taken before the change.
      const { children, loading } = get();
      const known = (d: string): boolean => children[d] !== undefined || loading[d] === true;
      await Promise.all([...new Set(dirs)].filter(known).map((d) => loadDir(d)));
    },
  };
}
