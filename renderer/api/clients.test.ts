import type { AppEvent, PreloadBridge } from '../../shared/contract.js';
import { OP_NAMES } from '../../shared/contract.js';
import { BpfError } from '../../shared/errors.js';

import { createEmulatedEngine } from '../../main/engine/emulated/index.js';
import { createHost } from '../../main/host/create-host.js';

import { createPreloadClient } from './preload-client.js';
import { wsUrlFor } from './websocket-client.js';

// Calls, errors, events and reconnects of the WebSocket client run against the real server in websocket-client.test.ts.
describe('WebSocket URL', () => {
  it('builds the RPC URL from the page location and its token', () => {
    expect(wsUrlFor({ protocol: 'http:', host: 'localhost:7000' }, '/rpc', 'abc')).toBe(
      'ws://localhost:7000/rpc?token=abc',
    );
    expect(wsUrlFor({ protocol: 'https:', host: 'h' }, '/rpc', '')).toBe('wss://h/rpc?token=');
  });
});

describe('preload client', () => {
  // The bridge as preload/index.ts exposes it, over the real handler table and emulated engine;
  // only Electron's IPC hop (which cannot run here) is replaced by a direct call through JSON.
  async function realBridge() {
    const engine = createEmulatedEngine({ demo: false, traffic: false });
    const host = createHost(engine);
    onTestFinished(() => host.dispose());
    const bridge: Record<string, unknown> = {
      onEvent: (l: (e: AppEvent) => void) => engine.subscribe((e) => l(JSON.parse(JSON.stringify(e)))),
    };
    for (const op of OP_NAMES) {
      bridge[op] = async (req: unknown) =>
        JSON.parse(JSON.stringify(await host.dispatch(op, JSON.parse(JSON.stringify(req)))));
    }
    return { engine, bridge: bridge as unknown as PreloadBridge };
  }

  it('unwraps results and turns wire errors into BpfError with the errno and hint', async () => {
    const { bridge } = await realBridge();
    const api = createPreloadClient(bridge);
    await expect(api.describe({})).resolves.toMatchObject({ engine: 'emulated', mountPoint: '/sys/fs/bpf' });
    const err = await api.stat({ path: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BpfError);
    expect(err).toMatchObject({ code: 'ENOENT', hint: expect.stringContaining('refresh') });
    await expect(api.mkdir({ path: 'a.b' })).rejects.toMatchObject({ code: 'EPERM' });
  });

  it("delivers the engine's events until unsubscribed", async () => {
    const { bridge, engine } = await realBridge();
    const api = createPreloadClient(bridge);
    const got: AppEvent[] = [];
    const off = api.onEvent((e) => got.push(e));
    await api.mkdir({ path: 'tc' });
    expect(got).toContainEqual({ type: 'tree-changed', dirs: [''] });
    off();
    await engine.mkdir('tc/more');
    expect(got.filter((e) => e.type === 'tree-changed')).toHaveLength(1);
  });
});
