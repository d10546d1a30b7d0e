// Every live object of the engine (listObjects), for the Objects pane and id links; refreshes coalesce like the
// handles'. While something watches the list, engine events (and, if asked, a timer) refresh it.
import type { ApiClient, AppEvent } from '../../shared/contract.js';
import type { ObjectSummary } from '../../shared/engine.js';

import { coalescedRefresh } from './coalesce.js';
import type { GetState, SetState } from './types.js';

export interface ObjectsSlice {
  objects: ObjectSummary[];
  refreshObjects(): Promise<void>;
  /** Keeps the list fresh until the returned function is called: on engine events, and every `pollMs` if > 0. */
  watchObjects(pollMs: number): () => void;
}

// Objects also come and go without a pin or handle changing (a process exits), hence the optional timer.
const changesObjects = (ev: AppEvent): boolean =>
  ev.type === 'tree-changed' ||
  ev.type === 'handles-changed' ||
  ev.type === 'object-freed' ||
  ev.type === 'connection-changed';

export function createObjectsSlice(api: ApiClient, set: SetState, get: GetState): ObjectsSlice {
  const refreshObjects = coalescedRefresh(
    async () => set({ objects: await api.listObjects({}) }),
    (err) => get().notifyError(err, 'Reading the object list'),
  );
  return {
    objects: [],
    refreshObjects,
    watchObjects: (pollMs) => {
      void refreshObjects();
      const off = api.onEvent((ev) => {
        if (changesObjects(ev)) void refreshObjects();
      });
      const timer = pollMs > 0 ? setInterval(() => void refreshObjects(), pollMs) : undefined;
      return () => {
        off();
        if (timer !== undefined) clearInterval(timer);
      };
    },
  };
}
