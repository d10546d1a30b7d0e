// Map view sessions on the emulated engine behind the real handler table and frame codec: windows, sort,
// filter, changed rows after an edit, series, pause, interval bounds, and the errors a user can run into.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { ApiClient, AppEvent } from '../../shared/contract.js';
import type { FieldRef } from '../../shared/fields.js';
import type { MapViewFailedEvent, MapViewUpdatedEvent } from '../../shared/mapview.js';

import { createInProcessApi, type InProcessApi } from '../../test/support/in-process-api.js';

const le32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b.toString('hex');
};
const le64 = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b.toString('hex');
};
const valueField: FieldRef = { part: 'value', path: 'v', offset: 0, size: 8, encoding: 'uint', endian: 'le' };

let env: InProcessApi;
let api: ApiClient;
let events: AppEvent[];

beforeEach(async () => {
  env = await createInProcessApi();
  api = env.api;
  events = [];
  api.onEvent((e) => events.push(e));
});
afterEach(() => env.dispose());

/** The first view event that satisfies `pred` (already seen or still to come). */
function nextUpdate(view: number, pred: (e: MapViewUpdatedEvent) => boolean): Promise<MapViewUpdatedEvent> {
  return vi.waitFor(
    () => {
      const hit = events.find(
        (e): e is MapViewUpdatedEvent => e.type === 'map-view-updated' && e.view === view && pred(e),
      );
      if (!hit) throw new Error(`no matching map-view-updated event for view ${view} yet`);
      return hit;
    },
    { timeout: 10_000, interval: 5 },
  );
}

async function hashWith(n: number, path = 'flows'): Promise<number> {
  const h = await api.createMap({
    type: 'hash',
    name: 'flows',
    keySize: 4,
    valueSize: 8,
    maxEntries: n * 2,
    flags: [],
  });
  for (let i = 0; i < n; i++) await api.mapUpdate({ handle: h.handle, key: le32(i), value: le64(i * 10), flag: 'any' });
  await api.pin({ handle: h.handle, path });
  return h.handle;
}

const rowsOf = (w: { count: number; keySize: number; valueSize: number; keys: Uint8Array; values: Uint8Array }) =>
  Array.from({ length: w.count }, (_, i) => ({
    key: Buffer.from(w.keys.subarray(i * w.keySize, (i + 1) * w.keySize)).readUInt32LE(0),
    value: Number(Buffer.from(w.values.subarray(i * w.valueSize, (i + 1) * w.valueSize)).readBigUInt64LE(0)),
  }));

describe('map view sessions (emulated engine)', () => {
  it('serves windows of rows as typed arrays once the read completes', async () => {
    await hashWith(50);
    const opened = await api.mapViewOpen({ path: 'flows' });
    expect(opened.info).toMatchObject({ type: 'hash', keySize: 4, valueSize: 8 });
    expect(opened.btf).toBeUndefined();
    await nextUpdate(opened.view, (e) => e.complete);
    const w = await api.mapViewWindow({ view: opened.view, offset: 10, count: 5 });
    expect(w.keys).toBeInstanceOf(Uint8Array);
    expect([w.total, w.entries, w.count, w.offset, w.complete]).toEqual([50, 50, 5, 10, true]);
    expect(w.changed).toEqual(new Uint8Array(5));
    const past = await api.mapViewWindow({ view: opened.view, offset: 48, count: 10 });
    expect(past.count).toBe(2);
  });

  it('sorts by key and by a value field, ascending and descending', async () => {
    await hashWith(30);
    const { view } = await api.mapViewOpen({ path: 'flows' });
    await nextUpdate(view, (e) => e.complete);
    await api.mapViewConfigure({ view, sort: { by: 'field', field: valueField, dir: 'desc' } });
    expect(rowsOf(await api.mapViewWindow({ view, offset: 0, count: 3 })).map((r) => r.value)).toEqual([290, 280, 270]);
    await api.mapViewConfigure({ view, sort: { by: 'key', dir: 'asc' } });
    // Key bytes order: little-endian 0x00000000, 0x01000000... i.e. 0, 256.. first; with keys < 256 it is 0,1,2.
    expect(rowsOf(await api.mapViewWindow({ view, offset: 0, count: 3 })).map((r) => r.key)).toEqual([0, 1, 2]);
  });

  it('filters by numeric comparison, hex substring and key prefix', async () => {
    await hashWith(40);
    const { view } = await api.mapViewOpen({ path: 'flows' });
    await nextUpdate(view, (e) => e.complete);
    await api.mapViewConfigure({
      view,
      filter: [{ kind: 'compare', field: valueField, op: '>=', value: '350' }],
      sort: { by: 'key', dir: 'asc' },
    });
    const big = await api.mapViewWindow({ view, offset: 0, count: 100 });
    expect(rowsOf(big).map((r) => r.key)).toEqual([35, 36, 37, 38, 39]);
    expect(big.entries).toBe(40);
    await api.mapViewConfigure({ view, filter: [{ kind: 'keyPrefix', hex: '1f' }] });
    expect(rowsOf(await api.mapViewWindow({ view, offset: 0, count: 100 })).map((r) => r.key)).toEqual([31]);
    await api.mapViewConfigure({ view, filter: [{ kind: 'hex', text: '2c01', part: 'value' }] }); // 300 = 0x012c
    expect(rowsOf(await api.mapViewWindow({ view, offset: 0, count: 100 })).map((r) => r.key)).toEqual([30]);
    await expect(
      api.mapViewConfigure({ view, filter: [{ kind: 'compare', field: valueField, op: '<', value: 'lots' }] }),
    ).rejects.toMatchObject({ code: 'EINVAL' });
  });

  it('marks rows changed by an edit, with their previous values, right after the edit', async () => {
    const handle = await hashWith(20);
    const { view } = await api.mapViewOpen({ path: 'flows', refreshMs: 10_000 });
    const first = await nextUpdate(view, (e) => e.complete);
    await api.mapUpdate({ handle, key: le32(7), value: le64(7777), flag: 'exist' });
    await api.mapUpdate({ handle, key: le32(99), value: le64(1), flag: 'noexist' });
    const after = await nextUpdate(view, (e) => e.generation > first.generation);
    expect(after).toMatchObject({ changedCount: 2, entries: 21 });
    await api.mapViewConfigure({ view, sort: { by: 'key', dir: 'asc' } });
    const w = await api.mapViewWindow({ view, offset: 0, count: 100 });
    const rows = rowsOf(w);
    const i7 = rows.findIndex((r) => r.key === 7);
    const i99 = rows.findIndex((r) => r.key === 99);
    expect([w.changed[i7], w.changed[i99], w.changed[0]]).toEqual([1, 1, 0]);
    expect(Buffer.from(w.prevValues.subarray(i7 * 8, i7 * 8 + 8)).readBigUInt64LE(0)).toBe(70n);
    expect(Buffer.from(w.prevValues.subarray(i99 * 8, i99 * 8 + 8)).readBigUInt64LE(0)).toBe(0n);
    expect(rows[i7]?.value).toBe(7777);
  });

  it('records tracked series (sum over entries and one entry) at each refresh, and exports the view', async () => {
    const handle = await hashWith(10);
    const { view } = await api.mapViewOpen({ path: 'flows', refreshMs: 10_000 });
    const first = await nextUpdate(view, (e) => e.complete);
    await api.mapViewConfigure({
      view,
      track: [
        { id: 'all', mode: 'sum', field: valueField },
        { id: 'k3', mode: 'entry', key: le32(3), field: valueField },
      ],
    });
    await api.mapUpdate({ handle, key: le32(3), value: le64(1000), flag: 'any' });
    await nextUpdate(view, (e) => e.generation > first.generation);
    const { series } = await api.mapViewSeries({ view });
    expect(series.map((s) => s.id)).toEqual(['all', 'k3']);
    expect(series[0]?.values).toBeInstanceOf(Float64Array);
    expect(Array.from(series[0]?.values ?? [])).toEqual([450 - 30 + 1000]);
    expect(Array.from(series[1]?.values ?? [])).toEqual([1000]);
    await api.mapViewConfigure({ view, sort: { by: 'key', dir: 'asc' } });
    const csv = await api.mapViewExport({ view, format: 'csv', count: 2 });
    expect(csv.split('\n').slice(0, 3)).toEqual([
      'key,value,key_le,value_le',
      '00000000,0000000000000000,0,0',
      '01000000,0a00000000000000,1,10',
    ]);
    expect(JSON.parse(await api.mapViewExport({ view, format: 'json' }))).toHaveLength(10);
  });

  it('pauses: edits do not show until resumed', async () => {
    const handle = await hashWith(5);
    const { view } = await api.mapViewOpen({ path: 'flows', refreshMs: 250 });
    const first = await nextUpdate(view, (e) => e.complete);
    // Fake time: twenty refresh intervals pass at once, so "nothing came" is proven, not hoped for.
    vi.useFakeTimers();
    try {
      await api.mapViewConfigure({ view, paused: true });
      const seen = events.length;
      await api.mapUpdate({ handle, key: le32(1), value: le64(5), flag: 'any' });
      await vi.advanceTimersByTimeAsync(20 * 250);
      expect(events.slice(seen).filter((e) => e.type === 'map-view-updated')).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
    await api.mapViewConfigure({ view, paused: false });
    expect(await nextUpdate(view, (e) => e.generation > first.generation)).toMatchObject({ changedCount: 1 });
  });

  it('says when a refresh fails and keeps serving the rows of the last good read', async () => {
    await hashWith(12);
    const { view } = await api.mapViewOpen({ path: 'flows', refreshMs: 250 });
    const first = await nextUpdate(view, (e) => e.complete);
    expect(first.readAt).toBeGreaterThan(0);
    // Rows on screen are read at every tick.
    await api.mapViewWindow({ view, offset: 0, count: 100 });
    // The view's own fd goes away under it, as when the engine loses it: every later read gets EBADF.
    await env.engine.close(env.host.views.get(view).handle);
    const failed = await vi.waitFor(() => {
      const hit = events.find((e): e is MapViewFailedEvent => e.type === 'map-view-failed' && e.view === view);
      if (!hit) throw new Error('no map-view-failed event yet');
      return hit;
    });
    const lastGood = events.filter((e): e is MapViewUpdatedEvent => e.type === 'map-view-updated').at(-1);
    expect(failed).toMatchObject({ code: 'EBADF', staleSince: lastGood?.readAt });
    expect(failed.message).toMatch(/not open/);
    const w = await api.mapViewWindow({ view, offset: 0, count: 100 });
    expect([w.total, w.generation]).toEqual([12, lastGood?.generation]);
  });

  it('refuses refresh intervals outside 250 ms..10 s, unknown views, non-maps and ringbufs, with reasons', async () => {
    await hashWith(1);
    await expect(api.mapViewOpen({ path: 'flows', refreshMs: 100 })).rejects.toMatchObject({ code: 'EINVAL' });
    const { view } = await api.mapViewOpen({ path: 'flows' });
    await expect(api.mapViewConfigure({ view, refreshMs: 20_000 })).rejects.toMatchObject({ code: 'EINVAL' });
    await api.mapViewClose({ view });
    await expect(api.mapViewWindow({ view, offset: 0, count: 1 })).rejects.toMatchObject({ code: 'EBADF' });
    await expect(api.mapViewWindow({ view: 4242, offset: 0, count: 1 })).rejects.toMatchObject({ code: 'EBADF' });
    const prog = await api.loadProgram({
      type: 'socket_filter',
      name: 'p',
      insns: 'b7000000000000009500000000000000',
      license: 'GPL',
    });
    await api.pin({ handle: prog.handle, path: 'prog' });
    await expect(api.mapViewOpen({ path: 'prog' })).rejects.toMatchObject({ code: 'EINVAL' });
    const rb = await api.createMap({
      type: 'ringbuf',
      name: 'rb',
      keySize: 0,
      valueSize: 0,
      maxEntries: 4096,
      flags: [],
    });
    await api.pin({ handle: rb.handle, path: 'rb' });
    const err = await api.mapViewOpen({ path: 'rb' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ENOTSUPP' });
    expect(String((err as Error).message)).toMatch(/ring buffer/i);
    await expect(api.mapViewOpen({ path: 'nothing-here' })).rejects.toMatchObject({ code: 'ENOENT' });
    // The handles the views took are gone again.
    expect((await api.handles({})).filter((h) => h.path === 'rb' || h.path === 'prog')).toEqual([]);
  });
});
