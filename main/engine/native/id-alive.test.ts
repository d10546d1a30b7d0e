// Asking whether an object is alive must not keep it alive: a closed prog_array goes away at once.
import { describe, expect, it, vi } from 'vitest';

import { nativeSkipReason, newHash, useNativeEngine } from '../../../test/support/native-env.js';

const skip = nativeSkipReason('id-alive.test.ts');

describe.skipIf(skip !== undefined)('native engine: objectAlive', () => {
  const env = useNativeEngine();

  it('sees a closed prog_array gone within a second every time, even when asked every millisecond', async () => {
    const { engine } = env;
    // Opening by id to look took a user reference; closing it re-armed the kernel's deferred prog_array
    // clear, which holds the map, so frequent looks kept it alive for seconds now and then.
    for (let i = 0; i < 100; i++) {
      const h = await engine.createMap({
        type: 'prog_array',
        name: 'pa',
        keySize: 4,
        valueSize: 4,
        maxEntries: 4,
        flags: [],
      });
      await engine.close(h.handle);
      await vi.waitFor(async () => expect(await engine.objectAlive('map', h.id)).toBe(false), {
        timeout: 1000,
        interval: 1,
      });
    }
  }, 30_000);

  it('answers true for a live object and false for ids that are gone or were never given', async () => {
    const { engine } = env;
    const h = await newHash(engine);
    expect(await engine.objectAlive('map', h.id)).toBe(true);
    expect(await engine.objectAlive('map', 0)).toBe(false);
    expect(await engine.objectAlive('map', 0x7ffffff0)).toBe(false);
    await engine.close(h.handle);
    expect(await engine.objectAlive('map', h.id)).toBe(false);
  });
});
