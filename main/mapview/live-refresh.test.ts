// Cheap live refresh on the emulated engine, its calls counted through a wrapper: a tick looks up only the keys
// on screen, the whole map is read on the full-scan cadence, on "Rescan now" and after a sort or filter change,
// the view says when the full scan ran, and a key gone from under the screen is marked vanished at once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { ApiClient, AppEvent } from '../../shared/contract.js';
import type { PinStore } from '../../shared/engine.js';
import type { MapViewUpdatedEvent } from '../../shared/mapview.js';

import { createInProcessApi, type InProcessApi } from '../../test/support/in-process-api.js';

import { createEmulatedEngine } from '../engine/emulated/index.js';

const le32 = (n: number): Uint8Array => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};
const le64 = (n: number): Uint8Array => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
};
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

interface Calls {
  lookups: string[];
  fullReads: number;
}

/** The real emulated engine, with its map reads counted. */
function counted(engine: PinStore): { engine: PinStore; calls: Calls } {
  const calls: Calls = { lookups: [], fullReads: 0 };
  const wrapped = new Proxy(engine, {
    get(target, prop, receiver) {
      const real: unknown = Reflect.get(target, prop, receiver);
      if (typeof real !== 'function') return real;
      if (prop === 'mapLookup')
        return (handle: number, key: Uint8Array | null) => {
          calls.lookups.push(key ? hex(key) : 'null');
          return target.mapLookup(handle, key);
        };
      if (prop === 'mapReadPacked')
        return (...args: Parameters<PinStore['mapReadPacked']>) => {
          calls.fullReads++;
          return target.mapReadPacked(...args);
        };
      return (real as (...a: unknown[]) => unknown).bind(target);
    },
  });
  return { engine: wrapped, calls };
}

let raw: PinStore;
let env: InProcessApi;
let api: ApiClient;
let calls: Calls;
let events: AppEvent[];
let mapHandle: number;

beforeEach(async () => {
  raw = await createEmulatedEngine({ demo: false, traffic: false });
  const c = counted(raw);
  calls = c.calls;
  env = await createInProcessApi({ engine: c.engine });
  api = env.api;
  events = [];
  api.onEvent((e) => events.push(e));
  const h = await raw.createMap({ type: 'hash', name: 'flows', keySize: 4, valueSize: 8, maxEntries: 512, flags: [] });
  for (let i = 0; i < 200; i++) await raw.mapUpdate(h.handle, le32(i), le64(i * 10), 'any');
  await raw.pin(h.handle, 'flows');
  mapHandle = h.handle;
});
afterEach(async () => {
  await env.dispose();
  await raw.dispose();
});

const updates = (view: number): MapViewUpdatedEvent[] =>
  events.filter((e): e is MapViewUpdatedEvent => e.type === 'map-view-updated' && e.view === view);

function updateAfter(view: number, generation: number): Promise<MapViewUpdatedEvent> {
  return vi.waitFor(
    () => {
      const hit = updates(view).find((e) => e.complete && e.generation > generation);
      if (!hit) throw new Error(`no complete update after generation ${generation} yet`);
      return hit;
    },
    { timeout: 10_000, interval: 5 },
  );
}

async function openFlows(): Promise<{ view: number; first: MapViewUpdatedEvent }> {
  const { view } = await api.mapViewOpen({ path: 'flows', refreshMs: 250 });
  return { view, first: await updateAfter(view, 0) };
}

describe('cheap live refresh', () => {
  it('looks up only the keys on screen at each tick, and reads the whole map only at open', async () => {
    const { view, first } = await openFlows();
    const shown = await api.mapViewWindow({ view, offset: 10, count: 5 });
    const visibleKeys = Array.from({ length: 5 }, (_, i) => hex(shown.keys.subarray(i * 4, i * 4 + 4)));
    calls.lookups.length = 0;
    const fullReadsBefore = calls.fullReads;
    const second = await updateAfter(view, first.generation);
    await updateAfter(view, second.generation);
    expect(calls.fullReads).toBe(fullReadsBefore);
    expect(new Set(calls.lookups)).toEqual(new Set(visibleKeys));
    expect(calls.lookups.length % 5).toBe(0);
  });

  it('shows a new value of a key on screen at the next tick, while the full scan keeps its time', async () => {
    const { view, first } = await openFlows();
    const w0 = await api.mapViewWindow({ view, offset: 0, count: 3 });
    const key = w0.keys.slice(0, 4);
    const before = Buffer.from(w0.values.subarray(0, 8)).readBigUInt64LE(0);
    // Straight to the engine: no edit handler, so no full scan follows.
    await raw.mapUpdate(mapHandle, key, le64(999_999), 'exist');
    const tick = await updateAfter(view, first.generation);
    const w = await api.mapViewWindow({ view, offset: 0, count: 3 });
    expect(Buffer.from(w.values.subarray(0, 8)).readBigUInt64LE(0)).toBe(999_999n);
    expect(Buffer.from(w.prevValues.subarray(0, 8)).readBigUInt64LE(0)).toBe(before);
    expect(w.changed[0]).toBe(1);
    expect(tick.changedCount).toBe(1);
    expect(tick.scanAt).toBe(first.scanAt);
    expect(w.scanAt).toBe(first.scanAt);
    expect(tick.readAt).toBeGreaterThanOrEqual(first.scanAt);
  });

  it('shows no rate for a row newly scrolled into view until it has two samples a tick apart', async () => {
    const { view, first } = await openFlows();
    await api.mapViewWindow({ view, offset: 0, count: 5 });
    await updateAfter(view, first.generation);
    // The view's row 100 without asking the view for it (that would put it on screen).
    const key = (await raw.mapReadPacked(mapHandle)).keys.slice(400, 404);
    // Off screen, row 100 changes; its last read is the full scan's, a while back.
    await raw.mapUpdate(mapHandle, key, le64(5000), 'exist');
    const rowWhen = (value: bigint) =>
      vi.waitFor(
        async () => {
          const w = await api.mapViewWindow({ view, offset: 100, count: 5 });
          if (Buffer.from(w.values.subarray(0, 8)).readBigUInt64LE(0) !== value) throw new Error('not read yet');
          return w;
        },
        { timeout: 10_000, interval: 20 },
      );
    // Scrolled into view: its first lookup shows the change but has no interval to make a rate of.
    const w1 = await rowWhen(5000n);
    expect(hex(w1.keys.subarray(0, 4))).toBe(hex(key));
    expect(w1.changed[0]).toBe(1);
    expect(w1.rated[0]).toBe(0);
    // The next change is between two lookups a tick apart: now a rate holds.
    await raw.mapUpdate(mapHandle, key, le64(7000), 'exist');
    const w2 = await rowWhen(7000n);
    expect(w2.changed[0]).toBe(1);
    expect(w2.rated[0]).toBe(1);
    expect(Buffer.from(w2.prevValues.subarray(0, 8)).readBigUInt64LE(0)).toBe(5000n);
    expect(w2.intervalMs).toBeGreaterThan(0);
  });

  it('marks a key on screen whose lookup says ENOENT as vanished at once, and drops it at the full scan', async () => {
    const { view, first } = await openFlows();
    const w0 = await api.mapViewWindow({ view, offset: 0, count: 4 });
    const key = w0.keys.slice(4, 8);
    await raw.mapDelete(mapHandle, key);
    await updateAfter(view, first.generation);
    const w = await api.mapViewWindow({ view, offset: 0, count: 4 });
    expect(hex(w.keys.subarray(4, 8))).toBe(hex(key));
    expect(Array.from(w.vanished)).toEqual([0, 1, 0, 0]);
    expect(w.entries).toBe(200);
    await api.mapViewConfigure({ view, rescan: true });
    const after = await api.mapViewWindow({ view, offset: 0, count: 200 });
    expect(after.entries).toBe(199);
    expect(after.scanAt).toBeGreaterThanOrEqual(first.scanAt);
    expect(Array.from(after.vanished).some((v) => v === 1)).toBe(false);
    const keys = Array.from({ length: after.count }, (_, i) => hex(after.keys.subarray(i * 4, i * 4 + 4)));
    expect(keys).not.toContain(hex(key));
  });

  it('reads the whole map again when the sort or filter changes and on "Rescan now"', async () => {
    const { view } = await openFlows();
    const before = calls.fullReads;
    await api.mapViewConfigure({
      view,
      sort: {
        by: 'field',
        dir: 'desc',
        field: { part: 'value', path: 'v', offset: 0, size: 8, encoding: 'uint', endian: 'le' },
      },
    });
    await vi.waitFor(() => expect(calls.fullReads).toBe(before + 1), { timeout: 10_000, interval: 5 });
    await api.mapViewConfigure({ view, filter: [{ kind: 'keyPrefix', hex: '01' }] });
    await vi.waitFor(() => expect(calls.fullReads).toBe(before + 2), { timeout: 10_000, interval: 5 });
    await api.mapViewConfigure({ view, rescan: true });
    expect(calls.fullReads).toBe(before + 3);
    const w = await api.mapViewWindow({ view, offset: 0, count: 10 });
    expect(w.total).toBe(1);
  });

  it('re-reads the whole map on its own at the full-scan cadence, and says when', async () => {
    const { view, first } = await openFlows();
    await api.mapViewConfigure({ view, fullScanMs: 1000 });
    const scanned = await vi.waitFor(
      () => {
        const hit = updates(view).find((e) => e.scanAt > first.scanAt);
        if (!hit) throw new Error('no second full scan yet');
        return hit;
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(scanned.readAt).toBe(scanned.scanAt);
    await expect(api.mapViewConfigure({ view, fullScanMs: 10 })).rejects.toMatchObject({ code: 'EINVAL' });
  });
});
