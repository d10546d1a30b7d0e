// Electron transport: one ipcMain.handle per operation, each call's sender checked before dispatch.
// It takes ipcMain as a parameter so tests can drive it without the Electron binary.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';

import { type AppEvent, IPC_EVENT_CHANNEL, IPC_PREFIX, OP_NAMES, type RpcResult } from '../../shared/contract.js';
import { BpfError } from '../../shared/errors.js';

import type { ClientResources } from '../host/client-resources.js';
import type { HostPort } from '../host/port.js';

export type IpcRegistry = Pick<IpcMain, 'handle' | 'removeHandler'>;
export type SenderEvent = Pick<IpcMainInvokeEvent, 'senderFrame'> & { sender: { mainFrame: unknown } };

/** Only our own page's main frame may call: not iframes, not a page that navigated elsewhere. */
export function isTrustedSender(event: SenderEvent, rendererUrl: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  return frame.url.split(/[?#]/)[0] === rendererUrl;
}

/** One channel per operation; calls go through `owned`, which books what the window opens. */
export function registerIpcHandlers(ipc: IpcRegistry, owned: ClientResources, rendererUrl: string): () => void {
  for (const op of OP_NAMES) {
    ipc.handle(IPC_PREFIX + op, async (event, req: unknown): Promise<RpcResult> => {
      if (!isTrustedSender(event, rendererUrl)) {
        return { ok: false, error: new BpfError('EACCES', 'Refused an IPC call from an untrusted frame.').toWire() };
      }
      return owned.call(op, req);
    });
  }
  return () => OP_NAMES.forEach((op) => ipc.removeHandler(IPC_PREFIX + op));
}

/** Forwards the host's events (the window's own map-view events only) until it closes; then releases what it opened. */
export function forwardEvents(host: HostPort, contents: WebContents, owned: ClientResources): void {
  const send = (event: AppEvent) => {
    if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event);
  };
  const off = host.subscribe((event) => {
    if ('view' in event) {
      if (!owned.ownsView(event.view)) return;
      if (event.type === 'map-view-closed') owned.forgetView(event.view);
    }
    send(event);
  });
  contents.once('destroyed', () => {
    off();
    void owned.release();
  });
}
