// The host list's control channel as a transport serves it: untrusted calls validated against the contract in
// shared/hosts.ts, each answered with a result or a typed error; never a throw.
import type { RpcResult } from '../../shared/contract.js';
import { BpfError, isBpfError } from '../../shared/errors.js';
import { type HostEvent, type HostSpec, hostRequestSchemas, isHostOpName } from '../../shared/hosts.js';

import { type HostRegistry, RegistryError } from './registry.js';

export interface HostControl {
  call(op: unknown, req: unknown): Promise<RpcResult>;
  subscribe(listener: (event: HostEvent) => void): () => void;
  /** Questions asked before this client connected, to show at once. */
  pending(): HostEvent[];
}

const failed = (e: unknown): RpcResult => {
  const error =
    e instanceof RegistryError
      ? new BpfError(e.code, e.message)
      : isBpfError(e)
        ? e
        : new BpfError('EIO', `Internal error: ${e instanceof Error ? e.message : String(e)}`);
  return { ok: false, error: error.toWire() };
};

export function hostControl(registry: HostRegistry): HostControl {
  const run = async (op: unknown, req: unknown): Promise<unknown> => {
    if (!isHostOpName(op)) throw new BpfError('EINVAL', `Unknown host operation ${JSON.stringify(op)}.`);
    const parsed = hostRequestSchemas[op].safeParse(req ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join('.') || 'request';
      throw new BpfError('EINVAL', `Malformed ${op} request: ${where} ${issue?.message ?? 'is invalid'}.`);
    }
    const r = parsed.data as Record<string, unknown>;
    switch (op) {
      case 'hostList':
        return registry.listing();
      case 'hostAdd':
        return registry.add(r.spec as HostSpec, r.label as string | undefined);
      case 'hostRemove':
        return registry.remove(r.id as string);
      case 'hostConnect':
        return registry.connect(r.id as string);
      case 'hostDisconnect':
        return registry.disconnect(r.id as string);
      case 'hostAnswer':
        registry.answer(r.prompt as number, r.answer as string | null);
        return {};
    }
  };
  return {
    call: async (op, req) => {
      try {
        return { ok: true, value: await run(op, req) } as RpcResult;
      } catch (e) {
        return failed(e);
      }
    },
    subscribe: (listener) => registry.subscribe(listener),
    pending: () => registry.pendingPrompts().map((prompt) => ({ type: 'host-prompt', prompt })),
  };
}
