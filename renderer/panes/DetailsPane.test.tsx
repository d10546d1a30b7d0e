import { act, screen, waitFor, within } from '@testing-library/react';

import { renderApp } from '../test-support/render-app.js';

const details = () => screen.getByRole('region', { name: 'Details' });

describe('details pane', () => {
  it('shows map info with flags by name, pins, and entries decoded (hex on hover)', async () => {
    const { user } = await renderApp(async ({ api }) => {
      const h = await api.createMap({
        type: 'hash',
        name: 'counts',
        keySize: 4,
        valueSize: 8,
        maxEntries: 16,
        flags: ['no_prealloc'],
      });
      await api.pin({ handle: h.handle, path: 'm' });
      await api.link({ from: 'm', to: 'm_again' });
      await api.mapUpdate({ handle: h.handle, key: '01000000', value: '2a00000000000000', flag: 'noexist' });
    });
    await user.click(screen.getByRole('treeitem', { name: /^m map hash/ }));
    const info = await screen.findByRole('table', { name: 'Object' });
    expect(within(info).getByRole('row', { name: /Flags no_prealloc/ })).toBeInTheDocument();
    expect(within(info).getByRole('row', { name: /Key size 4 bytes/ })).toBeInTheDocument();
    expect(within(info).getByRole('row', { name: /Value size 8 bytes/ })).toBeInTheDocument();
    const pins = within(screen.getByRole('list', { name: 'Pins' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(pins.sort()).toEqual(['m', 'm_again']);
    expect(within(details()).getByRole('list', { name: 'Handles on this object' })).toHaveTextContent(
      'handle 1 (rw, create)',
    );
    const entries = await screen.findByRole('table', { name: 'Map entries' });
    expect(await within(entries).findByText('42')).toBeInTheDocument();
    expect(within(entries).getByTitle('2a000000 00000000')).toBeInTheDocument();
    expect(within(entries).getByTitle('01000000')).toHaveTextContent('1');
  });

  it('gives per-CPU values one column per CPU, each value rounded up to 8 bytes', async () => {
    const { user, store } = await renderApp(async ({ api }) => {
      const h = await api.createMap({
        type: 'percpu_array',
        name: 'pcpu',
        keySize: 4,
        valueSize: 4,
        maxEntries: 1,
        flags: [],
      });
      await api.pin({ handle: h.handle, path: 'pcpu' });
      const cpus = (await api.describe({})).possibleCpus;
      const value = Array.from(
        { length: cpus },
        (_, i) => `${(7 + 2 * i).toString(16).padStart(2, '0')}00000000000000`,
      ).join('');
      await api.mapUpdate({ handle: h.handle, key: '00000000', value, flag: 'any' });
    });
    const cpus = store.getState().engine!.possibleCpus;
    await user.click(screen.getByRole('treeitem', { name: /^pcpu map percpu_array/ }));
    const entries = await screen.findByRole('table', { name: 'Map entries' });
    const heads = within(entries)
      .getAllByRole('columnheader')
      .map((th) => th.textContent?.split(' ')[0]);
    expect(heads).toEqual(['Key', ...Array.from({ length: cpus }, (_, i) => `cpu${i}`), 'Sum', 'Actions']);
    expect(await within(entries).findByText('7')).toBeInTheDocument();
    if (cpus > 1) expect(within(entries).getByText('9')).toBeInTheDocument();
  });

  it('explains why a ringbuf cannot be listed', async () => {
    const { user } = await renderApp(async ({ api }) => {
      const h = await api.createMap({
        type: 'ringbuf',
        name: 'events',
        keySize: 0,
        valueSize: 0,
        maxEntries: 4096,
        flags: [],
      });
      await api.pin({ handle: h.handle, path: 'events' });
    });
    await user.click(screen.getByRole('treeitem', { name: /^events map ringbuf/ }));
    expect(await within(details()).findByText(/A ring buffer has no keys/)).toBeInTheDocument();
  });

  it('shows new entries after a refresh, and says when the selected pin was removed elsewhere', async () => {
    const { user, api, engine } = await renderApp(async ({ api: a }) => {
      const h = await a.createMap({ type: 'array', name: 'arr', keySize: 4, valueSize: 4, maxEntries: 2, flags: [] });
      await a.pin({ handle: h.handle, path: 'arr' });
    });
    await user.click(screen.getByRole('treeitem', { name: /^arr map array/ }));
    const entries = await screen.findByRole('table', { name: 'Map entries' });
    await waitFor(() =>
      expect(
        within(entries)
          .getAllByRole('row')
          .filter((r) => !r.classList.contains('pending')),
      ).toHaveLength(3),
    );
    await api.mapUpdate({ handle: 1, key: '01000000', value: '05000000', flag: 'exist' });
    // The edit nudges the live view, which re-reads the map and highlights the changed row.
    await waitFor(() =>
      expect(within(screen.getByRole('table', { name: 'Map entries' })).getByTitle('05000000')).toHaveClass(
        'entry-cell',
      ),
    );
    expect(
      within(screen.getByRole('table', { name: 'Map entries' }))
        .getByTitle('05000000')
        .closest('[role="row"]'),
    ).toHaveClass('changed');
    await act(() => engine.unlink('arr'));
    expect(await within(details()).findByText('"arr" no longer exists.')).toBeInTheDocument();
  });
});
