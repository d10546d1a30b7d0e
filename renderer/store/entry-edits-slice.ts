// Element edits and reads of the map shown in the entries view, by path: main opens the pin on a handle of its
// own for each, so an edit never adds to the user's Handles, and views of the map refresh right after.
import type { ApiClient } from '../../shared/contract.js';

import type { ViewCodec } from '../entries/codec.js';
import { exportText } from './export-rows.js';
import type { GetState } from './types.js';

export type UpdateFlag = 'any' | 'noexist' | 'exist';
/** How the pin is opened for the edit, so the kernel's own checks (read-only fd) decide. */
export type EditAccess = 'rw' | 'ro';

export interface EntryEditsSlice {
  /** Writes a new value for an existing key. */
  editEntry(path: string, key: string, value: string, flag: UpdateFlag, access: EditAccess): Promise<void>;
  /** Adds a key (or, with flag "any", overwrites it). */
  insertEntry(path: string, key: string, value: string, flag: UpdateFlag, access: EditAccess): Promise<void>;
  deleteEntry(path: string, key: string, access: EditAccess): Promise<void>;
  /** Queue / stack: the head (or top) as hex, without removing it. */
  peekEntry(path: string): Promise<string>;
  /** The open entries view, filtered and sorted as shown, as CSV or JSON text. */
  exportEntries(codec: ViewCodec, format: 'csv' | 'json'): Promise<string>;
}

export function createEntryEditsSlice(api: ApiClient, get: GetState): EntryEditsSlice {
  const update = async (path: string, key: string, value: string, flag: UpdateFlag, access: EditAccess) => {
    await api.mapUpdateAt({ path, access, key, value, flag });
  };
  return {
    editEntry: update,
    insertEntry: update,
    deleteEntry: async (path, key, access) => {
      await api.mapDeleteAt({ path, access, key });
    },
    peekEntry: (path) => api.mapLookupAt({ path, key: null }),
    exportEntries: async (codec, format) => {
      const v = get().entriesView;
      if (!v?.opened) throw new Error('No entries view is open.');
      return exportText(api, v.opened.view, codec, format, v.total);
    },
  };
}
