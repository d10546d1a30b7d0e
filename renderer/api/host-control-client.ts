// The host list's control channel as the hosts store calls it: one function per operation, results unwrapped.
import type { RpcResult } from '../../shared/contract.js';
import { BpfError } from '../../shared/errors.js';
import { HOST_OP_NAMES, type HostControlApi, type HostEvent, type HostOpName } from '../../shared/hosts.js';

import type { WsChannel } from './websocket-client.js';

const OPS: readonly HostOpName[] = HOST_OP_NAMES;

export function hostControlClient(
  channel: Pick<WsChannel<HostEvent>, 'call' | 'onEvent'> & Partial<Pick<WsChannel<HostEvent>, 'onReconnect'>>,
): HostControlApi {
  const api: Record<string, unknown> = { onEvent: channel.onEvent };
  if (channel.onReconnect) api.onReconnect = channel.onReconnect;
  for (const op of OPS) {
    api[op] = async (req: unknown) => {
      const result: RpcResult = await channel.call(op, req);
      if (!result.ok) throw BpfError.fromWire(result.error);
      return result.value;
    };
  }
  return api as unknown as HostControlApi;
}
