// The keyboard ways of the pin workflows and recursive folder removal in Chromium on both engines
// Ctrl+X / Ctrl+V moves a node, Ctrl+C / Ctrl+V adds a second pin, "Pin to…" pins an
// object from the Objects pane, and "Remove with contents…" lists what it frees before removing. On native,
// bpftool checks each result from outside.
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { canMountBpffs, mountPrivateBpffs, type PrivateBpffs } from '../test/support/bpffs.js';

import type { AppPage } from './pages/app-page.js';
import { bpftoolAvailable, mapPinned } from './support/bpftool.js';
import type { RpcConnection } from './support/rpc.js';
import { type ServeProcess, startServe } from './support/server.js';
import { useAppSession } from './support/session.js';
import { hasText, isGone, isVisible } from './support/ui-expect.js';

/** The id of the map pinned at `path`, as seen from outside the UI, or undefined. */
type PinnedId = (path: string) => Promise<number | undefined>;

const poll = { timeout: 10_000, interval: 100 };

function defineSpecs(
  title: string,
  start: () => Promise<ServeProcess>,
  outsideFor: (rpc: RpcConnection) => PinnedId,
): void {
  describe(title, () => {
    const session = useAppSession(start);
    let app: AppPage;
    let pinnedId: PinnedId;
    const ids: Record<string, number> = {};
    beforeAll(async () => {
      ({ app } = session);
      pinnedId = outsideFor(session.rpc);
      const { api } = session.rpc;
      for (const dir of ['kb', 'kb/src', 'kb/dst', 'rm', 'rm/inner']) await api.mkdir({ path: dir });
      // Each map is left alive by its pins only (the RPC handle is closed), like a loader would leave it.
      const pinned = async (name: string, ...paths: string[]): Promise<void> => {
        const h = await api.createMap({ type: 'hash', name, keySize: 4, valueSize: 8, maxEntries: 4, flags: [] });
        for (const p of paths) await api.pin({ handle: h.handle, path: p });
        await api.close({ handle: h.handle });
        ids[name] = h.id;
      };
      await pinned('kb_moved', 'kb/src/kb_moved');
      await pinned('rm_gone', 'rm/rm_gone');
      await pinned('rm_deep', 'rm/inner/rm_deep');
      await pinned('rm_kept', 'rm/inner/rm_kept', 'rm_kept_elsewhere');
      // Alive only through this handle, so it is in the Objects pane without a pin.
      ids.kb_loose = (
        await api.createMap({ type: 'array', name: 'kb_loose', keySize: 4, valueSize: 4, maxEntries: 1, flags: [] })
      ).id;
      await isVisible(app.row('rm'));
    });

    it('Ctrl+X on a node, then Ctrl+V on a folder moves it there', async () => {
      await app.reveal('kb/dst');
      await app.reveal('kb/src/kb_moved');
      await app.page.keyboard.press('Control+x');
      await hasText(app.notices, 'Cut "kb/src/kb_moved"');
      await app.row('kb/dst').click();
      await app.page.keyboard.press('Control+v');
      await expect.poll(() => pinnedId('kb/dst/kb_moved'), poll).toBe(ids.kb_moved);
      await expect.poll(() => pinnedId('kb/src/kb_moved'), poll).toBeUndefined();
      await isVisible(app.row('kb/dst/kb_moved'));
    });

    it('Ctrl+C on a node, then Ctrl+V on a folder adds a second pin of the same object', async () => {
      await app.reveal('kb/dst/kb_moved');
      await app.page.keyboard.press('Control+c');
      await hasText(app.notices, 'Copied "kb/dst/kb_moved"');
      await app.row('kb/src').click();
      await app.page.keyboard.press('Control+v');
      await expect.poll(() => pinnedId('kb/src/kb_moved'), poll).toBe(ids.kb_moved);
      expect(await pinnedId('kb/dst/kb_moved')).toBe(ids.kb_moved);
    });

    it('"Pin to…" in the Objects pane pins an object in the chosen folder under the given name', async () => {
      await app.page.getByRole('tab', { name: 'Objects' }).click();
      await app.page.getByRole('button', { name: `Pin map ${ids.kb_loose} to…` }).click();
      const d = app.dialog('Pin to');
      await isVisible(d);
      await expect(d.getByLabel('Name').inputValue()).resolves.toBe('kb_loose');
      await d.getByLabel('Folder').selectOption('kb/dst');
      await d.getByLabel('Name').fill('kb_pinned');
      await d.getByRole('button', { name: 'Pin' }).click();
      await isGone(d);
      await expect.poll(() => pinnedId('kb/dst/kb_pinned'), poll).toBe(ids.kb_loose);
      await isVisible(app.row('kb/dst/kb_pinned'));
    });

    it('"Remove with contents…" lists the objects it frees, then removes the folder and everything in it', async () => {
      await app.reveal('rm');
      await app.action('Remove folder').click();
      // The folder was never expanded, so its contents are unknown until rmdir says ENOTEMPTY.
      const ask = app.dialog('Remove folder');
      await ask.getByRole('button', { name: 'Remove folder' }).click();
      await hasText(ask.getByRole('alert'), 'ENOTEMPTY');
      await ask.getByRole('button', { name: 'Remove with contents…' }).click();
      const d = app.dialog('Remove folder and contents');
      const freed = d.getByRole('list', { name: 'Objects freed' });
      await hasText(freed, `map hash "rm_gone" id ${ids.rm_gone}`);
      await hasText(freed, `map hash "rm_deep" id ${ids.rm_deep}`);
      expect(await freed.getByRole('listitem').allInnerTexts()).toHaveLength(2);
      await hasText(d, 'This frees 2 objects');
      await d.getByText('Entries, in removal order').click();
      await hasText(d.getByRole('list', { name: 'Entries to remove' }), 'rm/inner/rm_kept');
      await d.getByRole('button', { name: 'Remove all' }).click();
      await isGone(d);
      await isGone(app.row('rm'));
      expect(await pinnedId('rm/rm_gone')).toBeUndefined();
      expect(await pinnedId('rm/inner/rm_deep')).toBeUndefined();
      expect(await pinnedId('rm/inner/rm_kept')).toBeUndefined();
      // The object whose other pin is outside the folder lives on.
      expect(await pinnedId('rm_kept_elsewhere')).toBe(ids.rm_kept);
      await expect(session.rpc.api.stat({ path: 'rm' })).rejects.toMatchObject({ code: 'ENOENT' });
    });
  });
}

defineSpecs(
  'keyboard ways and recursive removal on the emulated engine',
  () => startServe(['--empty']),
  (rpc) => async (path) =>
    rpc.api.stat({ path }).then(
      (e) => e.object?.id,
      () => undefined,
    ),
);

const whyNot = canMountBpffs() ?? ((await bpftoolAvailable()) ? undefined : 'bpftool is not installed');
if (whyNot) console.warn(`native keyboard/removal e2e skipped: ${whyNot}`);

describe.skipIf(whyNot !== undefined)('native', () => {
  let mount: PrivateBpffs | undefined;
  afterAll(async () => {
    await mount?.cleanup();
  });
  defineSpecs(
    'keyboard ways and recursive removal on the native engine, checked by bpftool',
    async () => {
      mount = await mountPrivateBpffs();
      return startServe(['--engine', 'native', '--bpffs', mount.dir]);
    },
    () => async (path) => (await mapPinned(join(mount!.dir, path)))?.id,
  );
});
