// Electron transport: one ipcMain.handle per operation, each call's sender checked before dispatch.
// It takes ipcMain as a parameter so tests can drive it without the Electron binary.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';

import { type AppEvent, IPC_EVENT_CHANNEL, IPC_PREFIX, OP_NAMES, type RpcResult } from '../../shared/contract.js';
import type { PinStore } from '../../shared/engine.js';
import { BpfError } from '../../shared/errors.js';

import { type ClientResources } from '../host/client-resources.js';
import { dispatch } from '../host/dispatch.js';
import type { HandlerTable } from '../host/handlers.js';
import { mapViewsOf } from '../mapview/manager.js';

export type IpcRegistry = Pick<IpcMain, 'handle' | 'removeHandler'>;
export type SenderEvent = Pick<IpcMainInvokeEvent, 'senderFrame'> & { sender: { mainFrame: unknown } };

/** Only our own page's main frame may call: not iframes, not a page that navigated elsewhere. */
export function isTrustedSender(event: SenderEvent, rendererUrl: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  return frame.url.split(/[?#]/)[0] === rendererUrl;
}

export function registerIpcHandlers(
  ipc: IpcRegistry,
  handlers: HandlerTable,
  rendererUrl: string,
  owned?: ClientResources,
): () => void {
  for (const op of OP_NAMES) {
    ipc.handle(IPC_PREFIX + op, async (event, req: unknown): Promise<RpcResult> => {
      if (!isTrustedSender(event, rendererUrl)) {
        return { ok: false, error: new BpfError('EACCES', 'Refused an IPC call from an untrusted frame.').toWire() };
      }
      const result = await dispatch(handlers, op, req);
      owned?.record(op, req, result);
      return result;
    });
  }
  return () => OP_NAMES.forEach((op) => ipc.removeHandler(IPC_PREFIX + op));
}

/** Forwards engine events, and the window's own map-view events, until it closes; then releases what it opened. */
export function forwardEvents(engine: PinStore, contents: WebContents, owned: ClientResources): void {
  const send = (event: AppEvent) => {
    if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event);
  };
  const offEngine = engine.subscribe(send);
  const offViews = mapViewsOf(engine).subscribe((event) => {
    if (!owned.ownsView(event.view)) return;
    if (event.type === 'map-view-closed') owned.forgetView(event.view);
    send(event);
  });
  contents.once('destroyed', () => {
    offEngine();
    offViews();
    void owned.release();
  });
}
