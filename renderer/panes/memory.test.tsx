import { act, screen, waitFor, within } from '@testing-library/react';

import { renderApp } from '../test-support/render-app.js';

const table = () => screen.getByRole('table', { name: 'Live objects' });
const names = () =>
  within(table())
    .getAllByRole('row')
    .slice(1)
    .map((r) => r.getAttribute('aria-label')?.split(' ')[1]);

describe('memory', () => {
  it('sorts objects by memory, totals the mount and a folder, and shows a map its per-CPU figure', async () => {
    const { user, engine } = await renderApp();
    await act(async () => {
      await engine.mkdir('f');
      for (const [name, max] of [
        ['small', 1],
        ['big', 1000],
      ] as const) {
        const h = await engine.createMap({ type: 'array', name, keySize: 4, valueSize: 8, maxEntries: max, flags: [] });
        await engine.pin(h.handle, `f/${name}`);
      }
      const p = await engine.createMap({
        type: 'percpu_array',
        name: 'pc',
        keySize: 4,
        valueSize: 8,
        maxEntries: 4,
        flags: [],
      });
      await engine.pin(p.handle, 'pc');
    });
    await user.click(screen.getByRole('tab', { name: 'Objects' }));
    await within(table()).findByRole('row', { name: /^map big/ });
    // The preloaded iterators' programs are a page each: the maps alone are sorted here.
    await user.type(screen.getByRole('searchbox', { name: 'Filter objects' }), 'map array');
    await user.click(within(table()).getByRole('button', { name: 'Memory' }));
    await user.click(within(table()).getByRole('button', { name: 'Memory' }));
    expect(names()).toEqual(['big', 'pc', 'small']);
    // array: 312 header bytes + 8 per entry; both arrays are in f, the per-CPU one is not.
    expect(within(table()).getByRole('row', { name: /^map big/ })).toHaveTextContent('8.12 KiB');
    const big = 312 + 8000;
    const small = 312 + 8;
    await user.click(screen.getByRole('treeitem', { name: /^f folder/ }));
    const folder = await screen.findByRole('region', { name: 'Folder memory' });
    await waitFor(() =>
      expect(folder).toHaveTextContent(`${(big + small).toLocaleString('en-US')} bytes memlock) in 2 objects`),
    );
    // The three maps; the preloaded iterators are links (no figure) and their programs are not pinned.
    expect(screen.getByLabelText('Mount memory')).toHaveTextContent('in 3 objects');
    await user.click(screen.getByRole('treeitem', { name: /^pc / }));
    const details = screen.getByRole('region', { name: 'Details' });
    await waitFor(() => expect(details).toHaveTextContent(/bytes memlock, values × \d+ possible CPUs/));
  });
});
