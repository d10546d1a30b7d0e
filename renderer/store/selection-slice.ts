// The selected node and its details (inspectPath), polled slowly while a map is selected (frozen, flags);
// its entries live in the map view (renderer/entries), so the details read asks for none.
import type { ApiClient } from '../../shared/contract.js';
import { isBpfError } from '../../shared/errors.js';

import type { GetState, SelectionSlice, SetState } from './types.js';

export const DETAILS_ENTRY_LIMIT = 0;

export function createSelectionSlice(
  api: ApiClient,
  set: SetState,
  get: GetState,
  pollMs: number,
): SelectionSlice & { stopPolling(): void } {
  let timer: ReturnType<typeof setInterval> | undefined;
  const stopPolling = (): void => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };
  const startPolling = (): void => {
    if (timer === undefined && pollMs > 0) timer = setInterval(() => void pollInfo(), pollMs);
  };

  // The poll re-reads only the object's info (frozen, flags): pins and handles change with tree and handle events,
  // which refresh the whole details, and finding pins means scanning the mount.
  const pollInfo = async (): Promise<void> => {
    const { selected: path, details } = get();
    if (path === null || !details?.info) return;
    try {
      const info = await api.pathInfo({ path });
      const now = get().details;
      if (get().selected === path && now) set({ details: { ...now, info } });
    } catch {
      await get().refreshDetails({ quiet: true }); // gone or replaced: the full read says what happened
    }
  };

  const refreshDetails = async (opts: { quiet?: boolean } = {}): Promise<void> => {
    const path = get().selected;
    if (path === null) return;
    try {
      const details = await api.inspectPath({ path, limit: DETAILS_ENTRY_LIMIT });
      if (get().selected !== path) return; // the user moved on meanwhile
      set({ details, detailsError: null });
      if (details.entry.kind === 'map') startPolling();
      else stopPolling();
    } catch (err) {
      if (get().selected !== path) return;
      const gone = isBpfError(err) && err.code === 'ENOENT';
      const reason = isBpfError(err) ? `${err.code}: ${err.message}` : String(err);
      set({ details: null, detailsError: gone ? `"${path}" no longer exists.` : reason });
      if (gone) stopPolling();
      if (!opts.quiet) get().notifyError(err, `Inspecting "${path}"`);
    }
  };

  return {
    selected: null,
    details: null,
    detailsError: null,
    select: async (path) => {
      stopPolling();
      set({ selected: path, details: null, detailsError: null });
      if (path !== null) await refreshDetails();
    },
    refreshDetails,
    stopPolling,
  };
}
