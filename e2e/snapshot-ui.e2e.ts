// Snapshots from the window, in Chromium: "Capture snapshot…" of this computer shows its progress and downloads the
// file; "Open snapshot…" of that file adds a read-only host whose map shows its decoded entries; after an entry is
// changed on the live host, "Compare with live" lists exactly that change, field by field.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { AppPage } from './pages/app-page.js';
import { startServe } from './support/server.js';
import { useAppSession } from './support/session.js';
import { hasText, isDisabled, isVisible } from './support/ui-expect.js';

const dir = mkdtempSync(join(tmpdir(), 'bpfscope-snapui-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MAP = 'lab/counters';
/** A u32 key and a u64 value, little-endian, as hex. */
const key = (n: number) => Buffer.from(Uint32Array.of(n).buffer).toString('hex');
const value = (n: number) => Buffer.from(BigUint64Array.of(BigInt(n)).buffer).toString('hex');

describe('snapshots from the window', () => {
  const session = useAppSession(() =>
    // The empty mount: nothing moves by itself, so the only change is the one made below.
    startServe(['--empty'], undefined, { ...process.env, XDG_CONFIG_HOME: dir, HOME: dir }),
  );

  it('captures with progress, opens the file as a host, and compares it with the live host', async () => {
    const { page } = session.app;
    const { api } = session.rpc;
    await api.mkdir({ path: 'lab' });
    const m = await api.createMap({
      type: 'hash',
      name: 'counters',
      keySize: 4,
      valueSize: 8,
      maxEntries: 16,
      flags: [],
    });
    for (const n of [1, 2, 3])
      await api.mapUpdate({ handle: m.handle, key: key(n), value: value(n * 10), flag: 'any' });
    await api.pin({ handle: m.handle, path: MAP });
    const live = new AppPage(page, page.getByRole('region', { name: 'Host This computer (emulated)' }));
    await isVisible(live.row('lab'));

    // Every text the progress line shows, as it shows it.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const text = document.querySelector('[aria-label="Capture progress"] p')?.textContent;
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await live.scope.getByRole('button', { name: 'Capture snapshot…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Capture snapshot' });
    await dialog.getByRole('radio', { name: 'Every map' }).check();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Capture' }).click(),
    ]);
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/\.bpfsnap$/);
    await hasText(dialog.getByRole('status'), /^Saved .+\.bpfsnap \([\d,]+ bytes\)\.$/);
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(seen).toContain(`Reading map entries: 0 of 1 maps · ${MAP}`);
    await dialog.getByRole('button', { name: 'Close' }).click();

    const rail = page.getByRole('navigation', { name: 'Hosts' });
    await rail.getByLabel('Snapshot file').setInputFiles(file);
    const item = rail.getByRole('listitem', { name: / at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/ });
    await isVisible(item);
    const label = (await item.getAttribute('aria-label'))!;
    const snap = new AppPage(page, page.getByRole('region', { name: `Host ${label}` }));
    await snap.tree.getByRole('treeitem').first().waitFor();
    await snap.reveal(MAP);
    const table = snap.scope.getByRole('table', { name: 'Map entries' });
    await hasText(table, /30/);
    await isDisabled(snap.action('New folder'));

    const rw = await api.get({ path: MAP, access: 'rw' });
    await api.mapUpdate({ handle: rw.handle, key: key(2), value: value(99), flag: 'exist' });
    await api.close({ handle: rw.handle });
    await snap.scope.getByRole('button', { name: 'Compare with live' }).click();
    const diff = page.getByRole('dialog', { name: 'Snapshot diff' });
    await hasText(diff.getByRole('heading', { level: 2 }), `${label} → This computer (emulated) (live)`);
    await hasText(diff.getByRole('region', { name: 'Pins' }), 'Pins (0)');
    await hasText(diff.getByRole('region', { name: 'Objects' }), 'Objects (0)');
    const maps = diff.getByRole('region', { name: 'Maps' });
    await hasText(maps.getByRole('heading', { level: 3 }), 'Maps (1)');
    await hasText(maps.getByRole('heading', { level: 4 }), `${MAP} 0 added, 0 removed, 1 changed`);
    const rows = maps.getByRole('table', { name: `Changed entries of ${MAP}` }).getByRole('row');
    expect(await rows.count()).toBe(2);
    const cells = rows.nth(1).getByRole('cell');
    expect(await cells.allTextContents()).toEqual(['changed', '2', '20 99']);
    expect(await rows.nth(1).locator('del').textContent()).toBe('20');
    expect(await rows.nth(1).locator('ins').textContent()).toBe('99');
  });
});
