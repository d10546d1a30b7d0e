// Map-in-map and prog_array drill-down through the real handler table on the demo host: an outer map's values are
// inner map ids a view opens by id (no pin needed), a prog_array slot's program reads by id, and ids that are gone
// say so.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { ApiClient } from '../../shared/contract.js';
import type { MapViewWindow } from '../../shared/mapview.js';

import { createInProcessApi, type InProcessApi } from '../../test/support/in-process-api.js';

let env: InProcessApi;
let api: ApiClient;

beforeEach(async () => {
  env = await createInProcessApi({ demo: true });
  api = env.api;
});
afterEach(() => env.dispose());

/** Every row of a view once its first full read is done. */
async function rowsOf(view: number): Promise<MapViewWindow> {
  return vi.waitFor(
    async () => {
      const w = await api.mapViewWindow({ view, offset: 0, count: 100 });
      if (!w.complete) throw new Error('still reading');
      return w;
    },
    { timeout: 10_000, interval: 10 },
  );
}

const u32s = (b: Uint8Array): number[] =>
  Array.from({ length: b.length / 4 }, (_, i) => new DataView(b.buffer, b.byteOffset).getUint32(i * 4, true));

describe('drill-down by id', () => {
  it("opens an outer map's inner maps by the ids its entries hold, with their own BTF and entries", async () => {
    const outer = await api.mapViewOpen({ path: 'tc/globals/cilium_policies' });
    expect(outer.info.type).toBe('hash_of_maps');
    const w = await rowsOf(outer.view);
    expect(u32s(w.keys).sort((a, b) => a - b)).toEqual([412, 1187, 2051]);
    const ids = u32s(w.values);
    const objects = await api.listObjects({});
    for (const id of ids) expect(objects.find((o) => o.kind === 'map' && o.id === id)?.pins).toEqual([]);
    const endpoint = u32s(w.keys).indexOf(1187);
    const inner = await api.mapViewOpen({ id: ids[endpoint]! });
    expect(inner.info).toMatchObject({ id: ids[endpoint], name: 'policy_ep_1187', type: 'hash', keySize: 8 });
    expect(inner.btf?.length).toBeGreaterThan(0);
    expect((await rowsOf(inner.view)).entries).toBe(2);
  });

  it('says clearly when an inner map is gone, and refuses ids that are not maps', async () => {
    const objects = await api.listObjects({});
    const free = Math.max(...objects.map((o) => o.id)) + 100;
    await expect(api.mapViewOpen({ id: free })).rejects.toMatchObject({
      code: 'ENOENT',
      message: `Map id ${free} no longer exists (ENOENT).`,
    });
    const ringbuf = objects.find((o) => o.kind === 'map' && o.name === 'events')!;
    await expect(api.mapViewOpen({ id: ringbuf.id })).rejects.toMatchObject({ code: 'ENOTSUPP' });
  });

  it("reads a prog_array slot's program by id, pinned or not", async () => {
    const jump = await api.mapViewOpen({ path: 'tc/globals/cali_jump' });
    const ids = u32s((await rowsOf(jump.view)).values);
    expect(ids).toHaveLength(3);
    const unpinned = await api.progDetails({ id: ids[1]! });
    expect(unpinned.info).toMatchObject({ kind: 'prog', id: ids[1], name: 'cali_tc_policy' });
    expect(unpinned.lines.at(-1)?.text).toContain('exit');
    const free = Math.max(...(await api.listObjects({})).map((o) => o.id)) + 100;
    await expect(api.progDetails({ id: free })).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
