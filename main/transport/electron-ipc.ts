// Electron transport: one ipcMain.handle per operation, each call's sender checked before dispatch.
// It takes ipcMain as a parameter so tests can drive it without the Electron binary.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';

import { IPC_HOST_EVENT_CHANNEL_NAME, IPC_HOSTS_CHANNEL_NAME } from '../../shared/channels.js';
import { type AppEvent, IPC_EVENT_CHANNEL, IPC_PREFIX, OP_NAMES, type RpcResult } from '../../shared/contract.js';
import { BpfError } from '../../shared/errors.js';

import type { ClientResources } from '../host/client-resources.js';
import type { HostPort } from '../host/port.js';
import type { HostControl } from '../hosts/control.js';

export type IpcRegistry = Pick<IpcMain, 'handle' | 'removeHandler'>;
export type SenderEvent = Pick<IpcMainInvokeEvent, 'senderFrame'> & { sender: { mainFrame: unknown } };

/** Only our own page's main frame may call: not iframes, not a page that navigated elsewhere. */
export function isTrustedSender(event: SenderEvent, rendererUrl: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  return frame.url.split(/[?#]/)[0] === rendererUrl;
}

const untrusted = (): RpcResult => ({
  ok: false,
  error: new BpfError('EACCES', 'Refused an IPC call from an untrusted frame.').toWire(),
});

/** What the window opened on each host, by host id; undefined for a host that is not in the list. */
export type OwnedByHost = (hostId: string) => ClientResources | undefined;

/**
 * One channel per operation; calls go through `owned`, which books what the window opens. With many hosts, a
 * call names its host after the request (absent: the first host).
 */
export function registerIpcHandlers(
  ipc: IpcRegistry,
  owned: ClientResources,
  rendererUrl: string,
  byHost?: OwnedByHost,
): () => void {
  for (const op of OP_NAMES) {
    ipc.handle(IPC_PREFIX + op, async (event, req: unknown, hostId?: unknown): Promise<RpcResult> => {
      if (!isTrustedSender(event, rendererUrl)) return untrusted();
      if (hostId === undefined) return owned.call(op, req);
      const target = typeof hostId === 'string' ? byHost?.(hostId) : undefined;
      if (!target) return { ok: false, error: new BpfError('ENOENT', 'There is no such host in the list.').toWire() };
      return target.call(op, req);
    });
  }
  return () => OP_NAMES.forEach((op) => ipc.removeHandler(IPC_PREFIX + op));
}

/** The host list's control channel: one invoke channel carrying (op, request), the sender checked first. */
export function registerHostControl(ipc: IpcRegistry, control: HostControl, rendererUrl: string): () => void {
  ipc.handle(IPC_HOSTS_CHANNEL_NAME, async (event, op: unknown, req: unknown): Promise<RpcResult> => {
    if (!isTrustedSender(event, rendererUrl)) return untrusted();
    return control.call(op, req);
  });
  return () => ipc.removeHandler(IPC_HOSTS_CHANNEL_NAME);
}

/** Pushes the host list's events to the window until it closes. */
export function forwardHostEvents(control: HostControl, contents: WebContents): void {
  const off = control.subscribe((event) => {
    if (!contents.isDestroyed()) contents.send(IPC_HOST_EVENT_CHANNEL_NAME, event);
  });
  contents.once('destroyed', off);
}

/**
 * Forwards the host's events (the window's own map-view events only) until it closes; then releases what it
 * opened. With many hosts each event carries its host's id after it.
 */
export function forwardEvents(host: HostPort, contents: WebContents, owned: ClientResources, hostId?: string): void {
  const send = (event: AppEvent) => {
    if (contents.isDestroyed()) return;
    if (hostId === undefined) contents.send(IPC_EVENT_CHANNEL, event);
    else contents.send(IPC_EVENT_CHANNEL, event, hostId);
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
