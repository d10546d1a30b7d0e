// Handles bpfscope holds for itself (map views, details reads, Undo windows) stay out of the user's Handles pane.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { AppEvent } from '../../shared/contract.js';

import { createInProcessApi, type InProcessApi } from '../../test/support/in-process-api.js';

let env: InProcessApi;
beforeEach(async () => (env = await createInProcessApi()));
afterEach(() => env.dispose());

async function pinnedMap(): Promise<void> {
  const h = await env.api.createMap({
    type: 'hash',
    name: 'flows',
    keySize: 4,
    valueSize: 8,
    maxEntries: 8,
    flags: [],
  });
  await env.api.pin({ handle: h.handle, path: 'flows' });
  await env.api.close({ handle: h.handle });
}

describe('internal handles', () => {
  it('a map view and the details read leave the Handles list and its events alone', async () => {
    await pinnedMap();
    const events: AppEvent[] = [];
    env.api.onEvent((e) => events.push(e));
    const opened = await env.api.mapViewOpen({ path: 'flows' });
    await env.api.inspectPath({ path: 'flows' });
    expect(await env.api.handles({})).toEqual([]);
    expect(events.filter((e) => e.type === 'handles-changed' || e.type === 'handle-closed')).toEqual([]);
    await env.api.mapViewClose({ view: opened.view });
  });

  it('an internal handle cannot be closed through the API, and the object shows no user handle', async () => {
    await pinnedMap();
    const { view } = await env.api.mapViewOpen({ path: 'flows' });
    const internal = (await env.engine.handles()).length;
    expect(internal).toBe(0);
    for (let n = 1; n < 20; n++) {
      await expect(env.api.close({ handle: n })).rejects.toMatchObject({ code: 'EBADF' });
    }
    const impact = await env.api.unlinkImpact({ path: 'flows' });
    expect(impact).toMatchObject({ handles: [], freesObject: true });
    expect((await env.api.mapViewWindow({ view, offset: 0, count: 10 })).entries).toBe(0);
  });
});
