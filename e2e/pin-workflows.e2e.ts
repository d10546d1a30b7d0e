// Pin workflows in Chromium on both engines: drag an object from the Objects pane onto a folder to pin it,
// drag a tree node to move it, Ctrl+drag for a second pin, and Undo after an unlink. On native, bpftool
// checks each result from outside (`map show pinned`, and `prog show pinned` for a dragged program).
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { canMountBpffs, mountPrivateBpffs, type PrivateBpffs } from '../test/support/bpffs.js';

import type { AppPage } from './pages/app-page.js';
import { bpftoolAvailable, mapPinned, progPinned } from './support/bpftool.js';
import type { RpcConnection } from './support/rpc.js';
import { type ServeProcess, startServe } from './support/server.js';
import { useAppSession } from './support/session.js';
import { isGone, isVisible } from './support/ui-expect.js';

/** The id of the map pinned at `path`, as seen from outside the UI, or undefined. */
type PinnedId = (path: string) => Promise<number | undefined>;

/** `mov r0, 2 (XDP_PASS); exit`. */
const XDP_PASS_INSNS = 'b7000000020000009500000000000000';

function definePinWorkflows(
  title: string,
  start: () => Promise<ServeProcess>,
  outsideFor: (rpc: RpcConnection) => PinnedId,
  progOutsideFor: (rpc: RpcConnection) => PinnedId,
) {
  describe(title, () => {
    const session = useAppSession(start);
    let app: AppPage;
    let pinnedId: PinnedId;
    let progPinnedId: PinnedId;
    let progId = 0;
    const poll = { timeout: 10_000, interval: 100 };
    beforeAll(async () => {
      ({ app } = session);
      pinnedId = outsideFor(session.rpc);
      progPinnedId = progOutsideFor(session.rpc);
      const { api } = session.rpc;
      await api.mkdir({ path: 'src' });
      await api.mkdir({ path: 'dst' });
      const moved = await api.createMap({
        type: 'hash',
        name: 'pw_moved',
        keySize: 4,
        valueSize: 8,
        maxEntries: 4,
        flags: [],
      });
      await api.pin({ handle: moved.handle, path: 'src/pw_moved' });
      await api.close({ handle: moved.handle });
      await api.createMap({ type: 'array', name: 'pw_loose', keySize: 4, valueSize: 4, maxEntries: 1, flags: [] });
      // Alive only through this handle: a program a loader left unpinned.
      progId = (await api.loadProgram({ type: 'xdp', name: 'pw_prog', insns: XDP_PASS_INSNS, license: 'GPL' })).id;
      await isVisible(app.row('dst'));
    });

    it('pins an object dragged from the Objects pane onto a folder', async () => {
      await app.page.getByRole('tab', { name: 'Objects' }).click();
      const row = app.page
        .getByRole('table', { name: 'Live objects' })
        .getByRole('row', { name: /^map pw_loose id \d+/ });
      await isVisible(row);
      await row.dragTo(app.row('dst'));
      const d = app.dialog('Pin here');
      await isVisible(d);
      await expect(d.getByLabel('Name').inputValue()).resolves.toBe('pw_loose');
      await d.getByRole('button', { name: 'Pin' }).click();
      await isGone(d);
      await expect.poll(() => pinnedId('dst/pw_loose'), poll).toBeGreaterThan(0);
    });

    it('pins a program dragged from the Objects pane onto a folder', async () => {
      await app.page.getByRole('tab', { name: 'Objects' }).click();
      const row = app.page
        .getByRole('table', { name: 'Live objects' })
        .getByRole('row', { name: new RegExp(`^prog pw_prog id ${progId}\\b`) });
      await isVisible(row);
      await row.dragTo(app.row('dst'));
      const d = app.dialog('Pin here');
      await isVisible(d);
      await expect(d.getByLabel('Name').inputValue()).resolves.toBe('pw_prog');
      await d.getByRole('button', { name: 'Pin' }).click();
      await isGone(d);
      await expect.poll(() => progPinnedId('dst/pw_prog'), poll).toBe(progId);
    });

    it('moves a tree node dragged onto another folder', async () => {
      const id = await pinnedId('src/pw_moved');
      await app.reveal('src/pw_moved');
      await app.row('src/pw_moved').dragTo(app.row('dst'));
      await expect.poll(() => pinnedId('dst/pw_moved'), poll).toBe(id);
      await expect.poll(() => pinnedId('src/pw_moved'), poll).toBeUndefined();
    });

    it('adds a second pin when Ctrl is held while dropping', async () => {
      const id = await pinnedId('dst/pw_moved');
      await app.reveal('dst/pw_moved');
      await app.page.keyboard.down('Control');
      await app.row('dst/pw_moved').dragTo(app.row('src'));
      await app.page.keyboard.up('Control');
      await expect.poll(() => pinnedId('src/pw_moved'), poll).toBe(id);
      expect(await pinnedId('dst/pw_moved')).toBe(id);
    });

    it('undoes an unlink within the window: the same object is pinned again', async () => {
      const id = await pinnedId('dst/pw_loose');
      await app.reveal('dst/pw_loose');
      await app.action('Unlink').click();
      const d = app.dialog('Unlink');
      await d.getByRole('button', { name: 'Unlink' }).click();
      const toast = app.page.getByRole('status', { name: 'Undo unlink' });
      await isVisible(toast);
      await expect.poll(() => pinnedId('dst/pw_loose'), poll).toBeUndefined();
      await toast.getByRole('button', { name: 'Undo', exact: true }).click();
      await expect.poll(() => pinnedId('dst/pw_loose'), poll).toBe(id);
      await isVisible(app.row('dst/pw_loose'));
    });
  });
}

const statId =
  (rpc: RpcConnection): PinnedId =>
  async (path) =>
    rpc.api.stat({ path }).then(
      (e) => e.object?.id,
      () => undefined,
    );
definePinWorkflows('pin workflows on the emulated engine', () => startServe(['--empty']), statId, statId);

const whyNot = canMountBpffs() ?? ((await bpftoolAvailable()) ? undefined : 'bpftool is not installed');
if (whyNot) console.warn(`native pin-workflow e2e skipped: ${whyNot}`);

describe.skipIf(whyNot !== undefined)('native', () => {
  const mounts: PrivateBpffs[] = [];
  let dir = '';
  afterAll(async () => {
    for (const m of mounts) await m.cleanup();
  });
  definePinWorkflows(
    'pin workflows on the native engine, checked by bpftool',
    async () => {
      const m = await mountPrivateBpffs();
      mounts.push(m);
      dir = m.dir;
      return startServe(['--engine', 'native', '--bpffs', m.dir]);
    },
    () => async (path) => (await mapPinned(join(dir, path)))?.id,
    () => async (path) => (await progPinned(join(dir, path)))?.id,
  );
});
