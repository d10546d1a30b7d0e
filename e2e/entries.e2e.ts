// The live entries view in Chromium on the emulated demo host (traffic running): the conntrack map reads like
// conntrack without any setting (dotted quads, host-order ports, protocol names, ages), sorts by bytes and
// filters by destination prefix in main, a value is edited in place, and the chart moves with the counters.
import { describe, expect, it } from 'vitest';

import { startServe } from './support/server.js';
import { useAppSession } from './support/session.js';
import { hasText, isVisible } from './support/ui-expect.js';

const FLOW = /^(\d{1,3}\.){3}\d{1,3}(:\d{1,5})? → (\d{1,3}\.){3}\d{1,3}(:\d{1,5})? (tcp|udp|icmp)$/;

describe('entries view on the emulated demo host', () => {
  const session = useAppSession(() => startServe([]));

  it('reads, sorts, filters, edits and charts the conntrack map', async () => {
    const { app, page } = { app: session.app, page: session.app.page };
    await app.reveal('tc/globals/cilium_ct4_global');
    const table = page.getByRole('table', { name: 'Map entries' });
    const rows = table.locator('.entries-rows [role="row"]:not(.pending)');
    const column = (id: string) => rows.locator(`[data-col="${id}"] .decoded`);
    await hasText(column('key:(flow)'), FLOW);
    await hasText(table, '10.0.0.28:443 → 10.0.1.7:51514 tcp');
    expect((await column('key:(flow)').allInnerTexts()).every((t) => FLOW.test(t))).toBe(true);
    expect((await column('value:last_seen').allInnerTexts()).every((t) => /^(now|\d+ (ms|s|min).* ago)$/.test(t))).toBe(
      true,
    );
    expect(await column('value:state').allInnerTexts()).toContain('CT_ESTABLISHED');

    // Sorting by bytes from the header, descending on the second click: done in main over the whole map.
    const bytesHeader = table.getByRole('button', { name: 'bytes', exact: true });
    await bytesHeader.click();
    await bytesHeader.click();
    const exactBytes = async () =>
      (
        await rows.locator('[data-col="value:bytes"]').evaluateAll((cells) => cells.map((c) => c.getAttribute('title')))
      ).map((t) => Number(/(\d+) bytes/.exec(t ?? '')?.[1]));
    await expect
      .poll(
        async () => {
          const b = await exactBytes();
          return b.length > 1 && b.every((v, i) => i === 0 || v <= b[i - 1]!);
        },
        { timeout: 10_000 },
      )
      .toBe(true);

    const outside = async () => (await column('key:(flow)').allInnerTexts()).some((t) => !/ → 10\./.test(t));
    expect(await outside()).toBe(true);
    await page.getByRole('textbox', { name: 'Filter entries' }).fill('daddr in 10.0.0.0/8');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(outside, { timeout: 10_000 }).toBe(false);
    expect(await rows.count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(outside, { timeout: 10_000 }).toBe(true);

    await page.getByRole('button', { name: 'Edit row 1', exact: true }).click();
    const form = page.getByRole('form', { name: 'Edit entry' });
    await form.getByRole('combobox', { name: 'Field to edit' }).selectOption('ifindex');
    await form.getByRole('textbox', { name: 'New value' }).fill('4242');
    await form.getByRole('button', { name: 'Save' }).click();
    await hasText(column('value:ifindex').first(), '4242');

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
