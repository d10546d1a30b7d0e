// Browser mode: one WebSocket carrying WsCall frames out and WsServerFrame frames in, reconnecting with backoff.

import { clientFromCaller } from '../../shared/client.js';
import type { ApiClient, AppEvent, RpcResult, WsCall } from '../../shared/contract.js';
import { BpfError } from '../../shared/errors.js';
import { decodeFrame, encodeFrame } from '../../shared/wire-codec.js';

export interface WebSocketClientOptions {
  /** For tests: a WebSocket constructor other than the global one. */
  WebSocketImpl?: typeof WebSocket;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Called each time the connection is up (the server accepted the token). */
  onOpen?: () => void;
}

interface Pending {
  resolve(r: RpcResult): void;
  reject(e: unknown): void;
}

/** One WebSocket of calls and pushed events (the RPC of one host, or the host list's control channel). */
export interface WsChannel<E> {
  call(op: string, req: unknown): Promise<RpcResult>;
  onEvent(listener: (ev: E) => void): () => void;
  onReconnect(listener: () => void): () => void;
}

export function createWebSocketClient(url: string, opts: WebSocketClientOptions = {}): ApiClient {
  const channel = createWsChannel<AppEvent>(url, opts);
  return { ...clientFromCaller(channel.call, channel.onEvent), onReconnect: channel.onReconnect };
}

export function createWsChannel<E>(url: string, opts: WebSocketClientOptions = {}): WsChannel<E> {
  const Impl = opts.WebSocketImpl ?? WebSocket;
  const initialBackoff = opts.initialBackoffMs ?? 250;
  const maxBackoff = opts.maxBackoffMs ?? 5000;
  const listeners = new Set<(ev: E) => void>();
  const reconnectListeners = new Set<() => void>();
  let everOpened = false;
  const pending = new Map<number, Pending>();
  let outbox: (string | Uint8Array)[] = [];
  let nextId = 1;
  let backoff = initialBackoff;
  let socket: WebSocket | undefined;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  const onFrame = (data: unknown): void => {
    let frame: ({ id: number } & RpcResult) | { event: E };
    try {
      // Text frames are JSON; binary frames carry typed arrays (map view windows), see shared/wire-codec.ts.
      frame = decodeFrame(
        typeof data === 'string'
          ? data
          : data instanceof ArrayBuffer || data instanceof Uint8Array
            ? data
            : String(data),
      ) as ({ id: number } & RpcResult) | { event: E };
    } catch {
      return; // a malformed frame cannot be matched to a call
    }
    if ('event' in frame) {
      for (const l of listeners) l(frame.event);
      return;
    }
    const p = pending.get(frame.id);
    if (!p) return;
    pending.delete(frame.id);
    const { id: _id, ...result } = frame;
    p.resolve(result as RpcResult);
  };

  const connect = (): WebSocket => {
    const ws = new Impl(url);
    ws.binaryType = 'arraybuffer';
    socket = ws;
    ws.onopen = () => {
      backoff = initialBackoff;
      for (const msg of outbox) ws.send(msg);
      outbox = [];
      if (everOpened) for (const l of reconnectListeners) l();
      everOpened = true;
      opts.onOpen?.();
    };
    ws.onmessage = (ev) => onFrame(ev.data);
    ws.onclose = () => {
      socket = undefined;
      const lost = new BpfError('EIO', 'The connection to bpfscope was lost before the answer arrived.', {
        hint: 'bpfscope reconnects by itself; try the action again in a moment.',
      });
      for (const p of pending.values()) p.reject(lost);
      pending.clear();
      outbox = [];
      reconnectTimer = setTimeout(() => {
        reconnectTimer = undefined;
        if (listeners.size > 0 && !socket) connect();
      }, backoff);
      backoff = Math.min(backoff * 2, maxBackoff);
    };
    return ws;
  };

  const call = (op: string, req: unknown): Promise<RpcResult> =>
    new Promise<RpcResult>((resolve, reject) => {
      const ws = socket ?? connect();
      const id = nextId++;
      pending.set(id, { resolve, reject });
      // Requests holding typed arrays (an object file's bytes) go as binary frames, like responses do.
      const msg = encodeFrame({ id, op, req } satisfies WsCall);
      if (ws.readyState === Impl.OPEN) ws.send(msg);
      else outbox.push(msg);
    });

  const onEvent = (listener: (ev: E) => void): (() => void) => {
    listeners.add(listener);
    if (!socket && reconnectTimer === undefined) connect();
    return () => listeners.delete(listener);
  };

  const onReconnect = (listener: () => void): (() => void) => {
    reconnectListeners.add(listener);
    return () => reconnectListeners.delete(listener);
  };

  return { call, onEvent, onReconnect };
}

/** The RPC URL of the page's own server, carrying the token. */
export function wsUrlFor(loc: Pick<Location, 'protocol' | 'host'>, wsPath: string, token: string): string {
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${loc.host}${wsPath}?token=${encodeURIComponent(token)}`;
}
