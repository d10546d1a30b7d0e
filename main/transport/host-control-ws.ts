// Browser mode's host-list control channel on one authenticated WebSocket: calls in (the same frames as /rpc),
// one reply per call and the host list's events out. Questions already asked are sent at once to a new window.
import type { WebSocket } from 'ws';

import type { RpcResult } from '../../shared/contract.js';
import { BpfError } from '../../shared/errors.js';
import type { HostEvent } from '../../shared/hosts.js';
import { encodeFrame } from '../../shared/wire-codec.js';

import type { HostControl } from '../hosts/control.js';
import { parseCall } from './ws-rpc.js';

export function serveHostControl(ws: WebSocket, control: HostControl): void {
  ws.on('error', () => undefined);
  const send = (frame: ({ id: number } & RpcResult) | { event: HostEvent }): void => {
    if (ws.readyState === ws.OPEN) ws.send(encodeFrame(frame));
  };
  const off = control.subscribe((event) => send({ event }));
  for (const event of control.pending()) send({ event });
  ws.on('close', off);
  ws.on('message', (raw, isBinary) => {
    const bytes = Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw);
    const call = parseCall(isBinary ? new Uint8Array(bytes) : bytes.toString());
    if ('error' in call) {
      if (call.id !== null) send({ id: call.id, ok: false, error: new BpfError('EINVAL', call.error).toWire() });
      return;
    }
    void control.call(call.op, call.req).then((result) => send({ id: call.id, ...result }));
  });
}
