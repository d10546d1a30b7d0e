// Electron mode: the preload script exposes `window.bpfscope`, whose functions return RpcResult.

import { clientFromCaller } from '../../shared/client.js';
import type { ApiClient, AppEvent, OpName, PreloadBridge, RpcResult } from '../../shared/contract.js';

/** `hostId`: one host of the list (its calls and events only); absent, the first host. */
export function createPreloadClient(bridge: PreloadBridge, hostId?: string): ApiClient {
  const call = (op: OpName, req: unknown): Promise<RpcResult> =>
    hostId === undefined
      ? (bridge[op] as (r: unknown) => Promise<RpcResult>)(req)
      : (bridge[op] as (r: unknown, h: string) => Promise<RpcResult>)(req, hostId);
  const onEvent = bridge.onEvent as (l: (e: AppEvent) => void, h?: string) => () => void;
  return clientFromCaller(call, (listener) => (hostId === undefined ? onEvent(listener) : onEvent(listener, hostId)));
}
