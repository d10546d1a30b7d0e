// The handles bpfscope holds, as main reports them; refreshed on 'handles-changed'.
import type { ApiClient } from '../../shared/contract.js';
import type { GetState, HandlesSlice, SetState } from './types.js';

export function createHandlesSlice(api: ApiClient, set: SetState, get: GetState): HandlesSlice {
  return {
    handles: [],
    refreshHandles: async () => {
      try {
        set({ handles: await api.handles({}) });
      } catch (err) {
        get().notifyError(err, 'Reading the handle list');
      }
    },
  };
}
