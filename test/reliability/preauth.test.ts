// Requests anyone on the machine (or any web page, through the browser) can send without the token: malformed
// targets, foreign Host headers, refused upgrades reset mid-answer. Each gets an answer; the server never dies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { connectRpc } from '../../e2e/support/rpc.js';
import { getRequest, rawRequest, upgradeHeaders } from './support/raw-http.js';
import { type ServeChild, startServeChild } from './support/serve-child.js';

let serve: ServeChild;
let host: string;

beforeAll(async () => {
  serve = await startServeChild(['--empty']);
  host = `127.0.0.1:${serve.port}`;
});
afterAll(() => serve?.stop());

/** The server is still running and still serves the page and the RPC. */
async function expectServing(): Promise<void> {
  expect(serve.exited()).toBeNull();
  expect((await rawRequest(serve.port, getRequest('/', host))).status).toBe(200);
  const rpc = await connectRpc(serve.origin, serve.token, serve.origin);
  expect((await rpc.api.describe({})).engine).toBe('emulated');
  rpc.close();
}

describe('pre-auth requests', () => {
  const upgrade = (target: string, h = host) => getRequest(target, h, upgradeHeaders(serve.origin));
  const cases: [string, () => string, number][] = [
    ['a path that is not UTF-8 (/%ff)', () => getRequest('/%ff', host), 400],
    ['a cut percent escape (/%e2%82)', () => getRequest('/%e2%82', host), 400],
    ['a target new URL() refuses (//)', () => getRequest('//', host), 400],
    ['an absolute-form target (http://[)', () => getRequest('http://[', host), 400],
    ['an asterisk target', () => getRequest('*', host), 400],
    ['a NUL in the path', () => getRequest('/index.html%00.js', host), 400],
    ['a foreign Host (DNS rebinding)', () => getRequest('/', `evil.example:${serve.port}`), 421],
    ['a loopback Host on another port', () => getRequest('/', `127.0.0.1:${serve.port + 1}`), 421],
    ['no Host at all', () => 'GET / HTTP/1.0\r\n\r\n', 400],
    ['bytes that are not HTTP', () => '\u0000\u0001\u0002 hello\r\n\r\n', 400],
    ['a path out of the renderer folder', () => getRequest('/..%2f..%2f..%2fetc%2fpasswd', host), 404],
    ['an upgrade to a target new URL() refuses (//[)', () => upgrade('//['), 400],
    ['an upgrade to /%ff', () => upgrade('/%ff'), 403],
    ['an upgrade with a foreign Host', () => upgrade(`/rpc?token=${serve.token}`, `evil.example:${serve.port}`), 421],
    ['an upgrade without the token', () => upgrade('/rpc'), 403],
  ];

  it.each(cases)('answers %s with its status and no Referer leak', async (_name, request, status) => {
    const answer = await rawRequest(serve.port, request());
    expect(answer.status).toBe(status);
    expect(answer.head).toContain('referrer-policy: no-referrer');
    await expectServing();
  });

  it('survives refused upgrades whose clients reset the connection', async () => {
    for (let i = 0; i < 50; i++) await rawRequest(serve.port, upgrade('/rpc?token=wrong'), { reset: true });
    for (let i = 0; i < 50; i++) await rawRequest(serve.port, upgrade('//['), { reset: true });
    await expectServing();
  });

  it('serves the page for every loopback name, with a CSP naming only its own WebSocket origin', async () => {
    for (const name of ['127.0.0.1', 'localhost', '[::1]', 'LOCALHOST']) {
      const answer = await rawRequest(serve.port, getRequest('/', `${name}:${serve.port}`));
      expect(answer.status).toBe(200);
      expect(answer.head).toContain(`connect-src ws://${name.toLowerCase()}:${serve.port};`);
      expect(answer.head).toContain('referrer-policy: no-referrer');
    }
  });
});
