// Browser-mode transport: the token and Origin gates, and malformed requests that must change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { connectRpc, type RpcConnection } from './support/rpc.js';
import { type ServeProcess, startServe } from './support/server.js';

let serve: ServeProcess;
let rpc: RpcConnection;

beforeAll(async () => {
  serve = await startServe(['--empty']);
  rpc = await connectRpc(serve.origin, serve.token, serve.origin);
});
afterAll(async () => {
  rpc?.close();
  await serve?.stop();
});

describe('serve', () => {
  it('prints exactly one line with a loopback URL and a token', async () => {
    await new Promise((r) => setTimeout(r, 300));
    expect(serve.stdoutLines.filter((l) => l.trim() !== '')).toHaveLength(1);
    expect(serve.stdoutLines[0]).toMatch(/^bpfscope listening on http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{32,}$/);
  });

  it('refuses a WebSocket without the token, with a wrong token, or from another Origin', async () => {
    await expect(connectRpc(serve.origin, '', serve.origin)).rejects.toThrow(/403/);
    await expect(connectRpc(serve.origin, 'x'.repeat(48), serve.origin)).rejects.toThrow(/403/);
    await expect(connectRpc(serve.origin, serve.token, 'http://evil.example')).rejects.toThrow(/403/);
    await expect(connectRpc(serve.origin, serve.token, `http://127.0.0.1:${serve.port + 1}`)).rejects.toThrow(/403/);
  });

  it('serves the page with a Content-Security-Policy', async () => {
    const res = await fetch(serve.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

describe('malformed requests get a typed error and change nothing', () => {
  const cases: [string, unknown, string][] = [
    ['unknown operation', { op: 'formatDisk', req: {} }, 'EINVAL'],
    ['wrong types', { op: 'mkdir', req: { path: 42 } }, 'EINVAL'],
    ['unknown field', { op: 'mkdir', req: { path: 'x', evil: true } }, 'EINVAL'],
    ['missing request', { op: 'unlink' }, 'EINVAL'],
    ['a path with ..', { op: 'mkdir', req: { path: 'a/../../etc' } }, 'EXDEV'],
    ['an absolute path', { op: 'mkdir', req: { path: '/etc/evil' } }, 'EXDEV'],
    ['a NUL byte', { op: 'mkdir', req: { path: 'a\u0000b' } }, 'EINVAL'],
    ['a key that is not hex', { op: 'mapLookup', req: { handle: 1, key: 'zz' } }, 'EINVAL'],
    ['a dotted name', { op: 'mkdir', req: { path: 'my.dir' } }, 'EPERM'],
  ];

  it.each(cases)('%s', async (_name, frame, code) => {
    const before = await rpc.api.list({ path: '' });
    const id = Math.floor(Math.random() * 1e9);
    const result = await rpc.raw({ id, ...(frame as object) }, id);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message.length).toBeGreaterThan(10);
    }
    expect(await rpc.api.list({ path: '' })).toEqual(before);
  });

  it('survives a frame that is not JSON and keeps answering', async () => {
    await new Promise<void>((resolve) => {
      (rpc as unknown as { raw: (f: unknown, id: number) => Promise<unknown> }).raw('{not json', -1).catch(() => {});
      setTimeout(resolve, 200);
    });
    const d = await rpc.api.describe({});
    expect(d.engine).toBe('emulated');
  });
});
