// @vitest-environment node
// The browser-mode client against the real web server (main/transport/web-server.ts) on loopback, the real
// host and the real emulated engine; the server is stopped and started again to test reconnects.
import { tmpdir } from 'node:os';

import type { ClientOptions } from 'ws';
import WebSocket from 'ws';

import { WS_PATH } from '../../shared/channels.js';
import type { AppEvent } from '../../shared/contract.js';
import type { PinStore } from '../../shared/engine.js';
import { BpfError } from '../../shared/errors.js';

import { createEmulatedEngine } from '../../main/engine/emulated/index.js';
import { createHost } from '../../main/host/create-host.js';
import type { RunningWebServer } from '../../main/transport/web-server.js';
import { startWebServer } from '../../main/transport/web-server.js';

import { createAppStore } from '../store/app-store.js';
import { createWebSocketClient } from './websocket-client.js';

interface Host {
  engine: PinStore;
  server: RunningWebServer;
  /** Stops the server: every connected client is dropped. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same token. */
  restart(): Promise<void>;
  client(): ReturnType<typeof createWebSocketClient>;
}

/** Node's ws as the browser WebSocket: our page's Origin, and a failed connect is a close, not a throw. */
function browserLikeWebSocket(origin: string): typeof globalThis.WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, opts?: ClientOptions) {
      super(url, { ...opts, origin });
      this.on('error', () => {});
    }
  } as unknown as typeof globalThis.WebSocket;
}

async function startHost(): Promise<Host> {
  const engine = createEmulatedEngine({ demo: false, traffic: false });
  const rpc = createHost(engine);
  const start = (port?: number, token?: string) => startWebServer({ rpc, rendererDir: tmpdir(), port, token });
  const host: Host = {
    engine,
    server: await start(),
    stop: () => host.server.close(),
    restart: async () => {
      host.server = await start(host.server.port, host.server.token);
    },
    client: () =>
      createWebSocketClient(`ws://127.0.0.1:${host.server.port}${WS_PATH}?token=${host.server.token}`, {
        WebSocketImpl: browserLikeWebSocket(`http://127.0.0.1:${host.server.port}`),
        initialBackoffMs: 10,
        maxBackoffMs: 40,
      }),
  };
  onTestFinished(async () => {
    await host.server.close();
    await rpc.dispose();
  });
  return host;
}

describe('WebSocket client on the real server', () => {
  it('answers calls and throws BpfError with the kernel errno for refusals', async () => {
    const host = await startHost();
    const api = host.client();
    onTestFinished(api.onEvent(() => {}));
    await api.mkdir({ path: 'tc' });
    expect((await api.list({ path: '' })).map((e) => e.name)).toContain('tc');
    const err = await api.mkdir({ path: 'tc' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BpfError);
    expect(err).toMatchObject({ code: 'EEXIST', hint: expect.any(String) });
    await expect(api.mkdir({ path: 'my.maps' })).rejects.toMatchObject({ code: 'EPERM' });
  });

  it('delivers pushed events, fails calls in flight with EIO when the server goes, and reconnects', async () => {
    const host = await startHost();
    const api = host.client();
    const events: AppEvent[] = [];
    onTestFinished(api.onEvent((e) => events.push(e)));
    let reconnects = 0;
    onTestFinished(api.onReconnect!(() => reconnects++));
    await api.describe({});
    await host.engine.mkdir('elsewhere');
    await vi.waitFor(() => expect(events).toContainEqual({ type: 'tree-changed', dirs: [''] }));
    expect(reconnects).toBe(0);

    const pending = api.handles({});
    await host.stop();
    await expect(pending).rejects.toMatchObject({ code: 'EIO', hint: expect.stringMatching(/reconnects/) });
    await expect(api.list({ path: '' })).rejects.toMatchObject({ code: 'EIO' });
    await host.restart();
    await vi.waitFor(() => expect(reconnects).toBe(1), { timeout: 5000 });
    expect((await api.list({ path: '' })).map((e) => e.name)).toContain('elsewhere');
    await host.engine.mkdir('after');
    await vi.waitFor(() => expect(events.filter((e) => e.type === 'tree-changed')).toHaveLength(2));
  });
});

describe('app store after a reconnect', () => {
  it('reloads the tree, the expanded folders, the handles and the details it missed events for', async () => {
    const host = await startHost();
    const { engine } = host;
    await engine.mkdir('tc');
    await engine.mkdir('tc/globals');
    const h = await engine.createMap({ type: 'hash', name: 'ct', keySize: 4, valueSize: 4, maxEntries: 8, flags: [] });
    await engine.pin(h.handle, 'tc/globals/ct');
    await engine.close(h.handle);

    const api = host.client();
    const store = createAppStore({ api, pollMs: 0 });
    onTestFinished(() => store.getState().dispose());
    await store.getState().init();
    await store.getState().expand('tc');
    await store.getState().expand('tc/globals');
    await store.getState().select('tc/globals/ct');
    expect(store.getState().details?.info?.kind).toBe('map');
    expect(store.getState().handles).toEqual([]);

    await host.stop();
    // While nobody is connected: these events reach no one.
    await engine.mkdir('xdp');
    await engine.mkdir('tc/globals/fresh');
    await engine.unlink('tc/globals/ct');
    await engine.createMap({ type: 'array', name: 'meanwhile', keySize: 4, valueSize: 4, maxEntries: 1, flags: [] });
    // The client knows it is cut off (calls fail at once), so nothing can have reached the store meanwhile.
    await expect(api.list({ path: '' })).rejects.toMatchObject({ code: 'EIO' });
    expect(store.getState().children['']?.map((e) => e.name)).not.toContain('xdp');

    await host.restart();
    await vi.waitFor(
      () => {
        const s = store.getState();
        expect(s.children['']?.map((e) => e.name)).toContain('xdp');
        expect(s.children['tc/globals']?.map((e) => e.name)).toEqual(['fresh']);
        expect(s.handles.map((x) => x.name)).toEqual(['meanwhile']);
        expect(s.detailsError).toBe('"tc/globals/ct" no longer exists.');
        expect(s.notices).toContainEqual(
          expect.objectContaining({ level: 'info', message: expect.stringMatching(/came back/) }),
        );
      },
      { timeout: 5000 },
    );
    expect(store.getState().expanded).toEqual({ '': true, tc: true, 'tc/globals': true });
  });
});
