// Every live object of the engine (listObjects), for the Objects pane; refreshes coalesce like the handles'.
import type { ApiClient } from '../../shared/contract.js';
import type { ObjectSummary } from '../../shared/engine.js';

import { coalescedRefresh } from './coalesce.js';
import type { GetState, SetState } from './types.js';

export interface ObjectsSlice {
  objects: ObjectSummary[];
  refreshObjects(): Promise<void>;
}

export function createObjectsSlice(api: ApiClient, set: SetState, get: GetState): ObjectsSlice {
  return {
    objects: [],
    refreshObjects: coalescedRefresh(
      async () => set({ objects: await api.listObjects({}) }),
      (err) => get().notifyError(err, 'Reading the object list'),
    ),
  };
}
