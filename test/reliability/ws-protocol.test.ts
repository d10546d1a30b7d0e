// WebSocket protocol violations from a client that holds the token: each closes that one connection with the close
// code ws uses for it, and the server goes on serving every other client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { connectRpc, type RpcConnection } from '../../e2e/support/rpc.js';
import { closeCode, rawWebSocket, wsFrame } from './support/raw-http.js';
import { type ServeChild, startServeChild } from './support/serve-child.js';

let serve: ServeChild;
let bystander: RpcConnection;

beforeAll(async () => {
  serve = await startServeChild(['--empty']);
  bystander = await connectRpc(serve.origin, serve.token, serve.origin);
});
afterAll(async () => {
  bystander?.close();
  await serve?.stop();
});

const TEXT = 0x1;
const CLOSE = 0x8;
const hello = Buffer.from('{"id":1,"op":"describe","req":{}}');

describe('WebSocket protocol violations', () => {
  const cases: [string, () => Buffer, number][] = [
    ['a text frame that is not UTF-8', () => wsFrame(TEXT, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), 1007],
    ['a frame over the size limit', () => wsFrame(TEXT, Buffer.alloc(0), { claimedLength: 8 * 1024 * 1024 + 1 }), 1009],
    ['a reserved opcode', () => wsFrame(0x3, hello), 1002],
    ['a reserved control opcode', () => wsFrame(0xb, Buffer.alloc(0)), 1002],
    ['an unmasked frame', () => wsFrame(TEXT, hello, { mask: false }), 1002],
    ['RSV1 without a negotiated extension', () => wsFrame(TEXT, hello, { rsv1: true }), 1002],
    ['close code 1', () => wsFrame(CLOSE, Buffer.from([0x00, 0x01])), 1002],
    ['a stray continuation frame', () => wsFrame(0x0, hello), 1002],
    ['a fragmented control frame', () => wsFrame(0x9, Buffer.alloc(0), { fin: false }), 1002],
  ];

  it.each(cases)('closes the connection on %s with code %i and keeps serving', async (_name, frame, code) => {
    const socket = await rawWebSocket(serve.port, serve.token);
    const closed = closeCode(socket);
    socket.write(frame());
    expect(await closed).toBe(code);
    socket.destroy();
    expect(serve.exited()).toBeNull();
    expect((await bystander.api.describe({})).engine).toBe('emulated');
  });

  it('answers a well-formed frame on the same kind of raw connection', async () => {
    const socket = await rawWebSocket(serve.port, serve.token);
    const reply = new Promise<string>((resolve) => socket.once('data', (d: Buffer) => resolve(d.toString())));
    socket.resume();
    socket.write(wsFrame(TEXT, hello));
    expect(await reply).toContain('"id":1,"ok":true');
    socket.destroy();
  });
});
