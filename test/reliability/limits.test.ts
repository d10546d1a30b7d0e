// Frames that are well-formed JSON but shaped to cost: refused by a scan before parsing, with a typed error that
// names the limit; and an operation name that is not a string is the caller's error, not an internal one.
import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { connectRpc, type RpcConnection } from '../../e2e/support/rpc.js';
import { type ServeChild, startServeChild } from './support/serve-child.js';

let serve: ServeChild;
let rpc: RpcConnection;

beforeAll(async () => {
  serve = await startServeChild(['--empty']);
  rpc = await connectRpc(serve.origin, serve.token, serve.origin);
});
afterAll(async () => {
  rpc?.close();
  await serve?.stop();
});

/** The child's peak resident memory in MB, from /proc. */
function peakMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m![1]) / 1024;
}

const nested = (id: number, depth: number) =>
  `{"id":${id},"op":"list","req":{"a":${'['.repeat(depth)}${']'.repeat(depth)}}}`;

describe('frame limits', () => {
  it('refuses twenty 7 MB deeply nested frames by their depth, without growing by hundreds of MB', async () => {
    const before = peakMb(serve.pid);
    for (let i = 0; i < 20; i++) {
      const id = 100 + i;
      const r = await rpc.raw(nested(id, 3_500_000), id);
      expect(r).toMatchObject({ ok: false, error: { code: 'EINVAL' } });
      if (!r.ok) expect(r.error.message).toMatch(/nests deeper than 32 levels/);
    }
    expect(peakMb(serve.pid) - before).toBeLessThan(200);
    expect((await rpc.api.describe({})).engine).toBe('emulated');
  });

  it('refuses a frame with more items than any request has', async () => {
    const r = await rpc.raw(`{"id":7,"op":"list","req":{"path":"","a":[${'0,'.repeat(20_000)}0]}}`, 7);
    expect(r).toMatchObject({ ok: false, error: { code: 'EINVAL' } });
    if (!r.ok) expect(r.error.message).toMatch(/more than 10000 items/);
  });

  it.each([
    ['an object', { toString: 1 }, /must be a string, not an object/],
    ['an object with valueOf', { valueOf: {} }, /must be a string, not an object/],
    ['an array', ['list'], /must be a string, not an array/],
    ['a number', 42, /must be a string, not a number/],
    ['null', null, /must be a string, not null/],
  ])('answers an op that is %s with EINVAL naming the mistake', async (_name, op, message) => {
    const r = await rpc.raw({ id: 8, op, req: {} }, 8);
    expect(r).toMatchObject({ ok: false, error: { code: 'EINVAL', errno: 22 } });
    if (!r.ok) {
      expect(r.error.message).toMatch(message);
      expect(r.error.hint ?? '').not.toMatch(/bug/);
    }
  });
});
