// The hosts store reaches the rail, the workspaces and the dialogs through a React context.
import { createContext, type ReactNode, useContext } from 'react';
import { useStore } from 'zustand';

import type { HostsState, HostsStore } from './hosts-store.js';

const HostsContext = createContext<HostsStore | null>(null);

export function HostsProvider({ store, children }: { store: HostsStore; children: ReactNode }) {
  return <HostsContext.Provider value={store}>{children}</HostsContext.Provider>;
}

export function useHosts<T>(selector: (s: HostsState) => T): T {
  const store = useContext(HostsContext);
  if (!store) throw new Error('useHosts must be used inside <HostsProvider>');
  return useStore(store, selector);
}
