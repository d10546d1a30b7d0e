// What one client (a WebSocket connection, an Electron window) opened that must not outlive it: map views and
// run-statistics tokens. Transports record every call's outcome here and release it all when the client goes,
// through the same dispatch the client used, so it works alike for an in-process host and an agent.
import type { RpcResult } from '../../shared/contract.js';

import type { HostPort } from './port.js';

export class ClientResources {
  private readonly views = new Set<number>();
  private readonly statsTokens = new Set<number>();

  constructor(private readonly host: Pick<HostPort, 'dispatch'>) {}

  /** Updates the books after a call: what it opened, what it closed. */
  record(op: string, req: unknown, result: RpcResult): void {
    if (!result.ok) return;
    const value = result.value as { view?: number; token?: number } | null;
    const request = req as { view?: number; token?: number } | null;
    if (op === 'mapViewOpen' && value?.view !== undefined) this.views.add(value.view);
    else if (op === 'mapViewClose' && request?.view !== undefined) this.views.delete(request.view);
    else if (op === 'statsEnable' && value?.token !== undefined) this.statsTokens.add(value.token);
    else if (op === 'statsDisable' && request?.token !== undefined) this.statsTokens.delete(request.token);
  }

  /** Runs one call for this client and books its outcome. */
  async call(op: unknown, req: unknown): Promise<RpcResult> {
    const result = await this.host.dispatch(op, req);
    if (typeof op === 'string') this.record(op, req, result);
    return result;
  }

  ownsView(view: number): boolean {
    return this.views.has(view);
  }

  forgetView(view: number): void {
    this.views.delete(view);
  }

  /** Closes the client's views and turns its statistics off; never throws (a gone host has nothing left open). */
  async release(): Promise<void> {
    const views = [...this.views];
    const tokens = [...this.statsTokens];
    this.views.clear();
    this.statsTokens.clear();
    await Promise.all([
      ...views.map((view) => this.host.dispatch('mapViewClose', { view })),
      ...tokens.map((token) => this.host.dispatch('statsDisable', { token })),
    ]);
  }
}
