// Builds an ApiClient from any transport's "call one operation" function: one place unwraps results.
import type { ApiClient, AppEvent, OpName, RpcResult } from './contract.js';
import { BpfError } from './errors.js';
import { OPERATION_NAMES } from './op-names.js';

export type CallOperation = (op: OpName, req: unknown) => Promise<RpcResult>;

export function clientFromCaller(call: CallOperation, onEvent: (l: (e: AppEvent) => void) => () => void): ApiClient {
  const api: Record<string, unknown> = { onEvent };
  for (const op of OPERATION_NAMES) {
    api[op] = async (req: unknown) => {
      const result = await call(op, req);
      if (!result.ok) throw BpfError.fromWire(result.error);
      return result.value;
    };
  }
  return api as unknown as ApiClient;
}
