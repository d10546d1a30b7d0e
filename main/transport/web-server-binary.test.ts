// A real WebSocket round trip: map view windows arrive as binary frames holding typed arrays, views push their
// events to the connection that opened them, and closing the connection closes its views.
import { tmpdir } from 'node:os';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { AppEvent } from '../../shared/contract.js';
import type { PinStore } from '../../shared/engine.js';

import { connectRpc } from '../../e2e/support/rpc.js';
import { createEmulatedEngine } from '../engine/emulated/index.js';
import { createHost, type Host } from '../host/create-host.js';
import { type RunningWebServer, startWebServer } from './web-server.js';

let engine: PinStore;
let host: Host;
let server: RunningWebServer;

beforeEach(async () => {
  engine = createEmulatedEngine({ demo: false, traffic: false });
  host = createHost(engine);
  server = await startWebServer({ rpc: host, rendererDir: tmpdir() });
});
afterEach(async () => {
  await server.close();
  await host.dispose();
});

const until = async (pred: () => boolean): Promise<void> => {
  while (!pred()) await new Promise((r) => setTimeout(r, 5));
};

describe('web server: binary frames', () => {
  it('delivers map view windows as typed arrays and closes the views of a closed connection', async () => {
    const origin = `http://127.0.0.1:${server.port}`;
    const rpc = await connectRpc(origin, server.token, origin);
    const { api } = rpc;
    const h = await api.createMap({ type: 'array', name: 'a', keySize: 4, valueSize: 8, maxEntries: 1000, flags: [] });
    await api.mapUpdate({ handle: h.handle, key: '05000000', value: '0102030405060708', flag: 'any' });
    await api.pin({ handle: h.handle, path: 'arr' });
    const { view } = await api.mapViewOpen({ path: 'arr' });
    await until(() => rpc.events.some((e: AppEvent) => e.type === 'map-view-updated' && e.view === view && e.complete));
    const w = await api.mapViewWindow({ view, offset: 5, count: 2 });
    expect(w.values).toBeInstanceOf(Uint8Array);
    expect(w.changed).toBeInstanceOf(Uint8Array);
    expect(Array.from(w.values.subarray(0, 8))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(w.total).toBe(1000);
    const { series } = await api.mapViewSeries({ view });
    expect(series).toEqual([]);
    expect(host.views.views()).toEqual([view]);
    rpc.close();
    await until(() => host.views.views().length === 0);
    expect(engine.handles().filter((x) => x.path === 'arr')).toEqual([]);
  });
});
