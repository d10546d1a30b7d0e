// Drill-down in Chromium on the emulated demo host: a map-in-map entry opens its unpinned inner map in place with
// breadcrumbs back to the outer map, and a prog_array slot opens its program's disassembly.
import { describe, expect, it } from 'vitest';

import { startServe } from './support/server.js';
import { useAppSession } from './support/session.js';
import { hasText, isVisible } from './support/ui-expect.js';

describe('drill-down on the emulated demo host', () => {
  const session = useAppSession(() => startServe([]));

  it('opens an inner map from its outer map and goes back; opens a prog_array slot its program', async () => {
    const { app, page } = { app: session.app, page: session.app.page };
    await app.reveal('tc/globals/cilium_policies');
    const table = page.getByRole('table', { name: 'Map entries' });
    const rows = table.locator('.entries-rows [role="row"]:not(.pending)');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
    await page.getByRole('button', { name: /^Open map \d+ policy_ep_412$/ }).click();
    const crumbs = page.getByRole('navigation', { name: 'Breadcrumbs' });
    await hasText(crumbs, /^cilium_policies\s*›\s*\[412\]\s*›\s*policy_ep_412 \(map id \d+\)$/);
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
    await isVisible(table.getByRole('button', { name: 'sec_label', exact: true }));
    await isVisible(page.getByText(/open by id and read-only here/));
    await crumbs.getByRole('button', { name: 'cilium_policies' }).click();
    await isVisible(page.getByRole('button', { name: /^Open map \d+ policy_ep_2051$/ }));
    expect(await crumbs.count()).toBe(0);

    await app.reveal('tc/globals/cali_jump');
    await page.getByRole('button', { name: /^Open prog \d+ cali_tc_allowed$/ }).click();
    await hasText(crumbs, /^cali_jump\s*›\s*\[2\]\s*›\s*cali_tc_allowed \(prog id \d+\)$/);
    await hasText(page.getByLabel('Disassembly'), /exit/);
    await crumbs.getByRole('button', { name: 'cali_jump' }).click();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
  });
});
