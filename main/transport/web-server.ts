// Browser mode: the built renderer over HTTP and the RPC over a WebSocket, loopback only by default.
// Every connection must carry the token and come from our own Origin.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { type WebSocket, WebSocketServer } from 'ws';

import { type AppEvent, WS_PATH, type WsCall, type WsServerFrame } from '../../shared/contract.js';
import type { PinStore } from '../../shared/engine.js';
import { decodeFrame, encodeFrame } from '../../shared/wire-codec.js';

import { ClientResources } from '../host/client-resources.js';
import { dispatch } from '../host/dispatch.js';
import type { HandlerTable } from '../host/handlers.js';
import { mapViewsOf } from '../mapview/manager.js';
import { createStaticHandler } from './static-files.js';

export interface WebServerOptions {
  handlers: HandlerTable;
  engine: PinStore;
  rendererDir: string;
  host?: string | undefined;
  port?: number | undefined;
  token?: string | undefined;
}

export interface RunningWebServer {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Parses one client frame (JSON, or binary with typed arrays); anything not {id:number, op, req} is answered or dropped. */
function parseCall(data: string | Uint8Array): WsCall | { id: number | null; error: string } {
  let msg: unknown;
  try {
    msg = decodeFrame(data);
  } catch {
    return { id: null, error: 'The frame is neither JSON nor a bpfscope binary frame.' };
  }
  const m = msg as Partial<WsCall> | null;
  if (!m || typeof m !== 'object' || typeof m.id !== 'number')
    return { id: null, error: 'The frame has no numeric id.' };
  return { id: m.id, op: m.op as string, req: m.req };
}

/** Our own page's origin; on loopback also its aliases, since users type localhost as often as 127.0.0.1. */
function originsFor(host: string, port: number, origin: string): Set<string> {
  const loopback = ['127.0.0.1', 'localhost', '::1'].includes(host);
  return new Set(
    loopback ? [origin, `http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`] : [origin],
  );
}

export async function startWebServer(opts: WebServerOptions): Promise<RunningWebServer> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  const host = opts.host ?? '127.0.0.1';
  const serveStatic = createStaticHandler(opts.rendererDir);
  const server: Server = createServer((req, res) => void serveStatic(req, res));
  let allowedOrigins = new Set<string>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 8 * 1024 * 1024,
  });

  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const given = url.searchParams.get('token') ?? '';
    const allowed =
      url.pathname === WS_PATH && sameSecret(given, token) && allowedOrigins.has(req.headers.origin ?? '');
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  // Map views and statistics tokens belong to the connection that opened them: view events go to it, and
  // both end when it closes (a tab that dies without saying goodbye leaves nothing running).
  const clients = new Map<WebSocket, ClientResources>();
  const offViews = mapViewsOf(opts.engine).subscribe((event) => {
    for (const [ws, owned] of clients) {
      if (!owned.ownsView(event.view)) continue;
      if (event.type === 'map-view-closed') owned.forgetView(event.view);
      if (ws.readyState === ws.OPEN) ws.send(encodeFrame({ event } satisfies WsServerFrame));
    }
  });

  wss.on('connection', (ws: WebSocket) => {
    const owned = new ClientResources(opts.engine);
    clients.set(ws, owned);
    ws.on('close', () => {
      clients.delete(ws);
      void owned.release();
    });
    ws.on('message', (raw, isBinary) => {
      const call = parseCall(isBinary ? new Uint8Array(raw as Buffer) : raw.toString());
      // Responses holding typed arrays (map view windows) go as binary frames, see shared/wire-codec.ts.
      const send = (frame: WsServerFrame) => ws.readyState === ws.OPEN && ws.send(encodeFrame(frame));
      if ('error' in call) {
        if (call.id !== null) {
          send({ id: call.id, ok: false, error: { code: 'EINVAL', errno: 22, message: call.error } });
        }
        return;
      }
      void dispatch(opts.handlers, call.op, call.req).then((result) => {
        owned.record(call.op, call.req, result);
        send({ id: call.id, ...result });
      });
    });
  });

  const unsubscribe = opts.engine.subscribe((event: AppEvent) => {
    const frame = JSON.stringify({ event } satisfies WsServerFrame);
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(frame);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const origin = `http://${shownHost}:${port}`;
  allowedOrigins = originsFor(host, port, origin);
  return {
    url: `${origin}/?token=${token}`,
    token,
    port,
    close: async () => {
      unsubscribe();
      offViews();
      await Promise.all([...clients.values()].map((c) => c.release()));
      for (const c of wss.clients) c.terminate();
      wss.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
