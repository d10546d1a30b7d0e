// The host list's control channel as a transport serves it: untrusted calls validated against the contract in
// shared/hosts.ts, each answered with a result or a typed error; never a throw.
import type { RpcResult } from '../../shared/contract.js';
import { BpfError, isBpfError } from '../../shared/errors.js';
import { type HostEvent, type HostSpec, hostRequestSchemas, isHostOpName } from '../../shared/hosts.js';

import { snapshotOps } from '../snapshot/window-ops.js';
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

export interface HostControlOptions {
  /** Whether callers may add hosts that run a command of their choosing (false: refused with EPERM). */
  commandHosts: boolean;
  /** Why they may not, for the refusal. */
  commandHostsOffReason?: string;
}

/** Command hosts run whatever the caller names as this process's user: off by default for a process run as root. */
export function defaultCommandHosts(uid: number | undefined, allow: boolean): HostControlOptions {
  if (allow || uid !== 0) return { commandHosts: true };
  return {
    commandHosts: false,
    commandHostsOffReason:
      'this bpfscope runs as root, and a custom-command host would run any command as root for whoever can reach the window',
  };
}

export function hostControl(registry: HostRegistry, opts: HostControlOptions = { commandHosts: true }): HostControl {
  const snapshots = snapshotOps(registry);
  const run = async (op: unknown, req: unknown): Promise<unknown> => {
    if (!isHostOpName(op)) throw new BpfError('EINVAL', `Unknown host operation ${JSON.stringify(op)}.`);
    const parsed = hostRequestSchemas[op].safeParse(req ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join('.') || 'request';
      throw new BpfError('EINVAL', `Malformed ${op} request: ${where} ${issue?.message ?? 'is invalid'}.`);
    }
    const r = parsed.data as Record<string, unknown>;
    const typed = parsed.data as never;
    switch (op) {
      case 'hostList':
        return registry.listing();
      case 'hostAdd': {
        const spec = r.spec as HostSpec;
        if (spec.kind === 'command' && !opts.commandHosts) {
          throw new BpfError(
            'EPERM',
            `Custom-command hosts are off: ${opts.commandHostsOffReason ?? 'not allowed here'}.`,
            {
              hint: 'Add the host as ssh or kubectl, or start bpfscope with --allow-command-hosts.',
            },
          );
        }
        return registry.add(spec, r.label as string | undefined);
      }
      case 'hostRemove':
        return registry.remove(r.id as string);
      case 'hostConnect':
        return registry.connect(r.id as string);
      case 'hostDisconnect':
        return registry.disconnect(r.id as string);
      case 'hostAnswer':
        registry.answer(r.prompt as number, r.answer as string | null);
        return {};
      case 'snapshotCapture':
        return snapshots.capture(typed);
      case 'snapshotCancel':
        return snapshots.cancel(typed);
      case 'snapshotUpload':
        return snapshots.upload(typed);
      case 'snapshotOpen':
        return snapshots.open(typed);
      case 'snapshotDiff':
        return snapshots.diff(typed);
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
    subscribe: (listener) => {
      const offHosts = registry.subscribe(listener);
      const offSnapshots = snapshots.subscribe(listener);
      return () => {
        offHosts();
        offSnapshots();
      };
    },
    pending: () => registry.pendingPrompts().map((prompt) => ({ type: 'host-prompt', prompt })),
  };
}
