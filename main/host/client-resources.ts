// What one client (a WebSocket connection, an Electron window) opened that must not outlive it: map views and
// run-statistics tokens. Transports record every call's outcome here and release it all when the client goes.
import type { RpcResult } from '../../shared/contract.js';
import type { PinStore } from '../../shared/engine.js';

import { mapViewsOf } from '../mapview/manager.js';

export class ClientResources {
  private readonly views = new Set<number>();
  private readonly statsTokens = new Set<number>();

  constructor(private readonly engine: PinStore) {}

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

  ownsView(view: number): boolean {
    return this.views.has(view);
  }

  forgetView(view: number): void {
    this.views.delete(view);
  }

  /** Closes the client's views and turns its statistics off; never throws. */
  async release(): Promise<void> {
    mapViewsOf(this.engine).closeMany([...this.views]);
    this.views.clear();
    const tokens = [...this.statsTokens];
    this.statsTokens.clear();
    for (const token of tokens) await this.engine.disableStats(token).catch(() => undefined);
  }
}
