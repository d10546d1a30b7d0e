// Drill-down on the real emulated demo host: a map-in-map entry opens its (unpinned) inner map in place under
// breadcrumbs back to the outer map, a prog_array slot opens its program, and an inner map that went away says so.
import { act, screen, waitFor, within } from '@testing-library/react';

import { bodyRows, headerLabels } from '../test-support/entries.js';
import { fromOutside, renderApp } from '../test-support/render-app.js';

async function openDemo(path: string) {
  const parts = await renderApp(undefined, { demo: true });
  await act(() => parts.store.getState().select(path));
  await waitFor(() => expect(bodyRows().length).toBeGreaterThan(0));
  return parts;
}

const crumbs = () => screen.getByRole('navigation', { name: 'Breadcrumbs' });

describe('drill-down', () => {
  it("opens a map-in-map entry's inner map in place, and goes back by the breadcrumb", async () => {
    const { user } = await openDemo('tc/globals/cilium_policies');
    expect(bodyRows()).toHaveLength(3);
    const open = await screen.findByRole('button', { name: /^Open map \d+ policy_ep_1187$/ });
    expect(open).toHaveTextContent('(unpinned)');
    const id = /map (\d+)/.exec(open.textContent ?? '')![1];
    await user.click(open);
    await waitFor(() => expect(crumbs()).toHaveTextContent(`cilium_policies › [1187] › policy_ep_1187 (map id ${id})`));
    await waitFor(() => expect(bodyRows()).toHaveLength(2));
    // The inner map's own BTF: a column per field of struct policy_key and policy_entry.
    expect(headerLabels()).toEqual(expect.arrayContaining(['sec_label', 'dport', 'packets', 'bytes']));
    expect(screen.getByText(/has no pin, so it is open by id and read-only here/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Edit row/ })).toBeNull();
    await user.click(within(crumbs()).getByRole('button', { name: 'cilium_policies' }));
    await waitFor(() => expect(bodyRows()).toHaveLength(3));
    expect(screen.queryByRole('navigation', { name: 'Breadcrumbs' })).toBeNull();
  });

  it("opens a prog_array slot's program, pinned or not, with its disassembly", async () => {
    const { user } = await openDemo('tc/globals/cali_jump');
    expect(await screen.findByRole('button', { name: /^Open prog \d+ cali_tc_main$/ })).toHaveTextContent(
      '(tc/globals/cali_tc_main)',
    );
    await user.click(await screen.findByRole('button', { name: /^Open prog \d+ cali_tc_policy$/ }));
    await waitFor(() => expect(crumbs()).toHaveTextContent(/cali_jump › \[1\] › cali_tc_policy \(prog id \d+\)/));
    expect(await screen.findByText(/Instructions of cali_tc_policy/)).toBeInTheDocument();
    expect(screen.getByLabelText('Disassembly')).toHaveTextContent('exit');
    await user.click(within(crumbs()).getByRole('button', { name: 'cali_jump' }));
    await waitFor(() => expect(bodyRows()).toHaveLength(3));
  });

  it('says so when the inner map went away since the outer map was read', async () => {
    const { user, engine } = await openDemo('tc/globals/cilium_policies');
    const open = await screen.findByRole('button', { name: /^Open map \d+ policy_ep_2051$/ });
    const id = Number(/map (\d+)/.exec(open.textContent ?? '')![1]);
    // Another process empties the slot: the outer map held the only reference, so the inner map is freed.
    await fromOutside(async () => {
      const h = await engine.get('tc/globals/cilium_policies', 'rw');
      await engine.mapDelete(h.handle, Uint8Array.of(0x03, 0x08, 0, 0));
      await engine.close(h.handle);
    });
    await waitFor(async () => expect(await engine.objectAlive('map', id)).toBe(false));
    await user.click(open);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      `Entries cannot be listed (ENOENT): Map id ${id} no longer exists (ENOENT).`,
    );
    await user.click(within(crumbs()).getByRole('button', { name: 'cilium_policies' }));
    await waitFor(() => expect(bodyRows()).toHaveLength(2));
  });
});
