// Every bpffs mount of the engine's host, and switching the tree to another one.
import type { ApiClient } from '../../shared/contract.js';
import type { EngineDescription } from '../../shared/engine.js';
import { type BpffsMount, mountLabel } from '../../shared/mounts.js';

import type { GetState, SetState } from './types.js';

export interface MountsSlice {
  mounts: BpffsMount[] | null;
  mountsBusy: boolean;
  loadMounts(): Promise<void>;
  /** Shows the mount with this id in the tree: what was open and selected belonged to the other one. */
  openMount(id: string): Promise<void>;
}

export function createMountsSlice(api: ApiClient, set: SetState, get: GetState): MountsSlice {
  const loadMounts = async (): Promise<void> => {
    set({ mountsBusy: true });
    try {
      set({ mounts: await api.mounts({}) });
    } catch (err) {
      get().notifyError(err, 'Listing the bpffs mounts');
    } finally {
      set({ mountsBusy: false });
    }
  };
  return {
    mounts: null,
    mountsBusy: false,
    loadMounts,
    openMount: async (id) => {
      const target = get().mounts?.find((m) => m.id === id);
      try {
        const engine = await api.openMount({ id });
        await get().select(null);
        set({ engine, children: {}, expanded: {}, health: null, mapTabs: [] });
      } catch (err) {
        get().notifyError(err, `Opening the mount ${target ? mountLabel(target) : id}`);
        return;
      }
      await Promise.all([get().loadDir(''), get().loadHeldUnlinks(), loadMounts()]);
    },
  };
}

/** The mount the tree shows, named for people: its own path, and its namespace when not the engine's. */
export function currentMountLabel(mounts: BpffsMount[] | null, engine: EngineDescription | null): string {
  // By the engine's own word: the list may be older than a reconnect that reopened the first mount.
  const current = engine?.mountId === undefined ? undefined : mounts?.find((m) => m.id === engine.mountId);
  return current ? mountLabel(current) : (engine?.mountPoint ?? '/');
}
