// Renders the whole app against a test API, with the store initialised and polling off.
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../App.js';
import { createAppStore } from '../store/app-store.js';
import { StoreProvider } from '../store/context.js';
import { createFakeApi } from './fake-api.js';
import type { FakeApi } from './fake-api.js';
import type { ApiClient } from '../../shared/contract.js';

export async function renderApp(setup?: (api: FakeApi) => Promise<void>) {
  const api = createFakeApi();
  if (setup) await setup(api);
  return { ...(await renderAppWith(api)), api };
}

/** Renders the app against any ApiClient (e.g. the real emulated engine from test/support). */
export async function renderAppWith(api: ApiClient) {
  const store = createAppStore({ api, pollMs: 0 });
  await store.getState().init();
  const user = userEvent.setup();
  const view = render(
    <StoreProvider store={store}>
      <App />
    </StoreProvider>,
  );
  await waitFor(() => expect(screen.getByLabelText('Engine')).toBeInTheDocument());
  return { store, user, view };
}

/** Creates a hash map and pins it at `path` through the API, as another client would. */
export async function pinnedMap(api: FakeApi, path: string, name = 'counts') {
  const h = await api.createMap({ type: 'hash', name, keySize: 4, valueSize: 8, maxEntries: 16, flags: [] });
  await api.pin({ handle: h.handle, path });
  return h;
}
