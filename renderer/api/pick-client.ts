// Electron exposes window.bpfscope through the preload script; a plain browser talks WebSocket.
import { HOSTS_WS_PATH, WS_PATH } from '../../shared/channels.js';
import type { ApiClient, PreloadBridge } from '../../shared/contract.js';
import { BpfError } from '../../shared/errors.js';
import type { HostEvent, HostOpName, HostsBridge } from '../../shared/hosts.js';

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

/** The host list's control channel and one API per host: Electron's preload, else one WebSocket each. */
export function pickHosts(): HostsStoreOptions | null {
  const bridge = window.bpfscope as (PreloadBridge & Partial<HostsBridge>) | undefined;
  if (bridge) {
    const { hostCall, onHostEvent, saveFile } = bridge;
    // An older preload without the host list: the first host alone.
    if (!hostCall || !onHostEvent) return null;
    return {
      control: hostControlClient({ call: (op, req) => hostCall(op as HostOpName, req), onEvent: onHostEvent }),
      apiFor: (id) => createPreloadClient(bridge, id),
      ...(saveFile
        ? {
            saveFile: async (name: string, bytes: Uint8Array) => {
              const r = await saveFile(name, bytes);
              if (!r.ok) throw BpfError.fromWire(r.error);
              return r.value as unknown as string | null;
            },
          }
        : {}),
    };
  }
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
