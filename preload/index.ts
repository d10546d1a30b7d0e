// Sandboxed preload: exposes window.bpfscope with one function per operation and an event subscription.
// It never exposes ipcRenderer itself.
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';

import {
  IPC_EVENT_CHANNEL_NAME,
  IPC_HOST_EVENT_CHANNEL_NAME,
  IPC_HOSTS_CHANNEL_NAME,
  IPC_OPERATION_PREFIX,
  IPC_SAVE_FILE_CHANNEL_NAME,
} from '../shared/channels.js';
import { OPERATION_NAMES } from '../shared/op-names.js';

const bridge: Record<string, unknown> = {};
// With many hosts, a call names its host after the request and an event carries its host after it.
for (const op of OPERATION_NAMES) {
  bridge[op] = (req: unknown, hostId?: string) =>
    hostId === undefined
      ? ipcRenderer.invoke(IPC_OPERATION_PREFIX + op, req)
      : ipcRenderer.invoke(IPC_OPERATION_PREFIX + op, req, String(hostId));
}
bridge.onEvent = (listener: (event: unknown) => void, hostId?: string) => {
  const wrapped = (_e: IpcRendererEvent, event: unknown, from?: string) => {
    if (hostId === undefined || from === hostId) listener(event);
  };
  ipcRenderer.on(IPC_EVENT_CHANNEL_NAME, wrapped);
  return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL_NAME, wrapped);
};
bridge.hostCall = (op: unknown, req: unknown) => ipcRenderer.invoke(IPC_HOSTS_CHANNEL_NAME, String(op), req);
bridge.onHostEvent = (listener: (event: unknown) => void) => {
  const wrapped = (_e: IpcRendererEvent, event: unknown) => listener(event);
  ipcRenderer.on(IPC_HOST_EVENT_CHANNEL_NAME, wrapped);
  return () => ipcRenderer.removeListener(IPC_HOST_EVENT_CHANNEL_NAME, wrapped);
};

bridge.saveFile = (name: unknown, bytes: unknown) =>
  ipcRenderer.invoke(IPC_SAVE_FILE_CHANNEL_NAME, String(name), bytes);

contextBridge.exposeInMainWorld('bpfscope', bridge);
