// Browser mode: the built renderer over HTTP and the RPC over a WebSocket, loopback only by default.
// Every request must name this server in its Host; every connection must carry the token and come from our Origin.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { type WebSocket, WebSocketServer } from 'ws';

import { HOSTS_WS_PATH } from '../../shared/channels.js';
import { type AppEvent, WS_PATH, type WsServerFrame } from '../../shared/contract.js';
import { encodeFrame } from '../../shared/wire-codec.js';

import { ClientResources } from '../host/client-resources.js';
import type { HostPort } from '../host/port.js';
import type { HostControl } from '../hosts/control.js';
import { serveHostControl } from './host-control-ws.js';
import { admit, allowedHosts, COMMON_HEADERS, onClientError, refuseSocket } from './http-guard.js';
import { createStaticHandler } from './static-files.js';
import { MAX_FRAME_BYTES, serveRpc } from './ws-rpc.js';

export interface WebServerOptions {
  /** The host a connection's calls go to when it names none: in this process, or an agent behind a pipe. */
  rpc: HostPort;
  /** Many hosts: `/rpc?host=ID` reaches host ID, `/hosts` is the host list's control channel. */
  hosts?: { link(id: string): HostPort | undefined; control: HostControl };
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
  // Both are filled in once the port is known; nothing is accepted before that.
  let hosts = new Set<string>();
  let allowedOrigins = new Set<string>();
  const serveStatic = createStaticHandler(opts.rendererDir);

  const server: Server = createServer((req, res) => {
    const gate = admit(req.url, req.headers.host, hosts);
    if (typeof gate === 'number') {
      res.writeHead(gate, { ...COMMON_HEADERS, connection: 'close' }).end();
      return;
    }
    const request = { method: req.method, pathname: gate.pathname, host: req.headers.host!.toLowerCase() };
    serveStatic(request, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, COMMON_HEADERS);
      res.end();
    });
  });
  server.on('clientError', onClientError);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  server.on('upgrade', (req, socket, head) => {
    // Node takes its own error listener off an upgraded socket: a client resetting it must not end the process.
    socket.on('error', () => socket.destroy());
    const gate = admit(req.url, req.headers.host, hosts);
    if (typeof gate === 'number') return refuseSocket(socket, gate);
    const control = gate.pathname === HOSTS_WS_PATH ? opts.hosts?.control : undefined;
    const allowed =
      (gate.pathname === WS_PATH || control !== undefined) &&
      sameSecret(gate.query.get('token') ?? '', token) &&
      allowedOrigins.has(req.headers.origin ?? '');
    if (!allowed) return refuseSocket(socket, 403);
    const hostId = gate.query.get('host');
    const port = control ? undefined : hostId === null ? opts.rpc : opts.hosts?.link(hostId);
    if (!control && !port) return refuseSocket(socket, 404);
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (control) serveHostControl(ws, control);
      else wss.emit('connection', ws, port);
    });
  });

  // Map views and statistics tokens belong to the connection that opened them: view events go to it, and
  // both end when it closes (a tab that dies without saying goodbye leaves nothing running).
  const clients = new Map<WebSocket, ClientResources>();
  wss.on('connection', (ws: WebSocket, port: HostPort) => {
    const owned = new ClientResources(port);
    clients.set(ws, owned);
    const unsubscribe = port.subscribe((event: AppEvent) => {
      // Every map view event names its view; the others are for everyone.
      if ('view' in event) {
        if (!owned.ownsView(event.view)) return;
        if (event.type === 'map-view-closed') owned.forgetView(event.view);
      }
      if (ws.readyState === ws.OPEN) ws.send(encodeFrame({ event } satisfies WsServerFrame));
    });
    ws.on('close', () => {
      unsubscribe();
      clients.delete(ws);
      void owned.release();
    });
    serveRpc(ws, owned);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  // Once listening, a failed accept (EMFILE under a connection flood) is reported, never fatal.
  server.on('error', (e) => process.stderr.write(`bpfscope: web server: ${e.message}\n`));
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const origin = `http://${shownHost}:${port}`;
  hosts = allowedHosts(host, port);
  allowedOrigins = originsFor(host, port, origin);
  return {
    url: `${origin}/?token=${token}`,
    token,
    port,
    close: async () => {
      await Promise.all([...clients.values()].map((c) => c.release()));
      for (const c of wss.clients) c.terminate();
      wss.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
