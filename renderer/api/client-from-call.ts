// Builds an ApiClient from one "call an operation" function, so every transport shares the unwrapping.
import { OP_NAMES } from '../../shared/contract.js';
import type { ApiClient, AppEvent, OpName, RpcResult } from '../../shared/contract.js';
import { BpfError } from '../../shared/errors.js';

export type CallFn = (op: OpName, req: unknown) => Promise<RpcResult>;
export type SubscribeFn = (listener: (event: AppEvent) => void) => () => void;

export function unwrapResult<T>(result: RpcResult): T {
  if (result.ok) return result.value as T;
  throw BpfError.fromWire(result.error);
}

export function clientFromCall(call: CallFn, onEvent: SubscribeFn): ApiClient {
  const api: Record<string, unknown> = { onEvent };
  for (const op of OP_NAMES) {
    api[op] = async (req: unknown) => unwrapResult(await call(op, req));
  }
  return api as unknown as ApiClient;
}
