import { act, screen, waitFor, within } from '@testing-library/react';

import { pinnedMap, renderApp } from '../test-support/render-app.js';

const handleList = () => screen.getByRole('list', { name: 'Open handles' });

describe('handles pane', () => {
  it('lists each handle with its object, access and origin, and closes it', async () => {
    const { user, api } = await renderApp(async ({ api: a }) => {
      await pinnedMap(a, 'counts');
      await a.get({ path: 'counts', access: 'ro' });
    });
    const items = within(handleList()).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent(/#1 map hash counts id \d+/);
    expect(items[0]).toHaveTextContent(/read-write · create/);
    expect(items[1]).toHaveTextContent(/read-only · get from counts/);
    await user.click(screen.getByRole('button', { name: 'Close handle 2' }));
    await waitFor(() => expect(within(handleList()).getAllByRole('listitem')).toHaveLength(1));
    expect((await api.handles({})).map((h) => h.handle)).toEqual([1]);
    // The engine agrees: the handle is gone, closing it again is EBADF.
    await expect(api.close({ handle: 2 })).rejects.toMatchObject({ code: 'EBADF' });
  });

  it('follows handles opened and closed by another client', async () => {
    const { engine } = await renderApp();
    expect(screen.getByText(/No open handles/)).toBeInTheDocument();
    const h = await act(() =>
      engine.createMap({ type: 'array', name: 'other', keySize: 4, valueSize: 4, maxEntries: 1, flags: [] }),
    );
    expect(
      await within(await screen.findByRole('list', { name: 'Open handles' })).findByText('other'),
    ).toBeInTheDocument();
    await act(() => engine.close(h.handle));
    expect(await screen.findByText(/No open handles/)).toBeInTheDocument();
  });

  it('pins a handle through the Pin button', async () => {
    const { user, engine } = await renderApp(async ({ api }) => {
      await api.createMap({ type: 'array', name: 'unpinned', keySize: 4, valueSize: 4, maxEntries: 1, flags: [] });
    });
    await user.click(screen.getByRole('button', { name: 'Pin handle 1' }));
    const d = screen.getByRole('dialog', { name: 'Pin handle here' });
    expect(within(d).getByLabelText('Handle')).toHaveValue('1');
    expect(within(d).getByLabelText('Name')).toHaveValue('unpinned');
    await user.click(within(d).getByRole('button', { name: 'Pin' }));
    expect(await screen.findByRole('treeitem', { name: /^unpinned map array/ })).toBeInTheDocument();
    expect((await engine.stat('unpinned')).object?.name).toBe('unpinned');
  });

  it('says EBADF in the Pin dialog when its handle is closed elsewhere meanwhile', async () => {
    const { user, engine } = await renderApp(async ({ api }) => {
      await api.createMap({ type: 'array', name: 'fleeting', keySize: 4, valueSize: 4, maxEntries: 1, flags: [] });
    });
    await user.click(screen.getByRole('button', { name: 'Pin handle 1' }));
    const d = screen.getByRole('dialog', { name: 'Pin handle here' });
    expect(within(d).getByRole('button', { name: 'Pin' })).toBeEnabled();
    await act(() => engine.close(1));
    expect(await within(d).findByText('EBADF')).toBeInTheDocument();
    expect(within(d).getByRole('button', { name: 'Pin' })).toBeDisabled();
  });
});
