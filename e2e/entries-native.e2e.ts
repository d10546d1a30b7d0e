// The live entries view on the native engine: a 100,000-entry hash made by the libbpf reference tool, scrolled
// to its end, and an entry that bpftool changes from outside showing its new value, highlighted, within a refresh.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { fillWithBpfRef } from '../test/support/bpf-ref.js';
import { canMountBpffs, mountPrivateBpffs, type PrivateBpffs } from '../test/support/bpffs.js';

import { bpftoolAvailable } from './support/bpftool.js';
import { type ServeProcess, startServe } from './support/server.js';
import { useAppSession } from './support/session.js';
import { hasAttribute, hasText } from './support/ui-expect.js';

const ENTRIES = 100_000;
const whyNot = canMountBpffs() ?? ((await bpftoolAvailable()) ? undefined : 'bpftool is not installed');
if (whyNot) console.warn(`native entries e2e skipped: ${whyNot}`);

describe.skipIf(whyNot !== undefined)('entries view on the native engine', () => {
  let mount: PrivateBpffs;
  beforeAll(async () => {
    mount = await mountPrivateBpffs();
    fillWithBpfRef(join(mount.dir, 'big'), 'hash', ENTRIES);
  });
  afterAll(async () => mount?.cleanup());
  const session = useAppSession(
    async (): Promise<ServeProcess> => startServe(['--engine', 'native', '--bpffs', mount.dir]),
  );

  it('reads 100,000 entries and scrolls to the last one', async () => {
    const { app } = session;
    const page = app.page;
    await app.reveal('big');
    const table = page.getByRole('table', { name: 'Map entries' });
    await hasAttribute(table, 'aria-rowcount', String(ENTRIES + 1));
    await hasText(page.getByRole('region', { name: 'Details' }), '100,000');
    await page.getByTestId('entries-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await hasAttribute(table.locator('[role="row"][aria-rowindex]').last(), 'aria-rowindex', String(ENTRIES + 1));
  });

  it('shows a value that bpftool changes from outside, highlighted, within one refresh', async () => {
    const page = session.app.page;
    // Key 7 (u32) holds 21 (3*7) as bpf-ref filled it; narrow the view to it, then change it from outside.
    await page.getByRole('textbox', { name: 'Filter entries' }).fill('^07000000');
    await page.getByRole('button', { name: 'Apply' }).click();
    const row = page
      .getByRole('table', { name: 'Map entries' })
      .locator('.entries-rows [role="row"]:not(.pending)')
      .first();
    await hasText(row, '21');
    execFileSync('bpftool', [
      'map',
      'update',
      'pinned',
      join(mount.dir, 'big'),
      'key',
      'hex',
      '07',
      '00',
      '00',
      '00',
      'value',
      'hex',
      '39',
      '05',
      '00',
      '00',
      '00',
      '00',
      '00',
      '00',
    ]);
    await hasText(row, '1337');
    await expect.poll(async () => (await row.getAttribute('class')) ?? '', { timeout: 5000 }).toContain('changed');
  });
});
