// Element edits by path: each opens the pin on an internal handle with the access the user chose, so the kernel's
// own checks decide while the user's Handles list and its events stay untouched; views of the map refresh after.
import { bytesToHex } from '../../shared/bpf/hex.js';
import type { BpfscopeApi } from '../../shared/contract.js';
import type { Access, PinStore } from '../../shared/engine.js';

import type { MapViewManager } from '../mapview/manager.js';
import { decodeHex, decodeKey } from './codec.js';

type EditOps = Pick<BpfscopeApi, 'mapUpdateAt' | 'mapDeleteAt' | 'mapLookupAt'>;

export function mapEditHandlers(engine: PinStore, views: MapViewManager, checkPath: (p: string) => string): EditOps {
  const withInternal = async <T>(
    path: string,
    access: Access,
    edits: boolean,
    run: (handle: number) => Promise<T>,
  ): Promise<T> => {
    const h = await engine.get(checkPath(path), access, { internal: true });
    try {
      return await run(h.handle);
    } finally {
      await engine.close(h.handle).catch(() => undefined);
      if (edits) views.nudgeMap(h.id);
    }
  };
  return {
    mapUpdateAt: async ({ path, access, key, value, flag }) =>
      withInternal(path, access, true, (handle) =>
        engine.mapUpdate(handle, decodeKey(key), decodeHex(value, 'value'), flag).then(() => null),
      ),
    mapDeleteAt: async ({ path, access, key }) =>
      withInternal(path, access, true, (handle) => engine.mapDelete(handle, decodeHex(key, 'key')).then(() => null)),
    mapLookupAt: async ({ path, key }) =>
      withInternal(path, 'ro', false, async (handle) => bytesToHex(await engine.mapLookup(handle, decodeKey(key)))),
  };
}
