// The UI workflows on the emulated engine (empty mount), plus the demo host and its moving counters.
import { beforeAll, describe, expect, it } from 'vitest';

import { defineUiWorkflows } from './flows/ui-workflows.js';
import type { AppPage } from './pages/app-page.js';
import { startServe } from './support/server.js';
import { useAppSession } from './support/session.js';
import { hasAttribute, isVisible } from './support/ui-expect.js';

defineUiWorkflows('UI workflows on the emulated engine', { start: () => startServe(['--empty']) });

describe('the demo host', () => {
  const session = useAppSession(() => startServe([]));
  let app: AppPage;
  beforeAll(() => void ({ app } = session));

  it('shows a tree that looks like a real host', async () => {
    for (const name of ['tc', 'xdp']) await isVisible(app.row(name));
    await app.reveal('tc/globals/cilium_ct4_global');
    await isVisible(app.row('tc/globals/cilium_ct4_global'));
    await hasAttribute(app.row('tc/globals/cilium_ct4_global'), 'aria-label', /^cilium_ct4_global map /);
  });

  it("shows a conntrack map's entries, and its counters change while you watch", async () => {
    await app.reveal('tc/globals/cilium_ct4_global');
    const table = app.page.getByRole('table', { name: 'Map entries' });
    await isVisible(table.getByRole('row').nth(1));
    const before = await table.innerText();
    await expect.poll(async () => (await table.innerText()) !== before, { timeout: 8000, interval: 500 }).toBe(true);
  });
});
