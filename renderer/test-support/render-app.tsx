// Renders the whole app against the real emulated engine behind the real handler table (test/support/in-process-api.ts),
// with the store initialised and polling off. The engine is disposed when the test finishes.
import { getConfig, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, onTestFinished } from 'vitest';

import type { ApiClient } from '../../shared/contract.js';
import type { HandleInfo, PinStore } from '../../shared/engine.js';

import { createInProcessApi, type InProcessApi } from '../../test/support/in-process-api.js';

import { App } from '../App.js';
import { createAppStore } from '../store/app-store.js';
import { StoreProvider } from '../store/context.js';
import type { AppStore } from '../store/types.js';

// Registered after React Testing Library's own cleanup, so it runs first: what the test's last step started (a request
// in flight, the effect its answer triggers) lands as it would inside waitFor, before the app is unmounted.
afterEach(() => waitFor(() => undefined));

/**
 * A call another client makes while the app runs (on `api` or `engine` from realParts): the app's reactions to its
 * events land as they would inside waitFor, and the requests they start have answered when it resolves.
 */
export function fromOutside<T>(call: () => Promise<T>): Promise<T> {
  return getConfig().asyncWrapper(call) as Promise<T>;
}

export interface RealParts {
  /** The client the renderer uses (JSON round trip, real handlers). */
  api: ApiClient;
  /** The engine itself: calling it is "another process changed the tree". */
  engine: PinStore;
  /** The host around it (its map views, its Undo windows). */
  host: InProcessApi['host'];
}

/** A fresh emulated engine for this test, disposed when the test finishes. */
export async function realParts(opts: { demo?: boolean; undoWindowMs?: number } = {}): Promise<RealParts> {
  const { api, engine, host, dispose } = await createInProcessApi(opts);
  onTestFinished(dispose);
  return { api, engine, host };
}

/** A store on `api`, initialised, with polling off unless asked; disposed when the test finishes. */
export async function initStore(api: ApiClient, pollMs = 0): Promise<AppStore> {
  const store = createAppStore({ api, pollMs });
  onTestFinished(() => store.getState().dispose());
  await store.getState().init();
  return store;
}

export async function renderApp(
  setup?: (parts: RealParts) => Promise<void>,
  opts: { demo?: boolean; undoWindowMs?: number } = {},
) {
  const parts = await realParts(opts);
  if (setup) await setup(parts);
  return { ...(await renderAppWith(parts.api)), ...parts };
}

/** Renders the app against any ApiClient. */
export async function renderAppWith(api: ApiClient) {
  const store = await initStore(api);
  const user = userEvent.setup();
  const view = render(
    <StoreProvider store={store}>
      <App />
    </StoreProvider>,
  );
  await waitFor(() => expect(screen.getByLabelText('Engine')).toBeInTheDocument());
  return { store, user, view };
}

/** Creates a hash map (4-byte keys, 8-byte values) and pins it at `path`, as another client would. */
export async function pinnedMap(api: ApiClient, path: string, name = 'counts'): Promise<HandleInfo> {
  const h = await api.createMap({ type: 'hash', name, keySize: 4, valueSize: 8, maxEntries: 16, flags: [] });
  await api.pin({ handle: h.handle, path });
  return h;
}
