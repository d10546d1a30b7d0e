// Drill-down on the native engine and a private bpffs: an array_of_maps made with bpftool, whose inner map has no
// pin left, opens by the id its entry holds and shows the entry bpftool wrote; a freed id says so.

import { execFileSync } from 'node:child_process';
import { unlinkSync } from 'node:fs';

import { describe, expect, it, vi } from 'vitest';

import type { MapViewWindow } from '../../shared/mapview.js';

import { bpftoolMapCreate } from '../../test/support/bpftool-map.js';
import { bpftoolSkipReason, nativeSkipReason, useNativeEngine } from '../../test/support/native-env.js';

import { MapViewManager } from './manager.js';

const skip = nativeSkipReason('mapview/drill.native.test.ts') ?? bpftoolSkipReason('mapview/drill.native.test.ts');

const bpftool = (...args: string[]): string => execFileSync('bpftool', args, { stdio: 'pipe' }).toString();

function complete(views: MapViewManager, view: number): Promise<MapViewWindow> {
  return vi.waitFor(
    () => {
      const w = views.get(view).window(0, 100);
      if (!w.complete) throw new Error('still reading');
      return w;
    },
    { timeout: 10_000, interval: 10 },
  );
}

describe.skipIf(skip !== undefined)('drill-down (native engine)', () => {
  const env = useNativeEngine();

  it("opens an array_of_maps entry's unpinned inner map by id, with bpftool's entry in it", async () => {
    const dir = env.mount.dir;
    bpftoolMapCreate(`${dir}/inner`, { type: 'array', entries: 4, name: 'inner' });
    const outer = { type: 'array_of_maps', value: 4, entries: 2, name: 'outer', innerPinned: `${dir}/inner` };
    bpftoolMapCreate(`${dir}/outer`, outer);
    bpftool('map', 'update', 'pinned', `${dir}/outer`, 'key', '1', '0', '0', '0', 'value', 'pinned', `${dir}/inner`);
    const value = ['42', '0', '0', '0', '0', '0', '0', '0'];
    bpftool('map', 'update', 'pinned', `${dir}/inner`, 'key', '2', '0', '0', '0', 'value', ...value);
    const innerId = (JSON.parse(bpftool('-j', 'map', 'show', 'pinned', `${dir}/inner`)) as { id: number }).id;
    // Only the outer map's slot keeps it alive now.
    unlinkSync(`${dir}/inner`);
    const views = new MapViewManager(env.engine);
    try {
      const outer = await views.open({ path: 'outer' });
      expect(outer.info.type).toBe('array_of_maps');
      const w = await complete(views, outer.view);
      // The empty slot 0 is not an entry: one row, at key 1.
      expect(Buffer.from(w.keys).toString('hex')).toBe('01000000');
      expect(Buffer.from(w.values).readUInt32LE(0)).toBe(innerId);
      const inner = await views.open({ id: innerId });
      expect(inner.info).toMatchObject({ id: innerId, name: 'inner', type: 'array', valueSize: 8 });
      const iw = await complete(views, inner.view);
      expect(iw.entries).toBe(4);
      expect(Buffer.from(iw.values.subarray(2 * 8, 3 * 8)).readBigUInt64LE(0)).toBe(42n);
      // Emptying the slot frees the inner map: its id opens no more, and says why.
      views.close(inner.view);
      bpftool('map', 'delete', 'pinned', `${dir}/outer`, 'key', '1', '0', '0', '0');
      await vi.waitFor(async () => expect(await env.engine.objectAlive('map', innerId)).toBe(false), {
        timeout: 10_000,
      });
      await expect(views.open({ id: innerId })).rejects.toMatchObject({
        code: 'ENOENT',
        message: `Map id ${innerId} no longer exists (ENOENT).`,
      });
    } finally {
      views.dispose();
    }
  });
});
