// Entry point: pick the transport, build the store, mount the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './App.js';
import { pickClient } from './api/pick-client.js';
import { createAppStore } from './store/app-store.js';
import { StoreProvider } from './store/context.js';
import './styles.css';

const store = createAppStore({ api: pickClient() });
void store.getState().init();

const rootEl = document.getElementById('root');
if (!rootEl) throw new Error('index.html has no #root element');
createRoot(rootEl).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
