// The "Collect run statistics" toggle. While on, main holds a BPF_ENABLE_STATS
// token (native: the stats fd); turning it off, or the page going away, gives the token back.
import type { ApiClient } from '../../shared/contract.js';

import type { GetState, SetState } from './types.js';

export interface ProgStatsSlice {
  /** The live stats token, or null while statistics are not collected by bpfscope. */
  statsToken: number | null;
  statsBusy: boolean;
  setStatsCollection(on: boolean): Promise<void>;
}

export function createProgStatsSlice(api: ApiClient, set: SetState, get: GetState): ProgStatsSlice {
  if (typeof window !== 'undefined') {
    window.addEventListener('pagehide', () => {
      const token = get().statsToken;
      if (token !== null) void api.statsDisable({ token }).catch(() => undefined);
    });
  }
  return {
    statsToken: null,
    statsBusy: false,
    setStatsCollection: async (on) => {
      const { statsToken, statsBusy } = get();
      if (statsBusy || on === (statsToken !== null)) return;
      set({ statsBusy: true });
      try {
        if (on) set({ statsToken: (await api.statsEnable({})).token });
        else if (statsToken !== null) {
          set({ statsToken: null });
          await api.statsDisable({ token: statsToken });
        }
      } catch (err) {
        get().notifyError(err, on ? 'Turning run statistics on' : 'Turning run statistics off');
      } finally {
        set({ statsBusy: false });
      }
    },
  };
}
