// Electron mode: the preload script exposes `window.bpfscope`, whose functions return RpcResult.

import { clientFromCaller } from '../../shared/client.js';
import type { ApiClient, OpName, PreloadBridge, RpcResult } from '../../shared/contract.js';

export function createPreloadClient(bridge: PreloadBridge): ApiClient {
  const call = (op: OpName, req: unknown): Promise<RpcResult> =>
    (bridge[op] as (r: unknown) => Promise<RpcResult>)(req);
  return clientFromCaller(call, (listener) => bridge.onEvent(listener));
}
