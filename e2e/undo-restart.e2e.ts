// Undo survives the server: `serve --engine native` is killed with SIGKILL inside the Undo window, started again on
// the same bpffs, and Undo through the new server (RPC, and the page in Chromium) pins the same map again.
// bpftool checks the kernel's side from outside.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { canMountBpffs, mountPrivateBpffs, type PrivateBpffs } from '../test/support/bpffs.js';

import { AppPage } from './pages/app-page.js';
import { bpftoolAvailable, bpftoolJson, mapPinned } from './support/bpftool.js';
import { launchChromium } from './support/browser.js';
import { connectRpc, type RpcConnection } from './support/rpc.js';
import { type ServeProcess, startServe } from './support/server.js';
import { hasText, isGone, isVisible } from './support/ui-expect.js';

const whyNot = canMountBpffs() ?? ((await bpftoolAvailable()) ? undefined : 'bpftool is not installed');
if (whyNot) console.warn(`undo-restart e2e skipped: ${whyNot}`);

const HOLDING = 'bpfscope_undo';
const poll = { timeout: 10_000, interval: 100 };

/** The map with this id as bpftool sees it, or undefined when the kernel has freed it. */
const mapById = (id: number) =>
  bpftoolJson<{ id: number; name: string }>(['map', 'show', 'id', String(id)]).catch(() => undefined);

describe.skipIf(whyNot !== undefined)('Undo across a SIGKILL of serve (native engine)', () => {
  let mount: PrivateBpffs;
  const servers: ServeProcess[] = [];
  const conns: RpcConnection[] = [];

  beforeEach(async () => {
    mount = await mountPrivateBpffs();
    // Room for a restart on a busy machine before Undo is pressed (the servers inherit it).
    vi.stubEnv('BPFSCOPE_UNDO_WINDOW_MS', '60000');
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    for (const c of conns.splice(0)) c.close();
    for (const s of servers.splice(0)) await s.stop();
    await mount.cleanup();
  });

  const serve = async (): Promise<{ server: ServeProcess; rpc: RpcConnection }> => {
    const server = await startServe(['--engine', 'native', '--bpffs', mount.dir]);
    servers.push(server);
    const rpc = await connectRpc(server.origin, server.token, server.origin);
    conns.push(rpc);
    return { server, rpc };
  };

  /** A hash map pinned at `path` with no handle left: the pin is its only reference. */
  const pinMap = async (rpc: RpcConnection, path: string, name: string): Promise<number> => {
    const h = await rpc.api.createMap({ type: 'hash', name, keySize: 4, valueSize: 8, maxEntries: 8, flags: [] });
    await rpc.api.pin({ handle: h.handle, path });
    await rpc.api.close({ handle: h.handle });
    return h.id;
  };

  it('keeps the map through the crash, and Undo through the next server pins the same map at its path', async () => {
    const first = await serve();
    await first.rpc.api.mkdir({ path: 'tc' });
    const id = await pinMap(first.rpc, 'tc/flows', 'flows');
    const r = await first.rpc.api.unlinkWithUndo({ path: 'tc/flows' });
    expect(await mapPinned(join(mount.dir, 'tc/flows'))).toBeUndefined();
    await first.server.kill('SIGKILL');
    // Nothing of the dead server is left to hold the map: only the pin it moved inside the mount keeps it.
    expect(await mapById(id)).toMatchObject({ id, name: 'flows' });

    const second = await serve();
    const held = await second.rpc.api.listHeld({});
    expect(held).toEqual([
      { undoToken: r.undoToken, path: 'tc/flows', expiresAt: r.expiresAt, remainingMs: expect.any(Number) },
    ]);
    expect((await second.rpc.api.list({ path: '' })).map((e) => e.name)).not.toContain(HOLDING);
    await expect(second.rpc.api.undoUnlink({ undoToken: r.undoToken })).resolves.toEqual({ path: 'tc/flows' });
    expect(await mapPinned(join(mount.dir, 'tc/flows'))).toMatchObject({ id, name: 'flows' });
    expect(readdirSync(mount.dir)).not.toContain(HOLDING);
  });

  it('removes a held pin whose window ended while no server ran, and the kernel frees its map', async () => {
    vi.stubEnv('BPFSCOPE_UNDO_WINDOW_MS', '1500');
    const first = await serve();
    const id = await pinMap(first.rpc, 'old', 'old');
    const r = await first.rpc.api.unlinkWithUndo({ path: 'old' });
    await first.server.kill('SIGKILL');
    // Wait out the window with no server running.
    while (Date.now() <= r.expiresAt) await new Promise((res) => setTimeout(res, r.expiresAt + 1 - Date.now()));
    expect(await mapById(id)).toMatchObject({ id });

    const second = await serve();
    expect(await second.rpc.api.listHeld({})).toEqual([]);
    await expect(second.rpc.api.undoUnlink({ undoToken: r.undoToken })).rejects.toMatchObject({ code: 'ENOENT' });
    expect(readdirSync(mount.dir)).not.toContain(HOLDING);
    await expect.poll(() => mapById(id), poll).toBeUndefined();
  });

  it('the page of the restarted server offers Undo for the held pin, and Undo puts its row back', async () => {
    const browser = await launchChromium();
    const pageErrors: string[] = [];
    try {
      const first = await serve();
      await pinMap(first.rpc, 'kept', 'kept');
      const id = await pinMap(first.rpc, 'restore_me', 'restore_me');
      await first.rpc.api.unlinkWithUndo({ path: 'restore_me' });
      await first.server.kill('SIGKILL');

      const second = await serve();
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      page.on('pageerror', (e) => pageErrors.push(e.message));
      const app = new AppPage(page);
      await app.open(second.server.url);
      const toast = page.getByRole('status', { name: 'Undo unlink' });
      await hasText(toast, 'Unlinked restore_me.');
      await isVisible(app.row('kept'));
      await isGone(app.row('restore_me'));
      await isGone(app.row(HOLDING));
      await toast.getByRole('button', { name: 'Undo', exact: true }).click();
      await isVisible(app.row('restore_me'));
      await isGone(toast);
      expect(await mapPinned(join(mount.dir, 'restore_me'))).toMatchObject({ id, name: 'restore_me' });
    } finally {
      await browser.close();
    }
    expect(pageErrors).toEqual([]);
  });
});
