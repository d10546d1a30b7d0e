// The window's layout in Chromium on the emulated demo host: maps open as tabs in the centre, a dragged splitter
// keeps its width across a reload, nothing scrolls sideways at 1280×800 with the Objects tab open, the dark theme
// follows prefers-color-scheme, and Ctrl+P jumps to a pin by part of its name.
import { describe, expect, it } from 'vitest';

import { startServe } from './support/server.js';
import { useAppSession } from './support/session.js';
import { hasAttribute, hasText, isGone, isVisible } from './support/ui-expect.js';

const CT = 'tc/globals/cilium_ct4_global';
const COUNTERS = 'tc/globals/cali_counters';

describe('layout on the emulated demo host', () => {
  const session = useAppSession(() => startServe([]));

  it('opens two maps as tabs in the centre and switches between them', async () => {
    const { app } = session;
    await app.reveal(CT);
    await app.reveal(COUNTERS);
    const tabs = app.details.getByRole('tablist', { name: 'Open maps' }).getByRole('tab');
    await expect.poll(() => tabs.allInnerTexts()).toEqual(['cilium_ct4_global', 'cali_counters']);
    await hasAttribute(tabs.nth(1), 'aria-selected', 'true');
    const panel = app.details.getByRole('tabpanel');
    await hasAttribute(panel.getByRole('heading', { level: 2 }), 'class', /details-title/);
    await hasText(panel.getByRole('heading', { level: 2 }), COUNTERS);

    await tabs.nth(0).click();
    await hasAttribute(tabs.nth(0), 'aria-selected', 'true');
    await hasText(panel.getByRole('heading', { level: 2 }), CT);
    await hasAttribute(app.row(CT), 'aria-selected', 'true');
    await hasText(panel.getByRole('table', { name: 'Map entries' }), '10.0.0.28:443 → 10.0.1.7:51514 tcp');
  });

  it('resizes the tree by dragging its splitter, and keeps the width after a reload', async () => {
    const { app } = session;
    const page = app.page;
    const sep = page.getByRole('separator', { name: 'Resize the tree' });
    const treeWidth = async () => (await app.scope.getByRole('region', { name: 'Tree' }).boundingBox())?.width ?? 0;
    const before = await treeWidth();
    const box = await sep.boundingBox();
    if (!box) throw new Error('the tree splitter is not on screen');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 4 });
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    await expect.poll(treeWidth).toBeCloseTo(before + 120, -1);
    const now = Number(await sep.getAttribute('aria-valuenow'));

    await page.reload();
    await app.tree.getByRole('treeitem').first().waitFor();
    await hasAttribute(sep, 'aria-valuenow', String(now));
    expect(await treeWidth()).toBeCloseTo(before + 120, -1);
  });

  it('has no horizontal scroll at 1280×800 with the Objects tab and a wide map open', async () => {
    const { app } = session;
    const page = app.page;
    await page.setViewportSize({ width: 1280, height: 800 });
    await app.reveal(CT);
    await isVisible(page.getByRole('table', { name: 'Map entries' }).locator('.entries-rows [role="row"]').first());
    await page.getByRole('tab', { name: 'Objects' }).click();
    await isVisible(page.getByRole('table', { name: 'Live objects' }).getByRole('row').nth(1));
    const widths = () =>
      page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
    const { scroll, client } = await widths();
    expect(client).toBe(1280);
    expect(scroll).toBeLessThanOrEqual(client);
  });

  it('follows prefers-color-scheme: dark', async () => {
    const page = session.app.page;
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const lightness = (rgb: string) => (rgb.match(/\d+/g) ?? []).slice(0, 3).reduce((a, v) => a + Number(v), 0) / 3;
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await background();
    expect(dark).not.toBe(light);
    expect(lightness(light)).toBeGreaterThan(200);
    expect(lightness(dark)).toBeLessThan(60);
    // Text stays readable: the page's ink turns light with it.
    const ink = await page.evaluate(() => getComputedStyle(document.documentElement).color);
    expect(lightness(ink)).toBeGreaterThan(180);
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('jumps to a pin with Ctrl+P by typing part of its name', async () => {
    const { app } = session;
    const page = app.page;
    await app.details.getByRole('tab', { name: 'cilium_ct4_global' }).click();
    await page.keyboard.press('Control+p');
    const dialog = page.getByRole('dialog', { name: 'Go to pin' });
    await isVisible(dialog);
    await dialog.getByRole('combobox', { name: 'Pin name' }).fill('xdp_l');
    const option = dialog.getByRole('listbox', { name: 'Matching pins' }).getByRole('option', { selected: true });
    await hasText(option, 'xdp/xdp_link');
    await page.keyboard.press('Enter');
    await isGone(dialog);
    await hasAttribute(app.row('xdp/xdp_link'), 'aria-selected', 'true');
    await expect.poll(() => app.row('xdp/xdp_link').evaluate((el) => el === document.activeElement)).toBe(true);
    await hasText(app.details.getByRole('heading', { level: 2 }), 'xdp/xdp_link');
  });
});
