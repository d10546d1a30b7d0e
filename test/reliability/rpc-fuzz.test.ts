// Over ten thousand malformed frames (fixed seed) from an authenticated client against the emulated demo host over a
// real WebSocket: the server stays up, every answer is a typed error rather than an internal one, and the tree,
// the handles and the live objects are exactly what they were.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import type { WsServerFrame } from '../../shared/contract.js';
import { decodeFrame } from '../../shared/wire-codec.js';

import { connectRpc, type RpcConnection } from '../../e2e/support/rpc.js';
import { type Frame, isWellFormedChange, malformedFrames, seedCalls } from './support/fuzz-frames.js';
import { type ServeChild, startServeChild } from './support/serve-child.js';
import { snapshot } from './support/state.js';

const SEED = 20_250_808;
const FRAMES = 12_000;

let serve: ServeChild;
let observer: RpcConnection;

beforeAll(async () => {
  serve = await startServeChild();
  observer = await connectRpc(serve.origin, serve.token, serve.origin);
});
afterAll(async () => {
  observer?.close();
  await serve?.stop();
});

function openFuzzer(): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${serve.port}/rpc?token=${serve.token}`, { origin: serve.origin });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

describe('RPC fuzz', () => {
  it('answers >= 10,000 malformed frames with typed errors and changes nothing', async () => {
    const before = await snapshot(observer.api);
    const dirs = before.tree.filter((l) => l.startsWith('dir ')).map((l) => l.split(' ')[1]!);
    const pins = before.tree.filter((l) => /^(map|prog|link) /.test(l)).map((l) => l.split(' ')[1]!);
    expect(pins.length).toBeGreaterThan(0);
    const frames = fc.sample(malformedFrames(seedCalls(dirs, pins)), { seed: SEED, numRuns: FRAMES });
    const malformed = frames.filter((f) => !isWellFormedChange(f));
    expect(malformed.length).toBeGreaterThanOrEqual(10_000);

    const ws = await openFuzzer();
    const internal: string[] = [];
    let closedWith: number | null = null;
    ws.on('close', (code) => (closedWith = code));
    ws.on('message', (raw, isBinary) => {
      const bytes = raw as Buffer;
      const frame = decodeFrame(isBinary ? new Uint8Array(bytes) : bytes.toString()) as WsServerFrame;
      if ('ok' in frame && !frame.ok && /internal/i.test(frame.error.message)) internal.push(frame.error.message);
    });
    // In batches, each ending with a call whose answer says the batch was read, so the server is never flooded.
    const send = (f: Frame) => ws.send(f.data, { binary: f.binary });
    for (let i = 0; i < malformed.length; i += 500) {
      for (const f of malformed.slice(i, i + 500)) send(f);
      expect(serve.exited()).toBeNull();
      expect((await observer.api.describe({})).engine).toBe('emulated');
    }
    await new Promise<void>((resolve) => {
      const id = 987_654_321;
      ws.on('message', (raw) => raw.toString().includes(`"id":${id}`) && resolve());
      ws.send(JSON.stringify({ id, op: 'describe', req: {} }));
    });
    ws.close();

    expect(closedWith).toBeNull();
    expect(serve.exited()).toBeNull();
    expect(internal).toEqual([]);
    expect(await snapshot(observer.api)).toEqual(before);
  });
});
