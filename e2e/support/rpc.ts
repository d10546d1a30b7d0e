// A Node WebSocket client of the same RPC the renderer uses: e2e specs check the engine's state with it.
import WebSocket from 'ws';

import { clientFromCaller } from '../../shared/client.js';
import type { ApiClient, AppEvent, RpcResult, WsServerFrame } from '../../shared/contract.js';
import { decodeFrame, encodeFrame } from '../../shared/wire-codec.js';

export interface RpcConnection {
  api: ApiClient;
  /** Sends a raw frame (for malformed-request tests) and resolves with the reply to `id`. */
  raw(frame: unknown, id: number): Promise<RpcResult>;
  events: AppEvent[];
  close(): void;
}

/** `path`: another channel of the same server, e.g. `/rpc?host=ID` or the host list's `/hosts`. */
export function connectRpc(baseUrl: string, token: string, origin: string, path = '/rpc'): Promise<RpcConnection> {
  const sep = path.includes('?') ? '&' : '?';
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${path}${sep}token=${token}`, { origin });
  const pending = new Map<number, (r: RpcResult) => void>();
  const events: AppEvent[] = [];
  let nextId = 1;
  ws.on('message', (data, isBinary) => {
    // Binary frames carry typed arrays (map view windows), exactly as the renderer decodes them.
    const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    const frame = decodeFrame(isBinary ? new Uint8Array(bytes) : bytes.toString()) as WsServerFrame;
    if ('event' in frame) events.push(frame.event);
    else pending.get(frame.id)?.(frame);
  });
  const raw = (frame: unknown, id: number) =>
    new Promise<RpcResult>((resolve) => {
      pending.set(id, resolve);
      ws.send(typeof frame === 'string' ? frame : encodeFrame(frame));
    });
  const api = clientFromCaller(
    (op, req) => raw({ id: nextId, op, req }, nextId++),
    () => () => {},
  );
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ api, raw, events, close: () => ws.close() }));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with HTTP ${res.statusCode}`)));
  });
}
