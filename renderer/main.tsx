// Entry point: pick the transport, build the stores, mount the app. Browser mode shows the host list and one
// workspace per shown host; Electron's preload reaches one host, shown alone.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './App.js';
import { pickClient, pickHosts } from './api/pick-client.js';
import { HostsProvider } from './hosts/context.js';
import { createHostsStore } from './hosts/hosts-store.js';
import { Workbench } from './hosts/Workbench.js';
import { createAppStore } from './store/app-store.js';
import { StoreProvider } from './store/context.js';
import './styles.css';
import './layout.css';

const rootEl = document.getElementById('root');
if (!rootEl) throw new Error('index.html has no #root element');
const hosts = pickHosts();
if (hosts) {
  const store = createHostsStore(hosts);
  void store.getState().load();
  createRoot(rootEl).render(
    <StrictMode>
      <HostsProvider store={store}>
        <Workbench />
      </HostsProvider>
    </StrictMode>,
  );
} else {
  const store = createAppStore({ api: pickClient() });
  void store.getState().init();
  createRoot(rootEl).render(
    <StrictMode>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </StrictMode>,
  );
}
