// The live entries view in Chromium on the emulated demo host (traffic running): the conntrack map decoded with
// its BTF, sorted by packets in main, filtered, a value edited in place, and the chart moving with the counters.
import { describe, expect, it } from 'vitest';

import { startServe } from './support/server.js';
import { useAppSession } from './support/session.js';
import { hasText, isVisible } from './support/ui-expect.js';

describe('entries view on the emulated demo host', () => {
  const session = useAppSession(() => startServe([]));

  it('decodes, sorts, filters, edits and charts the conntrack map', async () => {
    const { app, page } = { app: session.app, page: session.app.page };
    await app.reveal('tc/globals/cilium_ct4_global');
    const table = page.getByRole('table', { name: 'Map entries' });
    const rows = table.locator('.entries-rows [role="row"]:not(.pending)');
    await hasText(rows.first(), 'state: CT_');
    await hasText(rows.first(), 'saddr:');

    await page.getByRole('combobox', { name: 'Sort by' }).selectOption('value:packets');
    await page.getByRole('combobox', { name: 'Sort direction' }).selectOption('desc');
    const packets = async () => (await rows.allInnerTexts()).map((t) => Number(/packets: (\d+)/.exec(t)?.[1]));
    await expect
      .poll(
        async () => {
          const p = await packets();
          return p.length > 1 && p.every((v, i) => i === 0 || v <= p[i - 1]!);
        },
        { timeout: 10_000 },
      )
      .toBe(true);

    const third = (await packets())[2]!;
    await page.getByRole('textbox', { name: 'Filter entries' }).fill(`packets > ${third}`);
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(async () => (await packets()).every((v) => v > third), { timeout: 10_000 }).toBe(true);
    await page.getByRole('button', { name: 'Clear' }).click();
    // The cleared filter brings every flow back before a row is edited.
    await expect.poll(async () => (await packets()).some((v) => v <= third), { timeout: 10_000 }).toBe(true);

    await page.getByRole('button', { name: 'Edit row 1', exact: true }).click();
    const form = page.getByRole('form', { name: 'Edit entry' });
    await form.getByRole('combobox', { name: 'Field to edit' }).selectOption('ifindex');
    await form.getByRole('textbox', { name: 'New value' }).fill('4242');
    await form.getByRole('button', { name: 'Save' }).click();
    await hasText(table, 'ifindex: 4242');

    await page.getByRole('combobox', { name: 'Refresh interval' }).selectOption('250');
    await page.getByRole('combobox', { name: 'Chart field' }).selectOption('value:packets');
    const caption = page.getByLabel('Chart points');
    await isVisible(page.locator('.entries-chart .uplot'));
    await hasText(caption, /sum of packets: \d+ points?, now \d+/);
    const now = async () => Number(/now (\d+)/.exec(await caption.innerText())?.[1] ?? 0);
    const first = await now();
    await expect.poll(now, { timeout: 15_000 }).toBeGreaterThan(first);
  });
});
