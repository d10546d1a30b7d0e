// The handles bpfscope holds, as main reports them; refreshed on 'handles-changed'.
import type { ApiClient } from '../../shared/contract.js';
import type { GetState, HandlesSlice, SetState } from './types.js';

export function createHandlesSlice(api: ApiClient, set: SetState, get: GetState): HandlesSlice {
  // Bursts of events coalesce: one request in flight, at most one more queued behind it.
  let inFlight: Promise<void> | undefined;
  let again = false;
  const fetchOnce = async (): Promise<void> => {
    try {
      do {
        again = false;
        set({ handles: await api.handles({}) });
      } while (again);
    } catch (err) {
      get().notifyError(err, 'Reading the handle list');
    } finally {
      inFlight = undefined;
    }
  };
  return {
    handles: [],
    refreshHandles: () => {
      if (inFlight) {
        again = true;
        return inFlight;
      }
      inFlight = fetchOnce();
      return inFlight;
    },
  };
}
