// Every live object of the engine (listObjects), for the Objects pane; refreshes coalesce like the handles'.
import type { ApiClient } from '../../shared/contract.js';
import type { ObjectSummary } from '../../shared/engine.js';
import type { GetState, SetState } from './types.js';

export interface ObjectsSlice {
  objects: ObjectSummary[];
  refreshObjects(): Promise<void>;
}

export function createObjectsSlice(api: ApiClient, set: SetState, get: GetState): ObjectsSlice {
  let inFlight: Promise<void> | undefined;
  let again = false;
  const fetchOnce = async (): Promise<void> => {
    try {
      do {
        again = false;
        set({ objects: await api.listObjects({}) });
      } while (again);
    } catch (err) {
      get().notifyError(err, 'Reading the object list');
    } finally {
      inFlight = undefined;
    }
  };
  return {
    objects: [],
    refreshObjects: () => {
      if (inFlight) {
        again = true;
        return inFlight;
      }
      inFlight = fetchOnce();
      return inFlight;
    },
  };
}
