// Owner, group and mode: chmod and chown of pins and folders, and the host's users and groups for the pickers.
import { parentOf } from '../../shared/bpf/paths.js';
import type { ApiClient, HostAccounts } from '../../shared/contract.js';

import type { GetState, SetState } from './types.js';

export interface PermissionsSlice {
  /** Users and groups of the engine's host; null until read. */
  accounts: HostAccounts | null;
  loadAccounts(): Promise<void>;
  changeMode(path: string, mode: number): Promise<void>;
  /** A left-out id stays as it is. */
  changeOwner(path: string, owner: { uid?: number; gid?: number }): Promise<void>;
}

export function createPermissionsSlice(api: ApiClient, set: SetState, get: GetState): PermissionsSlice {
  const changed = async (path: string): Promise<void> => {
    // The root's own entry is shown by the root row, which reads the root folder.
    await get().refreshDirs([path === '' ? '' : parentOf(path)]);
    if (get().selected === path) await get().refreshDetails({ quiet: true });
  };
  return {
    accounts: null,
    loadAccounts: async () => {
      try {
        set({ accounts: await api.hostAccounts({}) });
      } catch (err) {
        get().notifyError(err, "Reading the host's users and groups");
      }
    },
    changeMode: async (path, mode) => {
      await api.chmod({ path, mode });
      await changed(path);
    },
    changeOwner: async (path, { uid, gid }) => {
      await api.chown({ path, ...(uid === undefined ? {} : { uid }), ...(gid === undefined ? {} : { gid }) });
      await changed(path);
    },
  };
}

/** The name of a uid or gid, or the number when the host has no such account. */
export function accountName(accounts: HostAccounts | null, kind: 'user' | 'group', id: number): string {
  const list = kind === 'user' ? accounts?.users : accounts?.groups;
  return list?.find((a) => a.id === id)?.name ?? String(id);
}
