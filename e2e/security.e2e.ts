// Browser-mode transport: the token, Origin and Host gates, what a cross-site page can send, the page's CSP and
// token hygiene in Chromium, and malformed requests that must change nothing.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { launchChromium } from './support/browser.js';
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
  it('prints exactly one line with a loopback URL and a token, and nothing more while it serves', async () => {
    const own = await startServe(['--empty']);
    const client = await connectRpc(own.origin, own.token, own.origin);
    await client.api.describe({});
    client.close();
    // Once stopped, every line it wrote has been read.
    await own.stop();
    expect(own.stdoutLines.filter((l) => l.trim() !== '')).toHaveLength(1);
    expect(own.stdoutLines[0]).toMatch(/^bpfscope listening on http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{32,}$/);
  });

  it('refuses a WebSocket without the token, with a wrong token, or from another Origin', async () => {
    await expect(connectRpc(serve.origin, '', serve.origin)).rejects.toThrow(/403/);
    await expect(connectRpc(serve.origin, 'x'.repeat(48), serve.origin)).rejects.toThrow(/403/);
    await expect(connectRpc(serve.origin, serve.token, 'http://evil.example')).rejects.toThrow(/403/);
    await expect(connectRpc(serve.origin, serve.token, `http://127.0.0.1:${serve.port + 1}`)).rejects.toThrow(/403/);
  });

  it('serves the page with a CSP naming its own WebSocket origin only, and no Referer', async () => {
    const res = await fetch(serve.url);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src ws://127.0.0.1:${serve.port};`);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

describe('in Chromium', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
  });
  afterAll(() => browser?.close());

  /**
   * Loads every URL as an <img> from a page of another site (http://localhost:OTHER, a real server, so Chromium's
   * local-network rules treat it as the loopback page an attacker could get opened) and waits for each to settle.
   */
  async function crossSiteImages(urls: string[]): Promise<void> {
    const html = `<!doctype html><body>${urls.map((u) => `<img src="${u}">`).join('')}</body>`;
    const attacker = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    try {
      await page.goto(`http://localhost:${(attacker.address() as AddressInfo).port}/`);
      await page.waitForFunction(() => [...document.images].every((img) => img.complete));
    } finally {
      attacker.close();
    }
  }

  it('a cross-site page with <img src=".../%ff"> and other bad targets does not kill the server', async () => {
    const base = `http://127.0.0.1:${serve.port}`;
    await crossSiteImages([
      `${base}/%ff`,
      `${base}/%e2%82`,
      `${base}//`,
      `${base}/rpc`,
      `${base}/..%2f..%2fetc%2fpasswd`,
    ]);
    expect((await fetch(serve.url)).status).toBe(200);
    expect((await rpc.api.describe({})).engine).toBe('emulated');
  });

  it('takes the token out of the address bar once connected, and reconnects after a reload', async () => {
    await rpc.api.mkdir({ path: 'after_reload' });
    const tree = page.getByRole('tree', { name: 'bpffs tree' });
    await page.goto(serve.url);
    await page.waitForURL((url) => !url.search.includes('token'));
    expect(page.url()).toBe(`${serve.origin}/`);
    await page.reload();
    await tree.getByRole('treeitem', { name: /^after_reload/ }).waitFor();
    expect(page.url()).not.toContain(serve.token);
    await rpc.api.rmdir({ path: 'after_reload' });
  });

  /** What happens when the current page opens a WebSocket to `url`: blocked by its CSP, or attempted. */
  const tryWebSocket = (url: string) =>
    page.evaluate(
      (target) =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(`blocked by ${e.violatedDirective}`));
          try {
            const ws = new WebSocket(target);
            ws.onopen = () => resolve('opened');
            ws.onclose = () => setTimeout(() => resolve('attempted'), 100);
          } catch (e) {
            resolve(`threw ${(e as Error).name}`);
          }
        }),
      url,
    );

  it('lets the page open no WebSocket but to its own server, and the Electron page none at all', async () => {
    await page.goto(serve.url);
    expect(await tryWebSocket('ws://127.0.0.1:9/rpc')).toMatch(/connect-src|SecurityError/);
    // The page as Electron loads it, from file://, where only its meta CSP applies.
    await page.goto(pathToFileURL(fileURLToPath(new URL('../dist/renderer/index.html', import.meta.url))).href);
    expect(await tryWebSocket(`ws://127.0.0.1:${serve.port}/rpc?token=${serve.token}`)).toMatch(
      /connect-src|SecurityError/,
    );
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
    // Frames are handled in order: describe is answered only after the bad frame was.
    (rpc as unknown as { raw: (f: unknown, id: number) => Promise<unknown> }).raw('{not json', -1).catch(() => {});
    const d = await rpc.api.describe({});
    expect(d.engine).toBe('emulated');
  });
});
