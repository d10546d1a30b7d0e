// The bpffs tree: which folders are open and the children of each loaded folder, fetched lazily.
import type { DirEntry } from '../../shared/engine.js';
import { isBpfError } from '../../shared/errors.js';
import type { ApiClient } from '../../shared/contract.js';
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

export function createTreeSlice(api: ApiClient, set: SetState, get: GetState): TreeSlice {
  const loadDir = async (dir: string): Promise<void> => {
    set((s) => ({ loading: { ...s.loading, [dir]: true } }));
    try {
      const entries = sortEntries(await api.list({ path: dir }));
      set((s) => ({ children: { ...s.children, [dir]: entries } }));
    } catch (err) {
      if (isBpfError(err) && (err.code === 'ENOENT' || err.code === 'ENOTDIR') && dir !== '') {
        // The folder went away: forget it and everything below it.
        set((s) => ({ children: withoutSubtree(s.children, dir), expanded: withoutSubtree(s.expanded, dir) }));
      } else {
        get().notifyError(err, `Listing "${dir || '/'}"`);
      }
    } finally {
      set((s) => {
        const { [dir]: _done, ...loading } = s.loading;
        return { loading };
      });
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
      const cached = get().children;
      await Promise.all([...new Set(dirs)].filter((d) => cached[d] !== undefined).map((d) => loadDir(d)));
    },
  };
}
