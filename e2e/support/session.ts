// One e2e session: a running serve, Chromium on its page, and an RPC connection to check the engine.

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

import { AppPage } from '../pages/app-page.js';
import { launchChromium } from './browser.js';
import { connectRpc, type RpcConnection } from './rpc.js';
import type { ServeProcess } from './server.js';

export interface AppSession<S extends ServeProcess = ServeProcess> {
  serve: S;
  app: AppPage;
  rpc: RpcConnection;
}

/** Registers beforeAll/afterAll hooks; the returned object is filled in before the first test runs. */
export function useAppSession<S extends ServeProcess>(start: () => Promise<S>): AppSession<S> {
  const session = {} as AppSession<S>;
  let browser: Browser | undefined;
  const pageErrors: string[] = [];
  beforeAll(async () => {
    session.serve = await start();
    session.rpc = await connectRpc(session.serve.origin, session.serve.token, session.serve.origin);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    session.app = new AppPage(page);
    await session.app.open(session.serve.url);
  });
  afterAll(async () => {
    await browser?.close();
    // An uncaught exception in the page is a bug even when every assertion held.
    expect(pageErrors).toEqual([]);
    session.rpc?.close();
    await session.serve?.stop();
  });
  return session;
}
