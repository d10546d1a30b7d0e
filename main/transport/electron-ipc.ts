// Electron transport: one ipcMain.handle per operation, each call's sender checked before dispatch.
// It takes ipcMain as a parameter so tests can drive it without the Electron binary.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_PREFIX, OP_NAMES, type AppEvent, type RpcResult } from '../../shared/contract.js';
import { BpfError } from '../../shared/errors.js';
import type { PinStore } from '../../shared/engine.js';
import { dispatch } from '../host/dispatch.js';
import type { HandlerTable } from '../host/handlers.js';
// map view sessions (issue 4)
import { mapViewsOf } from '../mapview/manager.js';

export type IpcRegistry = Pick<IpcMain, 'handle' | 'removeHandler'>;
export type SenderEvent = Pick<IpcMainInvokeEvent, 'senderFrame'> & { sender: { mainFrame: unknown } };

/** Only our own page's main frame may call: not iframes, not a page that navigated elsewhere. */
export function isTrustedSender(event: SenderEvent, rendererUrl: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  return frame.url.split(/[?#]/)[0] === rendererUrl;
}

export function registerIpcHandlers(ipc: IpcRegistry, handlers: HandlerTable, rendererUrl: string): () => void {
  for (const op of OP_NAMES) {
    ipc.handle(IPC_PREFIX + op, async (event, req: unknown): Promise<RpcResult> => {
      if (!isTrustedSender(event, rendererUrl)) {
        return { ok: false, error: new BpfError('EACCES', 'Refused an IPC call from an untrusted frame.').toWire() };
      }
      return dispatch(handlers, op, req);
    });
  }
  return () => OP_NAMES.forEach((op) => ipc.removeHandler(IPC_PREFIX + op));
}

/** Forwards engine events to a window until it closes. */
export function forwardEvents(engine: PinStore, contents: WebContents): void {
  const off = engine.subscribe((event: AppEvent) => {
    if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event);
  });
  contents.once('destroyed', off);
  // --- map view sessions (issue 4): view events go to the window too; its views close with it ---
  const views = mapViewsOf(engine);
  const offViews = views.subscribe((event: AppEvent) => {
    if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event);
  });
  contents.once('destroyed', () => {
    offViews();
    views.closeMany(views.views());
  });
  // --- end map view sessions ---
}
