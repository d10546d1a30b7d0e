import { act, screen, waitFor, within } from '@testing-library/react';
import { pinnedMap, renderApp } from '../test-support/render-app.js';

const tree = () => screen.getByRole('tree', { name: 'bpffs tree' });
const item = (name: RegExp) => within(tree()).getByRole('treeitem', { name });

describe('bpffs tree', () => {
  it('shows rows as ARIA tree items whose names start with the file name', async () => {
    await renderApp(async (api) => {
      await api.mkdir({ path: 'tc' });
      await pinnedMap(api, 'cilium_ct4', 'ct4');
    });
    const folder = item(/^tc folder/);
    expect(folder).toHaveAttribute('aria-expanded', 'false');
    expect(folder).toHaveAttribute('aria-level', '1');
    const map = item(/^cilium_ct4 map hash id \d+/);
    expect(map).not.toHaveAttribute('aria-expanded');
    expect(map).toHaveAttribute('aria-selected', 'false');
  });

  it('loads a folder lazily when it is expanded', async () => {
    const { api, user } = await renderApp(async (a) => {
      await a.mkdir({ path: 'tc' });
      await a.mkdir({ path: 'tc/globals' });
    });
    expect(within(tree()).queryByRole('treeitem', { name: /^globals/ })).toBeNull();
    expect(api.calls.filter((c) => c === 'list')).toHaveLength(1);
    await user.dblClick(item(/^tc folder/));
    const child = await within(tree()).findByRole('treeitem', { name: /^globals folder/ });
    expect(child).toHaveAttribute('aria-level', '2');
    expect(item(/^tc folder/)).toHaveAttribute('aria-expanded', 'true');
  });

  it('moves with the arrow keys, expands with Right, goes to the parent with Left, selects with Enter', async () => {
    const { user, store } = await renderApp(async (a) => {
      await a.mkdir({ path: 'a' });
      await a.mkdir({ path: 'a/inner' });
      await a.mkdir({ path: 'b' });
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
    const { api } = await renderApp();
    expect(within(tree()).queryAllByRole('treeitem')).toHaveLength(0);
    await act(async () => {
      await pinnedMap(api, 'from_elsewhere');
    });
    expect(await within(tree()).findByRole('treeitem', { name: /^from_elsewhere map/ })).toBeInTheDocument();
  });

  it('renders only a window of rows for a folder of 10,000 entries', async () => {
    await renderApp(async (a) => a.seedFolders('', 10_000));
    const rows = within(tree()).getAllByRole('treeitem');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(200);
    expect(rows[0]).toHaveAttribute('aria-setsize', '10000');
  });

  it('offers the actions in a context menu on a row', async () => {
    const { user, store } = await renderApp(async (a) => {
      await a.mkdir({ path: 'tc' });
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
