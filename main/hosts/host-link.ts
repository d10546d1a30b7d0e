// The HostPort a transport holds for one host of the list, whatever happens to the host behind it: calls go to
// the current connection, events come from whichever connection is current, and while there is none the window
// hears a disconnected status and gets ENOTCONN (nothing is sent anywhere).
import type { AppEvent, ConnectionStatus, RpcResult } from '../../shared/contract.js';
import { BpfError } from '../../shared/errors.js';

import type { HostPort } from '../host/port.js';

export class HostLink implements HostPort {
  private readonly listeners = new Set<(event: AppEvent) => void>();
  private current: HostPort | undefined;
  private offCurrent: (() => void) | undefined;

  constructor(
    /** The status shown while no connection is current. */
    private readonly idleStatus: () => ConnectionStatus,
    /** The window's Reconnect while no connection is current: the registry connects the host. */
    private readonly connect: () => Promise<void>,
  ) {}

  /** Points the link at a new connection (or none); the window hears the status change either way. */
  attach(port: HostPort | undefined): void {
    this.offCurrent?.();
    this.offCurrent = undefined;
    this.current = port;
    if (port) this.offCurrent = port.subscribe((e) => this.emit(e));
    else this.emit({ type: 'connection-changed', status: this.idleStatus() });
  }

  emit(event: AppEvent): void {
    for (const l of this.listeners) l(event);
  }

  async dispatch(op: unknown, req: unknown): Promise<RpcResult> {
    if (this.current) return this.current.dispatch(op, req);
    if (op === 'connectionStatus') return { ok: true, value: this.idleStatus() };
    if (op === 'reconnect') {
      await this.connect();
      const now = this.current as HostPort | undefined;
      return now ? now.dispatch('connectionStatus', {}) : { ok: true, value: this.idleStatus() };
    }
    const status = this.idleStatus();
    const error = new BpfError('ENOTCONN', `This host is not connected (${status.reason ?? 'not connected yet'}).`, {
      hint: 'Connect it from the host list; nothing was sent.',
    });
    return { ok: false, error: error.toWire() };
  }

  subscribe(listener: (event: AppEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
