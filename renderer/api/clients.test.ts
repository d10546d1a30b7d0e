import { BpfError } from '../../shared/errors.js';
import type { AppEvent, PreloadBridge } from '../../shared/contract.js';
import { createPreloadClient } from './preload-client.js';
import { createWebSocketClient, wsUrlFor } from './websocket-client.js';

/** A WebSocket double: records sent frames; the test plays the server. */
class ServerSide {
  static last: ServerSide | undefined;
  static OPEN = 1;
  readyState = 0;
  sent: { id: number; op: string; req: unknown }[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((ev: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    ServerSide.last = this;
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  reply(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('WebSocket client', () => {
  it('sends calls once open, resolves results and throws BpfError for refusals', async () => {
    const api = createWebSocketClient('ws://h/rpc?token=t', { WebSocketImpl: ServerSide as unknown as typeof WebSocket });
    const listing = api.list({ path: 'tc' });
    const ws = ServerSide.last!;
    ws.open();
    expect(ws.sent[0]).toMatchObject({ op: 'list', req: { path: 'tc' } });
    ws.reply({ id: ws.sent[0]!.id, ok: true, value: [] });
    await expect(listing).resolves.toEqual([]);
    const mk = api.mkdir({ path: 'tc' });
    ws.reply({ id: ws.sent[1]!.id, ok: false, error: { code: 'EEXIST', errno: 17, message: 'exists' } });
    const err = await mk.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BpfError);
    expect(err).toMatchObject({ code: 'EEXIST', message: 'exists' });
  });

  it('delivers pushed events and rejects pending calls with EIO when the connection drops, then reconnects', async () => {
    const api = createWebSocketClient('ws://h/rpc', { WebSocketImpl: ServerSide as unknown as typeof WebSocket, initialBackoffMs: 1 });
    const events: AppEvent[] = [];
    api.onEvent((e) => events.push(e));
    const first = ServerSide.last!;
    first.open();
    first.reply({ event: { type: 'handles-changed' } });
    expect(events).toEqual([{ type: 'handles-changed' }]);
    const pending = api.handles({});
    first.drop();
    await expect(pending).rejects.toMatchObject({ code: 'EIO' });
    await new Promise((r) => setTimeout(r, 20));
    expect(ServerSide.last).not.toBe(first);
  });

  it('builds the RPC URL from the page location and its token', () => {
    expect(wsUrlFor({ protocol: 'http:', host: 'localhost:7000', search: '?token=abc' }, '/rpc')).toBe('ws://localhost:7000/rpc?token=abc');
    expect(wsUrlFor({ protocol: 'https:', host: 'h', search: '' }, '/rpc')).toBe('wss://h/rpc?token=');
  });
});

describe('preload client', () => {
  it('unwraps results and turns wire errors into BpfError', async () => {
    const listeners: ((e: AppEvent) => void)[] = [];
    const bridge = {
      stat: async () => ({ ok: false, error: { code: 'ENOENT', errno: 2, message: 'no such pin', path: 'x' } }),
      describe: async () => ({ ok: true, value: { engine: 'native', mountPoint: '/tmp/b', possibleCpus: 2 } }),
      onEvent: (l: (e: AppEvent) => void) => {
        listeners.push(l);
        return () => {};
      },
    } as unknown as PreloadBridge;
    const api = createPreloadClient(bridge);
    await expect(api.describe({})).resolves.toMatchObject({ engine: 'native' });
    const err = await api.stat({ path: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BpfError);
    expect(err).toMatchObject({ code: 'ENOENT', path: 'x', hint: expect.stringContaining('refresh') });
    const got: AppEvent[] = [];
    api.onEvent((e) => got.push(e));
    listeners[0]!({ type: 'object-freed', kind: 'map', id: 3 });
    expect(got).toEqual([{ type: 'object-freed', kind: 'map', id: 3 }]);
    await tick();
  });
});
