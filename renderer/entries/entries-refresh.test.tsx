// The entries view between full scans on the real emulated engine: the toolbar says how old the full scan is,
// a row on screen deleted by another process shows as gone at the next tick, and "Rescan now" drops it.
import { act, screen, waitFor } from '@testing-library/react';

import { bodyRows } from '../test-support/entries.js';
import { fromOutside, renderApp } from '../test-support/render-app.js';

describe('entries view refresh', () => {
  it('shows the full scan age, marks a row deleted from outside as gone, and rescans on demand', async () => {
    let mapHandle = 0;
    const parts = await renderApp(async ({ engine }) => {
      const h = await engine.createMap({ type: 'hash', name: 'm', keySize: 4, valueSize: 4, maxEntries: 8, flags: [] });
      for (let i = 1; i <= 3; i++)
        await engine.mapUpdate(h.handle, Uint8Array.of(i, 0, 0, 0), Uint8Array.of(i, 0, 0, 0), 'any');
      await engine.pin(h.handle, 'm');
      mapHandle = h.handle;
    });
    const { store, engine, user } = parts;
    await act(() => store.getState().select('m'));
    await waitFor(() => expect(bodyRows()).toHaveLength(3));
    await act(() => store.getState().configureEntriesView({ refreshMs: 250 }));
    await waitFor(() => expect(screen.getByLabelText('Full scan age')).toHaveTextContent(/^full scan \d+ s ago$/));
    // Another process deletes a key on screen: the next tick's lookup says ENOENT.
    await fromOutside(() => engine.mapDelete(mapHandle, Uint8Array.of(2, 0, 0, 0)));
    await waitFor(() => expect(screen.getByText('gone')).toBeInTheDocument(), { timeout: 5000 });
    expect(bodyRows()).toHaveLength(3);
    expect(bodyRows().filter((r) => r.classList.contains('vanished'))).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Rescan now' }));
    await waitFor(() => expect(bodyRows()).toHaveLength(2));
    expect(screen.queryByText('gone')).toBeNull();
  });
});
