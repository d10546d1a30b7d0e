import { act, screen, waitFor, within } from '@testing-library/react';

import { pinnedMap, renderApp, renderAppWith } from '../test-support/render-app.js';

const details = () => screen.getByRole('region', { name: 'Details' });
const tabs = () => within(screen.getByRole('tablist', { name: 'Open maps' })).getAllByRole('tab');
const treeSplitter = () => screen.getByRole('separator', { name: 'Resize the tree' });

beforeEach(() => localStorage.clear());

async function twoMaps() {
  return renderApp(async ({ api }) => {
    await api.mkdir({ path: 'a' });
    await api.mkdir({ path: 'b' });
    const one = await pinnedMap(api, 'a/counts', 'first');
    await api.mapUpdate({ handle: one.handle, key: '01000000', value: '0b00000000000000', flag: 'any' });
    const two = await pinnedMap(api, 'b/counts', 'second');
    await api.mapUpdate({ handle: two.handle, key: '02000000', value: '1600000000000000', flag: 'any' });
    await api.mkdir({ path: 'a/inner' });
  });
}

describe('map tabs', () => {
  it('opens each selected map as a tab, follows the selection, switches and closes tabs', async () => {
    const { user, store } = await twoMaps();
    await act(() => store.getState().revealPin('a/counts'));
    expect(await within(details()).findByText('11')).toBeInTheDocument();
    await act(() => store.getState().revealPin('b/counts'));
    expect(await within(details()).findByText('22')).toBeInTheDocument();
    // The same file name in two folders: each tab names its folder too.
    expect(tabs().map((t) => t.textContent)).toEqual(['a/counts', 'b/counts']);
    expect(tabs()[1]).toHaveAttribute('aria-selected', 'true');
    expect(within(details()).getByRole('tabpanel')).toHaveAccessibleName('b/counts');

    await user.click(tabs()[0]!);
    expect(store.getState().selected).toBe('a/counts');
    expect(await within(details()).findByText('11')).toBeInTheDocument();
    expect(screen.getByRole('treeitem', { name: /^counts map/, selected: true })).toHaveAttribute(
      'data-path',
      'a/counts',
    );

    // Arrows move between tabs; a folder selected leaves no tab active.
    await user.keyboard('{ArrowRight}');
    await waitFor(() => expect(store.getState().selected).toBe('b/counts'));
    await act(() => store.getState().select('a/inner'));
    expect(tabs().map((t) => t.getAttribute('aria-selected'))).toEqual(['false', 'false']);
    expect(within(details()).queryByRole('tabpanel')).not.toBeInTheDocument();

    // Closing the active tab selects its neighbour; closing the last one clears the selection.
    await user.click(tabs()[1]!);
    await user.click(screen.getByRole('button', { name: 'Close b/counts' }));
    await waitFor(() => expect(store.getState().selected).toBe('a/counts'));
    expect(tabs().map((t) => t.textContent)).toEqual(['counts']);
    await user.click(screen.getByRole('button', { name: 'Close counts' }));
    await waitFor(() => expect(store.getState().selected).toBeNull());
    expect(screen.queryByRole('tablist', { name: 'Open maps' })).not.toBeInTheDocument();
  });

  it("folds the map's info header away above the entries, and remembers it", async () => {
    const { user, store } = await twoMaps();
    await act(() => store.getState().revealPin('a/counts'));
    const toggle = await screen.findByRole('button', { name: 'Map info' });
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(await screen.findByRole('table', { name: 'Object' })).toBeVisible();
    expect(screen.getByText(/^hash · id \d+ · key 4 B · value 8 B · max 16/)).toBeInTheDocument();
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('table', { name: 'Object' })).not.toBeInTheDocument();
    expect(await screen.findByRole('table', { name: 'Map entries' })).toBeInTheDocument();
    expect(JSON.parse(localStorage.getItem('bpfscope.layout') ?? '{}')).toMatchObject({ infoFolded: true });
  });
});

describe('map tabs across mounts', () => {
  it('closes the tabs of the mount the tree leaves: their paths belong to it', async () => {
    const { store } = await renderApp(undefined, { demo: true });
    await act(() => store.getState().revealPin('tc/globals/cilium_ct4_global'));
    await waitFor(() => expect(tabs().map((t) => t.textContent)).toEqual(['cilium_ct4_global']));
    const other = store.getState().mounts?.find((m) => m.id !== store.getState().engine?.mountId);
    if (!other) throw new Error('the demo host has a second mount');
    await act(() => store.getState().openMount(other.id));
    expect(store.getState().mapTabs).toEqual([]);
    expect(screen.queryByRole('tablist', { name: 'Open maps' })).not.toBeInTheDocument();
  });
});

describe('splitters', () => {
  it('resize from the keyboard, collapse and restore, and keep their width for the next start', async () => {
    const { user, view, api } = await twoMaps();
    const sep = treeSplitter();
    expect(sep).toHaveAttribute('aria-valuenow', '260');
    sep.focus();
    await user.keyboard('{ArrowRight}{ArrowRight}{Shift>}{ArrowRight}{/Shift}');
    expect(sep).toHaveAttribute('aria-valuenow', String(260 + 16 + 16 + 64));
    const side = screen.getByRole('separator', { name: 'Resize the side panes' });
    side.focus();
    await user.keyboard('{ArrowLeft}');
    expect(side).toHaveAttribute('aria-valuenow', '296');
    await user.keyboard('{Home}');
    expect(side).toHaveAttribute('aria-valuenow', '200');

    // Enter collapses the tree (its separator says 0) and the button brings it back; a double-click does both.
    sep.focus();
    await user.keyboard('{Enter}');
    expect(sep).toHaveAttribute('aria-valuenow', '0');
    expect(screen.getByRole('tree', { name: 'bpffs tree', hidden: true })).not.toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Show the tree' }));
    expect(sep).toHaveAttribute('aria-valuenow', '356');
    expect(screen.getByRole('tree', { name: 'bpffs tree' })).toBeVisible();
    await user.dblClick(sep);
    expect(sep).toHaveAttribute('aria-valuenow', '0');
    await user.dblClick(sep);
    expect(sep).toHaveAttribute('aria-valuenow', '356');

    // A new window (store and app) on the same browser storage starts with these widths.
    view.unmount();
    await renderAppWith(api);
    expect(treeSplitter()).toHaveAttribute('aria-valuenow', '356');
    expect(screen.getByRole('separator', { name: 'Resize the side panes' })).toHaveAttribute('aria-valuenow', '200');
  });
});

describe('quick jump', () => {
  it('opens with Ctrl+P, filters pins by part of their name, and reveals the one chosen', async () => {
    const { user, store } = await renderApp(async ({ api }) => {
      await api.mkdir({ path: 'tc' });
      await api.mkdir({ path: 'tc/globals' });
      await pinnedMap(api, 'tc/globals/cilium_ct4_global', 'ct4');
      await pinnedMap(api, 'tc/globals/cilium_lb4', 'lb4');
      await pinnedMap(api, 'top', 'top');
    });
    await user.keyboard('{Control>}p{/Control}');
    const dialog = screen.getByRole('dialog', { name: 'Go to pin' });
    const box = within(dialog).getByRole('combobox', { name: 'Pin name' });
    expect(box).toHaveFocus();
    // Pins in folders the tree has not opened yet are found too (from the live objects).
    await user.type(box, 'cilium');
    const list = within(dialog).getByRole('listbox', { name: 'Matching pins' });
    await waitFor(() =>
      expect(
        within(list)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['cilium_lb4 tc/globals/cilium_lb4', 'cilium_ct4_global tc/globals/cilium_ct4_global']),
    );
    await user.keyboard('{ArrowDown}');
    expect(within(list).getByRole('option', { selected: true })).toHaveTextContent('cilium_ct4_global');
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('dialog', { name: 'Go to pin' })).not.toBeInTheDocument();
    await waitFor(() => expect(store.getState().selected).toBe('tc/globals/cilium_ct4_global'));
    const row = await screen.findByRole('treeitem', { name: /^cilium_ct4_global map/ });
    expect(row).toHaveAttribute('aria-selected', 'true');
    await waitFor(() => expect(row).toHaveFocus());

    // Letters in order match too; Escape closes without moving.
    await user.keyboard('{Control>}p{/Control}');
    await user.type(screen.getByRole('combobox', { name: 'Pin name' }), 'tglb');
    expect(
      within(screen.getByRole('listbox', { name: 'Matching pins' })).getByRole('option', { selected: true }),
    ).toHaveTextContent('tc/globals/cilium_lb4');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Go to pin' })).not.toBeInTheDocument();
    expect(store.getState().selected).toBe('tc/globals/cilium_ct4_global');
  });
});
