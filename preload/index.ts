// Sandboxed preload: exposes window.bpfscope with one function per operation and an event subscription.
// It never exposes ipcRenderer itself.
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';

import { IPC_EVENT_CHANNEL_NAME, IPC_OPERATION_PREFIX } from '../shared/channels.js';
import { OPERATION_NAMES } from '../shared/op-names.js';

const bridge: Record<string, unknown> = {};
for (const op of OPERATION_NAMES) {
  bridge[op] = (req: unknown) => ipcRenderer.invoke(IPC_OPERATION_PREFIX + op, req);
}
bridge.onEvent = (listener: (event: unknown) => void) => {
  const wrapped = (_e: IpcRendererEvent, event: unknown) => listener(event);
  ipcRenderer.on(IPC_EVENT_CHANNEL_NAME, wrapped);
  return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL_NAME, wrapped);
};

contextBridge.exposeInMainWorld('bpfscope', bridge);
