// Electron exposes window.bpfscope through the preload script; a plain browser talks WebSocket.
import { WS_PATH } from '../../shared/channels.js';
import type { ApiClient, PreloadBridge } from '../../shared/contract.js';

import { hideToken, pageToken } from './page-token.js';
import { createPreloadClient } from './preload-client.js';
import { createWebSocketClient, wsUrlFor } from './websocket-client.js';

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
