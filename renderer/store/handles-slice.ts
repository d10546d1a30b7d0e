// The handles bpfscope holds, as main reports them; refreshed on 'handles-changed'.
import type { ApiClient } from '../../shared/contract.js';

import { coalescedRefresh } from './coalesce.js';
import type { GetState, HandlesSlice, SetState } from './types.js';

export function createHandlesSlice(api: ApiClient, set: SetState, get: GetState): HandlesSlice {
  return {
    handles: [],
    refreshHandles: coalescedRefresh(
      async () => set({ handles: await api.handles({}) }),
      (err) => get().notifyError(err, 'Reading the handle list'),
    ),
  };
}
