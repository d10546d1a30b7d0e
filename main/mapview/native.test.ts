// Map view sessions on the native engine and a private bpffs: a 100k-entry map serves its first window, an
// outside `bpftool map update` shows as a changed row after the next full scan, and a 1M-entry refresh never
// blocks the event loop for long.
import { execFileSync } from 'node:child_process';

import { beforeAll, describe, expect, it, vi } from 'vitest';

import type { MapViewEvent, MapViewUpdatedEvent } from '../../shared/mapview.js';

import { buildBpfRef } from '../../test/support/bpf-ref.js';
import { bpftoolSkipReason, nativeSkipReason, useNativeEngine } from '../../test/support/native-env.js';

import { MapViewManager } from './manager.js';

const skip = nativeSkipReason('mapview/native.test.ts') ?? bpftoolSkipReason('mapview/native.test.ts');

function waitFor(events: MapViewEvent[], pred: (e: MapViewUpdatedEvent) => boolean): Promise<MapViewUpdatedEvent> {
  return vi.waitFor(
    () => {
      const hit = events.find((e): e is MapViewUpdatedEvent => e.type === 'map-view-updated' && pred(e));
      if (!hit) throw new Error('no matching map-view-updated event yet');
      return hit;
    },
    { timeout: 30_000, interval: 5 },
  );
}

describe.skipIf(skip !== undefined)('map view sessions (native engine)', () => {
  const env = useNativeEngine();
  // Built here, not skipped on failure: .ci/run installs the compiler and libbpf-dev it needs.
  let REF = '';
  beforeAll(() => {
    REF = buildBpfRef();
  });

  it('serves a 100k-entry hash and shows an outside bpftool update as a changed row', async () => {
    execFileSync(REF, ['fill', `${env.mount.dir}/big`, 'hash', '100000'], { stdio: 'pipe' });
    const views = new MapViewManager(env.engine);
    const events: MapViewEvent[] = [];
    views.subscribe((e) => events.push(e));
    try {
      const { view } = await views.open({ path: 'big' }, 500);
      const firstRows = await waitFor(events, (e) => e.view === view && e.entries > 0);
      const early = views.get(view).window(0, 50);
      expect(early.count).toBe(50);
      expect(firstRows.complete || early.total <= 100_000).toBe(true);
      const done = await waitFor(events, (e) => e.view === view && e.complete);
      expect(done.entries).toBe(100_000);
      // key 42 -> 126 (3*i); bpftool writes 0xff.. from outside the process.
      execFileSync(
        'bpftool',
        [
          'map',
          'update',
          'pinned',
          `${env.mount.dir}/big`,
          'key',
          '42',
          '0',
          '0',
          '0',
          'value',
          '255',
          '255',
          '0',
          '0',
          '0',
          '0',
          '0',
          '0',
        ],
        { stdio: 'pipe' },
      );
      // Off screen, the row is read again by the next full scan; "Rescan now" runs it at once.
      await views.get(view).rescan();
      const next = events.filter((e): e is MapViewUpdatedEvent => e.type === 'map-view-updated').at(-1);
      expect(next?.changedCount).toBe(1);
      await views.get(view).configure({ filter: [{ kind: 'keyPrefix', hex: '2a000000' }] });
      const w = views.get(view).window(0, 10);
      expect([w.total, w.changed[0]]).toEqual([1, 1]);
      expect(Buffer.from(w.values.subarray(0, 8)).readBigUInt64LE(0)).toBe(0xffffn);
      expect(Buffer.from(w.prevValues.subarray(0, 8)).readBigUInt64LE(0)).toBe(126n);
    } finally {
      views.dispose();
    }
  });

  it('keeps the event loop running while it refreshes and sorts a 1M-entry map', async () => {
    execFileSync(REF, ['fill', `${env.mount.dir}/huge`, 'hash', '1000000'], { stdio: 'pipe' });
    const views = new MapViewManager(env.engine);
    const events: MapViewEvent[] = [];
    views.subscribe((e) => events.push(e));
    // Counts turns of the event loop while the pass runs: a blocking pass allows none, a sliced one one per slice.
    let turns = 0;
    let counting = false;
    const tick = (): void => {
      if (!counting) return;
      turns++;
      setImmediate(tick);
    };
    try {
      const { view } = await views.open({ path: 'huge' }, 250);
      const done = await waitFor(events, (e) => e.view === view && e.complete);
      counting = true;
      setImmediate(tick);
      await views.get(view).configure({
        sort: {
          by: 'field',
          dir: 'desc',
          field: { part: 'value', path: 'v', offset: 0, size: 8, encoding: 'uint', endian: 'le' },
        },
      });
      await waitFor(events, (e) => e.view === view && e.generation > done.generation + 1);
      counting = false;
      const top = views.get(view).window(0, 1);
      expect(Buffer.from(top.values).readBigUInt64LE(0)).toBe(2_999_997n);
      // A 1M-entry read, diff and sort is well over a hundred slices; the time each takes is `npm run bench`'s.
      expect(turns).toBeGreaterThan(50);
    } finally {
      counting = false;
      views.dispose();
    }
  });
});
