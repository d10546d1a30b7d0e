// The bpffs tree: which folders are open and the children of each loaded folder, fetched lazily.
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

/** Drops the cached subtrees of `dir`'s former subfolders that its fresh listing no longer has (removed or renamed). */
function forgetVanishedFolders(
  state: Pick<TreeSlice, 'children' | 'expanded'>,
  dir: string,
  entries: DirEntry[],
): Pick<TreeSlice, 'children' | 'expanded'> {
  const present = new Set(entries.filter((e) => e.kind === 'dir').map((e) => e.path));
  let { children, expanded } = state;
  for (const cached of new Set([...Object.keys(children), ...Object.keys(expanded)])) {
    if (cached !== '' && cached !== dir && parentOf(cached) === dir && !present.has(cached)) {
      children = withoutSubtree(children, cached);
      expanded = withoutSubtree(expanded, cached);
    }
  }
  return { children, expanded };
}

export function createTreeSlice(api: ApiClient, set: SetState, get: GetState): TreeSlice {
  const loadDir = async (dir: string): Promise<void> => {
    set((s) => ({ loading: { ...s.loading, [dir]: true } }));
    try {
      const entries = sortEntries(await api.list({ path: dir }));
      set((s) =>
        forgetVanishedFolders({ children: { ...s.children, [dir]: entries }, expanded: s.expanded }, dir, entries),
      );
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
