// Element edits by path (mapUpdateAt, mapDeleteAt, mapLookupAt), the same on every engine: the kernel's checks
// decide on the access asked for, and the user's handles and their events stay untouched.
import { expect, it } from 'vitest';

import type { ApiClient, AppEvent } from '../../shared/contract.js';

export function defineMapEditTests(opts: { open(): Promise<ApiClient> }): void {
  it('change the map through a handle the user never sees, with the kernel deciding on the access asked for', async () => {
    const api = await opts.open();
    const h = await api.createMap({ type: 'hash', name: 'flows', keySize: 4, valueSize: 8, maxEntries: 8, flags: [] });
    await api.pin({ handle: h.handle, path: 'flows' });
    await api.close({ handle: h.handle });
    const events: AppEvent[] = [];
    api.onEvent((e) => events.push(e));
    const key = '01000000';
    await api.mapUpdateAt({ path: 'flows', access: 'rw', key, value: '2a00000000000000', flag: 'noexist' });
    expect(await api.mapLookupAt({ path: 'flows', key })).toBe('2a00000000000000');
    await expect(
      api.mapUpdateAt({ path: 'flows', access: 'ro', key, value: '0000000000000000', flag: 'any' }),
    ).rejects.toMatchObject({ code: 'EPERM' });
    await expect(
      api.mapUpdateAt({ path: 'flows', access: 'rw', key, value: '0000000000000000', flag: 'noexist' }),
    ).rejects.toMatchObject({ code: 'EEXIST' });
    await api.mapDeleteAt({ path: 'flows', access: 'rw', key });
    await expect(api.mapLookupAt({ path: 'flows', key })).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(api.mapDeleteAt({ path: 'nothing', access: 'rw', key })).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await api.handles({})).toEqual([]);
    expect(events.filter((e) => e.type === 'handles-changed' || e.type === 'handle-closed')).toEqual([]);
    // Every internal handle was closed again: unlinking the pin frees the map.
    expect(await api.unlinkImpact({ path: 'flows' })).toMatchObject({ handles: [], freesObject: true });
  });
}
