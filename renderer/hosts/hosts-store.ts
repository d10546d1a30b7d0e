// The window's hosts: the list with each host's state, the questions ssh or sudo ask, which hosts are shown (one,
// or two side by side), and one app store per host, so that tree, objects, handles and map views are per host.
import { createStore, type StoreApi } from 'zustand/vanilla';

import type { ApiClient } from '../../shared/contract.js';
import { isBpfError } from '../../shared/errors.js';
import type { AddableHostSpec, HostControlApi, HostEntry, HostListing, HostPrompt } from '../../shared/hosts.js';

import { createAppStore } from '../store/app-store.js';
import type { AppStore } from '../store/types.js';
import { downloadFile, type SaveFile, type SnapshotSlice, snapshotSlice } from './snapshot-slice.js';

export interface HostsState extends SnapshotSlice {
  listing: HostListing | null;
  prompts: HostPrompt[];
  /** The hosts shown: the first, and the one beside it. */
  panes: string[];
  /** Why the last host-list action failed, in words. */
  error: string | null;
  adding: boolean;
  load(): Promise<void>;
  show(id: string): void;
  showBeside(id: string): void;
  closePane(id: string): void;
  openAdd(): void;
  closeAdd(): void;
  /** Adds a host, shows and connects it; answers why not, or null. */
  add(spec: AddableHostSpec, label?: string): Promise<string | null>;
  remove(id: string): Promise<void>;
  connect(id: string): Promise<void>;
  disconnect(id: string): Promise<void>;
  answer(prompt: number, answer: string | null): Promise<void>;
  /** The host's own app store, made the first time the host is shown connected. */
  storeFor(id: string): AppStore | undefined;
  host(id: string): HostEntry | undefined;
}

export type HostsStore = StoreApi<HostsState>;

export interface HostsStoreOptions {
  control: HostControlApi;
  /** The API of one host (its own connection). */
  apiFor(id: string): ApiClient;
  /** Saves a captured snapshot; a browser download when not given. */
  saveFile?: SaveFile;
}

const words = (e: unknown): string => (isBpfError(e) ? `${e.code}: ${e.message}` : String(e));

export function createHostsStore({ control, apiFor, saveFile }: HostsStoreOptions): HostsStore {
  const stores = new Map<string, AppStore>();
  return createStore<HostsState>()((set, get) => {
    const attempt = async (what: () => Promise<unknown>): Promise<string | null> => {
      try {
        await what();
        set({ error: null });
        return null;
      } catch (e) {
        set({ error: words(e) });
        return words(e);
      }
    };
    const listed = (listing: HostListing) => {
      const known = new Set(listing.hosts.map((h) => h.id));
      const panes = get().panes.filter((id) => known.has(id));
      set({ listing, panes: panes.length > 0 ? panes : [listing.primary] });
    };
    control.onEvent((ev) => {
      switch (ev.type) {
        case 'hosts-changed':
          listed(ev.listing);
          break;
        case 'host-prompt':
          if (!get().prompts.some((p) => p.id === ev.prompt.id)) set({ prompts: [...get().prompts, ev.prompt] });
          break;
        case 'host-prompt-done':
          set({ prompts: get().prompts.filter((p) => p.id !== ev.id) });
          break;
        case 'snapshot-progress':
          get().captureProgress(ev.capture, ev.progress);
          break;
      }
    });
    control.onReconnect?.(() => void get().load());
    return {
      ...snapshotSlice(control, saveFile ?? downloadFile, set, get),
      listing: null,
      prompts: [],
      panes: [],
      error: null,
      adding: false,
      load: async () => {
        await attempt(async () => listed(await control.hostList({})));
      },
      show: (id) => {
        const [, beside] = get().panes;
        set({ panes: beside && beside !== id ? [id, beside] : [id] });
      },
      showBeside: (id) => {
        const [first] = get().panes;
        set({ panes: first && first !== id ? [first, id] : [id] });
      },
      closePane: (id) => {
        const panes = get().panes.filter((p) => p !== id);
        set({ panes: panes.length > 0 ? panes : get().panes });
      },
      openAdd: () => set({ adding: true, error: null }),
      closeAdd: () => set({ adding: false }),
      add: async (spec, label) => {
        let added: HostEntry | undefined;
        const why = await attempt(async () => {
          added = await control.hostAdd(label ? { spec, label } : { spec });
        });
        if (why || !added) return why;
        set({ adding: false });
        get().show(added.id);
        void get().connect(added.id);
        return null;
      },
      remove: async (id) => {
        await attempt(async () => listed(await control.hostRemove({ id })));
        if (!get().host(id)) {
          stores.get(id)?.getState().dispose();
          stores.delete(id);
        }
      },
      connect: async (id) => {
        await attempt(() => control.hostConnect({ id }));
      },
      disconnect: async (id) => {
        await attempt(() => control.hostDisconnect({ id }));
      },
      answer: async (prompt, answer) => {
        set({ prompts: get().prompts.filter((p) => p.id !== prompt) });
        await attempt(() => control.hostAnswer({ prompt, answer }));
      },
      storeFor: (id) => {
        let store = stores.get(id);
        if (store) return store;
        if (get().host(id)?.state.state !== 'connected') return undefined;
        store = createAppStore({ api: apiFor(id) });
        stores.set(id, store);
        void store.getState().init();
        return store;
      },
      host: (id) => get().listing?.hosts.find((h) => h.id === id),
    };
  });
}
