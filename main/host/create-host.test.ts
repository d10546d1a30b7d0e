// The composition root: one host per engine carries engine and view events, and dispose() ends everything it built.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { AppEvent } from '../../shared/contract.js';

import { apiOf } from '../../test/support/in-process-api.js';

import { createEmulatedEngine } from '../engine/emulated/index.js';
import { createHost, type Host } from './create-host.js';

let host: Host;
beforeEach(() => void (host = createHost(createEmulatedEngine({ demo: true, traffic: false }))));
afterEach(() => host.dispose());

const MAP = 'tc/globals/cilium_ct4_global';

describe('createHost', () => {
  it('pushes engine events and map view events to one subscriber', async () => {
    const events: AppEvent[] = [];
    host.subscribe((e) => events.push(e));
    const api = apiOf(host);
    await api.mkdir({ path: 'fresh' });
    const { view } = await api.mapViewOpen({ path: MAP });
    await expect.poll(() => events.some((e) => e.type === 'map-view-updated' && e.view === view)).toBe(true);
    expect(events).toContainEqual({ type: 'tree-changed', dirs: [''] });
  });

  it('closes every view and every handle on dispose, once', async () => {
    const api = apiOf(host);
    const events: AppEvent[] = [];
    host.subscribe((e) => events.push(e));
    const { view } = await api.mapViewOpen({ path: MAP });
    // Held only by the client's handle: closing it frees the map.
    const h = await api.createMap({ type: 'hash', name: 'm', keySize: 4, valueSize: 4, maxEntries: 4, flags: [] });
    await Promise.all([host.dispose(), host.dispose()]);
    expect(host.views.views()).toEqual([]);
    expect(events).toContainEqual({ type: 'map-view-closed', view, reason: 'bpfscope is shutting down.' });
    expect(events).toContainEqual({ type: 'object-freed', kind: 'map', id: h.id });
  });
});
