import { act, screen, waitFor, within } from '@testing-library/react';

import { pinnedMap, renderApp } from '../test-support/render-app.js';

const tree = () => screen.getByRole('tree', { name: 'bpffs tree' });
const item = (name: RegExp) => within(tree()).getByRole('treeitem', { name });
const toolbar = () => screen.getByRole('toolbar', { name: 'Actions' });
const rootRow = () => screen.getByRole('button', { name: 'Mount root /sys/fs/bpf' });

describe('bpffs tree', () => {
  it('shows rows as ARIA tree items whose names start with the file name', async () => {
    await renderApp(async ({ api }) => {
      await api.mkdir({ path: 'tc' });
      await pinnedMap(api, 'cilium_ct4', 'ct4');
    });
    const folder = item(/^tc folder/);
    expect(folder).toHaveAttribute('aria-expanded', 'false');
    expect(folder).toHaveAttribute('aria-level', '1');
    const map = item(/^cilium_ct4 map hash id \d+/);
    expect(map).not.toHaveAttribute('aria-expanded');
    expect(map).toHaveAttribute('aria-selected', 'false');
    const names = within(tree())
      .getAllByRole('treeitem')
      .map((r) => r.getAttribute('aria-label'));
    expect(names.map((n) => n?.split(' ')[0])).toEqual(['tc', 'cilium_ct4', 'maps.debug', 'progs.debug']);
  });

  it('loads a folder lazily when it is expanded', async () => {
    const { api, user } = await renderApp(async ({ api: a }) => {
      await a.mkdir({ path: 'tc' });
      await a.mkdir({ path: 'tc/globals' });
    });
    const list = vi.spyOn(api, 'list');
    expect(within(tree()).queryByRole('treeitem', { name: /^globals/ })).toBeNull();
    await user.dblClick(item(/^tc folder/));
    const child = await within(tree()).findByRole('treeitem', { name: /^globals folder/ });
    expect(child).toHaveAttribute('aria-level', '2');
    expect(item(/^tc folder/)).toHaveAttribute('aria-expanded', 'true');
    expect(list.mock.calls).toEqual([[{ path: 'tc' }]]);
  });

  it('moves with the arrow keys, expands with Right, goes to the parent with Left, selects with Enter', async () => {
    const { user, store } = await renderApp(async ({ api }) => {
      await api.mkdir({ path: 'a' });
      await api.mkdir({ path: 'a/inner' });
      await api.mkdir({ path: 'b' });
    });
    const first = item(/^a folder/);
    expect(first).toHaveAttribute('tabindex', '0');
    expect(item(/^b folder/)).toHaveAttribute('tabindex', '-1');
    first.focus();
    await user.keyboard('{ArrowRight}');
    await within(tree()).findByRole('treeitem', { name: /^inner/ });
    await user.keyboard('{ArrowRight}');
    expect(item(/^inner folder/)).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(item(/^b folder/)).toHaveFocus();
    await user.keyboard('{ArrowUp}{ArrowLeft}');
    expect(item(/^a folder/)).toHaveFocus();
    await user.keyboard('{ArrowLeft}');
    expect(item(/^a folder/)).toHaveAttribute('aria-expanded', 'false');
    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(store.getState().selected).toBe('b'));
    expect(item(/^b folder/)).toHaveAttribute('aria-selected', 'true');
  });

  it('updates live when the tree changes elsewhere', async () => {
    const { engine } = await renderApp();
    const before = within(tree()).getAllByRole('treeitem').length;
    await act(async () => {
      const h = await engine.createMap({ type: 'hash', name: 'x', keySize: 4, valueSize: 4, maxEntries: 4, flags: [] });
      await engine.pin(h.handle, 'from_elsewhere');
    });
    expect(await within(tree()).findByRole('treeitem', { name: /^from_elsewhere map hash/ })).toBeInTheDocument();
    expect(within(tree()).getAllByRole('treeitem')).toHaveLength(before + 1);
    await act(() => engine.unlink('from_elsewhere'));
    await waitFor(() => expect(within(tree()).queryByRole('treeitem', { name: /^from_elsewhere/ })).toBeNull());
  });

  it('renders only a window of rows for a folder of 10,000 entries', async () => {
    await renderApp(async ({ engine }) => {
      for (let i = 0; i < 10_000; i++) await engine.mkdir(`d${i}`);
    });
    const rows = within(tree()).getAllByRole('treeitem');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(200);
    // 10,000 folders plus maps.debug and progs.debug.
    expect(rows[0]).toHaveAttribute('aria-setsize', '10002');
    expect(rows[0]).toHaveAccessibleName(/^d0 folder/);
  });

  it('offers the actions in a context menu on a row', async () => {
    const { user, store } = await renderApp(async ({ api }) => {
      await api.mkdir({ path: 'tc' });
    });
    await user.pointer({ keys: '[MouseRight]', target: item(/^tc folder/) });
    const menu = screen.getByRole('menu');
    expect(within(menu).getByRole('menuitem', { name: 'Remove folder' })).toBeEnabled();
    expect(within(menu).getByRole('menuitem', { name: 'Unlink' })).toBeDisabled();
    await user.click(within(menu).getByRole('menuitem', { name: 'New folder' }));
    expect(store.getState().dialog).toEqual({ kind: 'new-folder', target: 'tc' });
    expect(screen.getByRole('dialog', { name: 'New folder' })).toBeInTheDocument();
  });
});

describe('the mount root', () => {
  it('shows the mount point above the tree, marked as the target while nothing is selected', async () => {
    await renderApp();
    expect(rootRow()).toHaveTextContent('/sys/fs/bpf');
    expect(rootRow()).toHaveAttribute('aria-current', 'true');
    expect(within(tree()).queryByRole('button')).toBeNull();
  });

  it('Escape in the tree clears the selection, so New folder creates at the root', async () => {
    const { user, store, engine } = await renderApp(async ({ api }) => {
      await api.mkdir({ path: 'tc' });
    });
    await user.click(item(/^tc folder/));
    expect(item(/^tc folder/)).toHaveAttribute('aria-selected', 'true');
    expect(rootRow()).not.toHaveAttribute('aria-current');
    await user.keyboard('{Escape}');
    expect(item(/^tc folder/)).toHaveAttribute('aria-selected', 'false');
    expect(rootRow()).toHaveAttribute('aria-current', 'true');
    expect(within(toolbar()).getByRole('button', { name: 'Remove folder' })).toBeDisabled();
    await user.click(within(toolbar()).getByRole('button', { name: 'New folder' }));
    expect(store.getState().dialog).toEqual({ kind: 'new-folder', target: '' });
    const d = screen.getByRole('dialog', { name: 'New folder' });
    await user.type(within(d).getByLabelText('Name'), 'xdp');
    await user.click(within(d).getByRole('button', { name: 'Create folder' }));
    expect(await within(tree()).findByRole('treeitem', { name: /^xdp folder/ })).toHaveAttribute('aria-level', '1');
    expect((await engine.stat('xdp')).kind).toBe('dir');
  });

  it('Escape works after focusing the tree itself, as keyboard users and scripts do', async () => {
    const { user } = await renderApp(async ({ api }) => {
      await api.mkdir({ path: 'tc' });
    });
    await user.click(item(/^tc folder/));
    act(() => tree().focus());
    expect(tree()).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(item(/^tc folder/)).toHaveAttribute('aria-selected', 'false');
    expect(rootRow()).toHaveAttribute('aria-current', 'true');
  });

  it('clicking the mount root selects it: the details clear and actions apply to the root', async () => {
    const { user, store, api } = await renderApp(async ({ api: a }) => {
      await a.mkdir({ path: 'tc' });
      await pinnedMap(a, 'tc/counts');
    });
    await user.dblClick(item(/^tc folder/));
    await user.click(await within(tree()).findByRole('treeitem', { name: /^counts map/ }));
    expect(await screen.findByRole('table', { name: 'Object' })).toBeInTheDocument();
    await user.click(rootRow());
    expect(rootRow()).toHaveAttribute('aria-current', 'true');
    expect(screen.queryByRole('table', { name: 'Object' })).toBeNull();
    expect(within(toolbar()).getByRole('button', { name: 'Unlink' })).toBeDisabled();
    await user.click(within(toolbar()).getByRole('button', { name: 'New map' }));
    const d = screen.getByRole('dialog', { name: 'New map' });
    await user.type(within(d).getByLabelText('Name'), 'top');
    await user.type(within(d).getByLabelText('Pin at'), 'top');
    expect(within(d).getByLabelText('Pin at')).toHaveValue('top');
    await user.click(within(d).getByRole('button', { name: 'Create map' }));
    expect(await within(tree()).findByRole('treeitem', { name: /^top map hash/ })).toHaveAttribute('aria-level', '1');
    expect(store.getState().selected).toBeNull();
    expect((await api.stat({ path: 'top' })).kind).toBe('map');
  });
});
