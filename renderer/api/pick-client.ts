// Electron exposes window.bpfscope through the preload script; a plain browser talks WebSocket.
import { HOSTS_WS_PATH, WS_PATH } from '../../shared/channels.js';
import type { ApiClient, PreloadBridge } from '../../shared/contract.js';
import type { HostEvent } from '../../shared/hosts.js';

import type { HostsStoreOptions } from '../hosts/hosts-store.js';
import { hostControlClient } from './host-control-client.js';
import { hideToken, pageToken } from './page-token.js';
import { createPreloadClient } from './preload-client.js';
import { createWebSocketClient, createWsChannel, wsUrlFor } from './websocket-client.js';

declare global {
  interface Window {
    bpfscope?: PreloadBridge;
  }
}

export function pickClient(): ApiClient {
  if (window.bpfscope) return createPreloadClient(window.bpfscope);
  return createWebSocketClient(wsUrlFor(window.location, WS_PATH, pageToken(window)), {
    onOpen: () => hideToken(window),
  });
}

/** Browser mode: the host list's control channel, and one WebSocket per host; null under Electron's preload. */
export function pickHosts(): HostsStoreOptions | null {
  if (window.bpfscope) return null;
  const token = pageToken(window);
  const control = createWsChannel<HostEvent>(wsUrlFor(window.location, HOSTS_WS_PATH, token), {
    onOpen: () => hideToken(window),
  });
  return {
    control: hostControlClient(control),
    apiFor: (id) =>
      createWebSocketClient(`${wsUrlFor(window.location, WS_PATH, token)}&host=${encodeURIComponent(id)}`),
  };
}
