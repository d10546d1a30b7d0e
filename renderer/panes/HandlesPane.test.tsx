import { screen, waitFor, within } from '@testing-library/react';
import { pinnedMap, renderApp } from '../test-support/render-app.js';

describe('handles pane', () => {
  it('lists each handle with its object, access and origin, and closes it', async () => {
    const { user, api } = await renderApp(async (a) => {
      await pinnedMap(a, 'counts');
      await a.get({ path: 'counts', access: 'ro' });
    });
    const list = screen.getByRole('list', { name: 'Open handles' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent(/#1 map hash counts id \d+/);
    expect(items[1]).toHaveTextContent(/read-only · get from counts/);
    await user.click(screen.getByRole('button', { name: 'Close handle 2' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    expect(await api.handles({})).toHaveLength(1);
  });

  it('pins a handle through the Pin button', async () => {
    const { user } = await renderApp(async (a) => {
      await a.createMap({ type: 'array', name: 'unpinned', keySize: 4, valueSize: 4, maxEntries: 1, flags: [] });
    });
    await user.click(screen.getByRole('button', { name: 'Pin handle 1' }));
    const d = screen.getByRole('dialog', { name: 'Pin handle here' });
    expect(within(d).getByLabelText('Handle')).toHaveValue('1');
    expect(within(d).getByLabelText('Name')).toHaveValue('unpinned');
    await user.click(within(d).getByRole('button', { name: 'Pin' }));
    expect(await screen.findByRole('treeitem', { name: /^unpinned map array/ })).toBeInTheDocument();
  });
});
