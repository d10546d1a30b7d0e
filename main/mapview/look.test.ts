// Map view sessions beyond plain numbers: what changed since the user last looked (rows changed, appeared,
// gone; marking seen; "changed in the last N s"), byte-string sorts and filters, and ages against the engine's
// CLOCK_MONOTONIC, on the emulated engine behind the real handler table and frame codec.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ApiClient, AppEvent } from '../../shared/contract.js';
import type { FieldRef } from '../../shared/fields.js';
import type { MapViewUpdatedEvent } from '../../shared/mapview.js';

import { createInProcessApi, type InProcessApi } from '../../test/support/in-process-api.js';

import type { EmulatedEngine } from '../engine/emulated/engine.js';

const hex = (...b: number[]) => Buffer.from(b).toString('hex');
const le64 = (n: bigint | number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b.toString('hex');
};
const stamp: FieldRef = { part: 'value', path: 'ts', offset: 0, size: 8, encoding: 'uint', endian: 'le' };

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

function nextUpdate(view: number, pred: (e: MapViewUpdatedEvent) => boolean): Promise<MapViewUpdatedEvent> {
  return new Promise((resolve) => {
    const check = () => {
      const hit = events.find(
        (e): e is MapViewUpdatedEvent => e.type === 'map-view-updated' && e.view === view && pred(e),
      );
      if (hit) resolve(hit);
      else setTimeout(check, 5);
    };
    check();
  });
}

/** A hash of 16-byte keys (an IPv6 address) and 8-byte values, pinned at "v6". */
async function v6Map(rows: [number, bigint][]): Promise<number> {
  const h = await api.createMap({ type: 'hash', name: 'v6', keySize: 16, valueSize: 8, maxEntries: 64, flags: [] });
  for (const [last, value] of rows)
    await api.mapUpdate({
      handle: h.handle,
      key: hex(0x20, 0x01, 0x0d, 0xb8, ...Array(11).fill(0), last),
      value: le64(value),
      flag: 'any',
    });
  await api.pin({ handle: h.handle, path: 'v6' });
  return h.handle;
}

const keysOf = (w: { count: number; keys: Uint8Array; keySize: number }) =>
  Array.from({ length: w.count }, (_, i) => w.keys[(i + 1) * w.keySize - 1]);

describe('map view sessions: since you last looked', () => {
  it('marks rows changed and appeared since the view opened, keeps their values then, and lists gone rows', async () => {
    const handle = await v6Map([
      [1, 10n],
      [2, 20n],
      [3, 30n],
    ]);
    const { view } = await api.mapViewOpen({ path: 'v6', refreshMs: 10_000 });
    const first = await nextUpdate(view, (e) => e.complete);
    const opened = await api.mapViewWindow({ view, offset: 0, count: 10 });
    expect(opened.sinceLook).toEqual(new Uint8Array(3));
    expect(opened.look).toMatchObject({ changed: 0, added: 0, gone: 0, goneCount: 0 });

    const key = (last: number) => hex(0x20, 0x01, 0x0d, 0xb8, ...Array(11).fill(0), last);
    await api.mapUpdate({ handle, key: key(2), value: le64(21), flag: 'exist' });
    await api.mapUpdate({ handle, key: key(9), value: le64(90), flag: 'noexist' });
    await api.mapDelete({ handle, key: key(3) });
    const second = await nextUpdate(view, (e) => e.generation > first.generation);
    // Two more refreshes with nothing new: the marks stay until the user says they looked.
    await api.mapUpdate({ handle, key: key(1), value: le64(10), flag: 'exist' });
    await nextUpdate(view, (e) => e.generation > second.generation);
    await api.mapViewConfigure({ view, sort: { by: 'key', dir: 'asc' } });
    const w = await api.mapViewWindow({ view, offset: 0, count: 10 });
    expect(keysOf(w)).toEqual([1, 2, 9]);
    expect(Array.from(w.sinceLook)).toEqual([0, 1, 2]);
    expect(Buffer.from(w.baseValues.subarray(8, 16)).readBigUInt64LE(0)).toBe(20n);
    expect(Buffer.from(w.baseValues.subarray(16, 24)).readBigUInt64LE(0)).toBe(0n);
    expect(w.look).toMatchObject({ changed: 1, added: 1, gone: 1, goneCount: 1 });
    expect(w.look.goneKeys[15]).toBe(3);
    expect(Buffer.from(w.look.goneValues).readBigUInt64LE(0)).toBe(30n);

    await api.mapViewConfigure({ view, filter: [{ kind: 'changed' }] });
    expect(keysOf(await api.mapViewWindow({ view, offset: 0, count: 10 }))).toEqual([2, 9]);
    await api.mapViewConfigure({ view, markSeen: true });
    const seen = await api.mapViewWindow({ view, offset: 0, count: 10 });
    expect([seen.total, seen.look.changed, seen.look.added, seen.look.gone]).toEqual([0, 0, 0, 0]);
    // "Changed in the last minute" still holds the rows that changed, whatever the user marked seen.
    await api.mapViewConfigure({ view, filter: [{ kind: 'changed', withinMs: 60_000 }] });
    expect(keysOf(await api.mapViewWindow({ view, offset: 0, count: 10 }))).toEqual([2, 9]);
    // Same keys in the same order, one value changed: marked from the new look on.
    const before = (await api.mapViewWindow({ view, offset: 0, count: 10 })).generation;
    await api.mapUpdate({ handle, key: key(1), value: le64(11), flag: 'exist' });
    await nextUpdate(view, (e) => e.generation > before && e.changedCount === 1);
    await api.mapViewConfigure({ view, filter: [] });
    const after = await api.mapViewWindow({ view, offset: 0, count: 10 });
    expect([keysOf(after), Array.from(after.sinceLook), after.look.changed]).toEqual([[1, 2, 9], [1, 0, 0], 1]);
    expect(Buffer.from(after.baseValues.subarray(0, 8)).readBigUInt64LE(0)).toBe(10n);
  });

  it('sorts and filters by bytes of the key (an IPv6 prefix as a byte range)', async () => {
    await v6Map([
      [5, 1n],
      [1, 2n],
      [0xff, 3n],
    ]);
    const { view } = await api.mapViewOpen({ path: 'v6' });
    await nextUpdate(view, (e) => e.complete);
    await api.mapViewConfigure({ view, sort: { by: 'bytes', part: 'key', offset: 8, size: 8, dir: 'desc' } });
    expect(keysOf(await api.mapViewWindow({ view, offset: 0, count: 10 }))).toEqual([0xff, 5, 1]);
    const at = { part: 'key' as const, offset: 0, size: 16 };
    await api.mapViewConfigure({
      view,
      filter: [
        { kind: 'bytes', ...at, op: '>=', hex: `20010db8${'00'.repeat(12)}` },
        { kind: 'bytes', ...at, op: '<=', hex: `20010db8${'00'.repeat(11)}0f` },
      ],
    });
    expect(keysOf(await api.mapViewWindow({ view, offset: 0, count: 10 }))).toEqual([5, 1]);
    await expect(
      api.mapViewConfigure({ view, filter: [{ kind: 'bytes', ...at, op: '==', hex: '2001' }] }),
    ).rejects.toMatchObject({ code: 'EINVAL' });
    await expect(
      api.mapViewConfigure({
        view,
        filter: [{ kind: 'bytes', part: 'key', offset: 12, size: 8, op: '==', hex: '00'.repeat(8) }],
      }),
    ).rejects.toMatchObject({ code: 'EINVAL', message: expect.stringMatching(/outside the key/) });
  });

  it("ages timestamp fields against the engine's CLOCK_MONOTONIC and sends it with each window", async () => {
    const engine = env.engine as unknown as EmulatedEngine;
    const now = 5_000_000_000_000n;
    engine.clock = () => now;
    const h = await api.createMap({ type: 'hash', name: 'seen', keySize: 1, valueSize: 8, maxEntries: 8, flags: [] });
    const ages = [0.5, 3, 30];
    for (const [i, s] of ages.entries())
      await api.mapUpdate({ handle: h.handle, key: hex(i), value: le64(now - BigInt(s * 1e9)), flag: 'any' });
    await api.mapUpdate({ handle: h.handle, key: hex(9), value: le64(0), flag: 'any' });
    await api.pin({ handle: h.handle, path: 'seen' });
    const { view } = await api.mapViewOpen({ path: 'seen' });
    await nextUpdate(view, (e) => e.complete);
    await api.mapViewConfigure({
      view,
      filter: [{ kind: 'age', field: stamp, op: '<', ns: '5000000000' }],
      sort: { by: 'key', dir: 'asc' },
    });
    const w = await api.mapViewWindow({ view, offset: 0, count: 10 });
    expect(keysOf(w)).toEqual([0, 1]);
    expect(w.monoNowNs).toBe(Number(now));
    expect(Math.abs(w.wallNowMs - Date.now())).toBeLessThan(60_000);
    // A timestamp never set (0) has no age: it matches neither side.
    await api.mapViewConfigure({ view, filter: [{ kind: 'age', field: stamp, op: '>', ns: '5000000000' }] });
    expect(keysOf(await api.mapViewWindow({ view, offset: 0, count: 10 }))).toEqual([2]);
  });
});
