// One authenticated WebSocket connection: untrusted frames in, one reply per call out. Nothing a client sends can
// throw out of here: malformed frames get a typed error (or none when they carry no id), protocol violations close
// only this connection.
import type { WebSocket } from 'ws';

import type { WsServerFrame } from '../../shared/contract.js';
import { BpfError } from '../../shared/errors.js';
import { FrameLimitError, type JsonLimits } from '../../shared/json-limits.js';
import { decodeFrame, encodeFrame } from '../../shared/wire-codec.js';

import type { ClientResources } from '../host/client-resources.js';

/** The largest frame ws accepts; larger ones close the connection with 1009. Object files are the big ones. */
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;

/** No bpfscope request nests deeper than a handful of levels or lists more than a few dozen items. */
export const FRAME_LIMITS: JsonLimits = { maxLength: MAX_FRAME_BYTES, maxDepth: 32, maxItems: 10_000 };

interface Call {
  id: number;
  op: unknown;
  req: unknown;
}

type Parsed = Call | { id: number | null; error: string };

/** The id of a frame refused before parsing, when it starts the way every bpfscope client writes calls. */
function leadingId(data: string | Uint8Array): number | null {
  const head = typeof data === 'string' ? data.slice(0, 40) : new TextDecoder().decode(data.subarray(4, 44));
  const m = /^\s*\{\s*"id"\s*:\s*(-?\d{1,15})\s*,/.exec(head);
  return m ? Number(m[1]) : null;
}

export function parseCall(data: string | Uint8Array): Parsed {
  let msg: unknown;
  try {
    msg = decodeFrame(data, FRAME_LIMITS);
  } catch (e) {
    if (e instanceof FrameLimitError) return { id: leadingId(data), error: `${e.message} Nothing was run.` };
    return { id: null, error: 'The frame is neither JSON nor a bpfscope binary frame.' };
  }
  const m = msg as Partial<Call> | null;
  if (!m || typeof m !== 'object' || typeof m.id !== 'number')
    return { id: null, error: 'The frame has no numeric id.' };
  return { id: m.id, op: m.op, req: m.req };
}

type Reply = Extract<WsServerFrame, { id: number }>;

function failure(id: number, code: 'EINVAL' | 'EIO', message: string): Reply {
  return { id, ok: false, error: new BpfError(code, message).toWire() };
}

const text = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Serves one connection's calls through `owned`, which runs them on the host and books what they open. */
export function serveRpc(ws: WebSocket, owned: ClientResources): void {
  // ws has already closed this connection with 1002, 1007 or 1009 when it reports a protocol violation here;
  // without a listener the report would be an uncaught 'error' that ends the whole process.
  ws.on('error', () => undefined);
  const send = (frame: Reply): void => {
    if (ws.readyState !== ws.OPEN) return;
    let data: string | Uint8Array;
    try {
      data = encodeFrame(frame);
    } catch (e) {
      data = encodeFrame(failure(frame.id, 'EIO', `Internal error: the answer could not be encoded (${text(e)}).`));
    }
    ws.send(data);
  };
  ws.on('message', (raw, isBinary) => {
    const bytes = Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw);
    const call = parseCall(isBinary ? new Uint8Array(bytes) : bytes.toString());
    if ('error' in call) {
      if (call.id !== null) send(failure(call.id, 'EINVAL', call.error));
      return;
    }
    const { id, op, req } = call;
    void owned
      .call(op, req)
      .then((result) => send({ id, ...result }))
      .catch((e: unknown) => send(failure(id, 'EIO', `Internal error: ${text(e)}`)));
  });
}
