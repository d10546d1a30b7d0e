// The UI workflows of the foundation, written once and run against each engine: every action through the
// UI, including the refusals, checking what the UI shows and what the engine (or the kernel) then holds.

import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';

import type { AppPage } from '../pages/app-page.js';
import type { RpcConnection } from '../support/rpc.js';
import type { ServeProcess } from '../support/server.js';
import { useAppSession } from '../support/session.js';
import { hasText, hasValue, isDisabled, isGone, isVisible } from '../support/ui-expect.js';
import { expectClosed, loadProgram, newFolder, newHashMap, openAction, submit } from './ui-actions.js';

export interface WorkflowTarget {
  /** Starts serve for this engine; `check` is an optional outside observer (bpftool on native). */
  start(): Promise<ServeProcess>;
  outside?: {
    mapPinned(path: string): Promise<{ name: string; type: string } | undefined>;
    progPinned(path: string): Promise<{ name: string; type: string } | undefined>;
  };
}

export function defineUiWorkflows(title: string, target: WorkflowTarget): void {
  describe(title, () => {
    const session = useAppSession(target.start);
    const dir = 'e2e';
    let app: AppPage;
    let page: Page;
    let rpc: RpcConnection;
    beforeAll(() => {
      ({ app, rpc } = session);
      page = app.page;
    });

    it('creates a folder at the root, and refuses a dotted name inline with EPERM', async () => {
      const d = await openAction(app, '', 'New folder');
      await d.getByLabel('Name').fill('bad.name');
      await isVisible(d.getByText('EPERM'));
      await isDisabled(d.getByRole('button', { name: 'Create folder' }));
      await d.getByLabel('Name').fill(dir);
      await submit(d, 'Create folder');
      await expectClosed(d);
      await isVisible(app.row(dir));
      expect((await rpc.api.stat({ path: dir })).kind).toBe('dir');
    });

    it("shows the kernel's EEXIST in the dialog for an existing name, and keeps the input", async () => {
      const d = await newFolder(app, '', dir);
      await hasText(d.getByRole('alert'), 'EEXIST');
      await hasValue(d.getByLabel('Name'), dir);
      await d.getByRole('button', { name: 'Cancel' }).click();
      await expectClosed(d);
    });

    it('creates a hash map pinned in the folder, seen in the tree, the details and the engine', async () => {
      const d = await newHashMap(app, dir, 'flows', `${dir}/flows`);
      await expectClosed(d);
      await app.reveal(`${dir}/flows`);
      await hasText(app.details, 'hash');
      await hasText(app.details, 'flows');
      const info = await rpc.api.pathInfo({ path: `${dir}/flows` });
      expect(info).toMatchObject({
        kind: 'map',
        type: 'hash',
        keySize: 4,
        valueSize: 8,
        maxEntries: 64,
        name: 'flows',
      });
      if (target.outside)
        expect(await target.outside.mapPinned(`${dir}/flows`)).toMatchObject({ name: 'flows', type: 'hash' });
      await hasText(app.handles, 'flows');
    });

    it('loads an XDP_PASS program and pins it', async () => {
      const d = await loadProgram(app, dir, 'pass', 'XDP_PASS (return 2)', `${dir}/pass`);
      await expectClosed(d);
      await app.reveal(`${dir}/pass`);
      await hasText(app.details, 'xdp');
      const info = await rpc.api.pathInfo({ path: `${dir}/pass` });
      expect(info).toMatchObject({ kind: 'prog', type: 'xdp', name: 'pass' });
      if (target.outside)
        expect(await target.outside.progPinned(`${dir}/pass`)).toMatchObject({ name: 'pass', type: 'xdp' });
    });

    it('gets a read-only handle on a pin and pins that handle under a second name', async () => {
      const g = await openAction(app, `${dir}/flows`, 'Get');
      await g.getByLabel('Access').selectOption('ro');
      await submit(g, 'Get handle');
      await expectClosed(g);
      const handles = await rpc.api.handles({});
      const ro = handles.find((h) => h.access === 'ro' && h.path === `${dir}/flows`);
      expect(ro).toBeDefined();
      await hasText(app.handles, `#${ro!.handle}`);

      const p = await openAction(app, dir, 'Pin handle here');
      await p.getByLabel('Handle').selectOption(String(ro!.handle));
      await p.getByLabel('Name').fill('flows_ro');
      await submit(p, 'Pin');
      await expectClosed(p);
      await isVisible(app.row(`${dir}/flows_ro`));
      const a = await rpc.api.stat({ path: `${dir}/flows_ro` });
      const b = await rpc.api.stat({ path: `${dir}/flows` });
      expect(a.object?.id).toBe(b.object?.id);
    });

    it('renames with noreplace: EEXIST onto an existing name, then a rename that works', async () => {
      const r = await openAction(app, `${dir}/flows_ro`, 'Rename');
      await r.getByLabel('New name').fill('flows');
      await r.getByLabel('Fail if it exists').check();
      await submit(r, 'Rename');
      await hasText(r.getByRole('alert'), 'EEXIST');
      await r.getByLabel('New name').fill('flows_moved');
      await submit(r, 'Rename');
      await expectClosed(r);
      await isVisible(app.row(`${dir}/flows_moved`));
      await isGone(app.row(`${dir}/flows_ro`));
      await expect(rpc.api.stat({ path: `${dir}/flows_ro` })).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('adds a second pin (hard link) of a map', async () => {
      const d = await openAction(app, `${dir}/flows`, 'Add second pin');
      await d.getByLabel('Target path').fill(`${dir}/flows_link`);
      await submit(d, 'Add pin');
      await expectClosed(d);
      await isVisible(app.row(`${dir}/flows_link`));
      expect((await rpc.api.stat({ path: `${dir}/flows_link` })).nlink).toBe(2);
    });

    it('offers the actions in a context menu on a tree row', async () => {
      await app.row(`${dir}/flows`).click({ button: 'right' });
      const menu = page.getByRole('menu', { name: 'Actions' });
      await isVisible(menu);
      await menu.getByRole('menuitem', { name: 'Rename' }).click();
      const r = app.dialog('Rename');
      await hasValue(r.getByLabel('New name'), 'flows');
      await r.getByRole('button', { name: 'Cancel' }).click();
      await expectClosed(r);
    });

    it('refuses to remove a non-empty folder with ENOTEMPTY, and removes an empty one', async () => {
      const d = await openAction(app, dir, 'Remove folder');
      await hasText(d, 'ENOTEMPTY');
      await isDisabled(d.getByRole('button', { name: 'Remove folder', exact: true }));
      await d.getByRole('button', { name: 'Cancel' }).click();
      expect((await rpc.api.stat({ path: dir })).kind).toBe('dir');

      await expectClosed(await newFolder(app, dir, 'empty'));
      const e = await openAction(app, `${dir}/empty`, 'Remove folder');
      await submit(e, 'Remove folder');
      await expectClosed(e);
      await isGone(app.row(`${dir}/empty`));
      await expect(rpc.api.stat({ path: `${dir}/empty` })).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('closes every handle from the Handles pane', async () => {
      for (const h of await rpc.api.handles({})) {
        await page.getByRole('button', { name: `Close handle ${h.handle}`, exact: true }).click();
        await isGone(page.getByRole('button', { name: `Close handle ${h.handle}`, exact: true }));
      }
      expect(await rpc.api.handles({})).toEqual([]);
    });

    it('unlinks pins: a pin with another name keeps the object, the last one says it will be freed', async () => {
      const first = await openAction(app, `${dir}/flows_link`, 'Unlink');
      await hasText(first, 'stays alive');
      await submit(first, 'Unlink');
      await expectClosed(first);
      await isGone(app.row(`${dir}/flows_link`));

      const id = (await rpc.api.stat({ path: `${dir}/pass` })).object!.id;
      const last = await openAction(app, `${dir}/pass`, 'Unlink');
      await hasText(last, 'will be freed');
      await submit(last, 'Unlink');
      await expectClosed(last);
      await isGone(app.row(`${dir}/pass`));
      // Each unlink offers its own Undo for 10 s: main holds the program until then, and frees it after.
      await isVisible(app.page.getByRole('status', { name: 'Undo unlink' }).filter({ hasText: `${dir}/pass` }));
      await isVisible(app.page.getByRole('status', { name: 'Undo unlink' }).filter({ hasText: `${dir}/flows_link` }));
      await expect
        .poll(async () => (await rpc.api.listObjects({})).some((o) => o.kind === 'prog' && o.id === id), {
          timeout: 20_000,
          interval: 250,
        })
        .toBe(false);
    });
  });
}
