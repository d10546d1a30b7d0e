// The native host as the UI process holds it: an agent connection that the user can replace with a root agent
// (pkexec, or sudo with the password from bpfscope's dialog). Until that works the unprivileged agent goes on
// serving; a cancelled or refused attempt changes nothing but says why. Never started without a request from the
// window, except by --elevate.
import { userInfo } from 'node:os';

import { type AppEvent, type ConnectionStatus, type RpcResult, requestSchemas } from '../../shared/contract.js';
import { type ElevationInfo, type ElevationMethod, identityLabel, isPrivileged } from '../../shared/elevation.js';
import { BpfError, isBpfError } from '../../shared/errors.js';

import { startAskpass } from './askpass.js';
import { connectAgent, type HostConnection } from './connection.js';
import { elevationFailure } from './elevation-failure.js';
import { type ElevationSetup, elevationCommand, elevationWays, type HostProbe, realProbe } from './elevation-ways.js';
import { commandLauncher } from './launcher.js';

export interface ElevatingHostOptions extends ElevationSetup {
  /** --elevate: pkexec is tried at once; sudo makes the window ask for the password at once. */
  requested?: ElevationMethod;
  log?: (line: string) => void;
  probe?: HostProbe;
  /** How a launcher's agent is connected (tests pass connectAgent with their own options). */
  connect?: typeof connectAgent;
}

export interface ElevatingHost extends HostConnection {
  elevate(method: ElevationMethod, password?: string): Promise<ConnectionStatus>;
}

const fail = (e: unknown): RpcResult => ({
  ok: false,
  error: (isBpfError(e) ? e : new BpfError('EIO', `Elevation failed: ${(e as Error).message}`)).toWire(),
});

export function elevatingHost(initial: HostConnection, opts: ElevatingHostOptions): ElevatingHost {
  const probe = opts.probe ?? realProbe;
  const connect = opts.connect ?? connectAgent;
  const listeners = new Set<(event: AppEvent) => void>();
  let current = initial;
  let off = current.subscribe((e) => forward(e));
  let pending: ElevationMethod | undefined;
  const forward = (e: AppEvent) => {
    for (const l of listeners) l(e);
  };

  const currentLabel = (): string => {
    const agent = current.status().agent;
    return agent ? identityLabel(agent) : 'the user bpfscope runs as';
  };

  const info = (): ElevationInfo => {
    const agent = current.status().agent;
    return {
      needed: agent ? !isPrivileged(agent) : true,
      current: currentLabel(),
      ways: elevationWays(opts, probe),
      user: userInfo().username,
      ...(opts.requested ? { requested: opts.requested } : {}),
      ...(pending ? { pending } : {}),
    };
  };

  const elevate = async (method: ElevationMethod, password?: string): Promise<ConnectionStatus> => {
    if (pending) throw new BpfError('EBUSY', `Authentication via ${pending} is already under way.`);
    const agent = current.status().agent;
    if (agent && isPrivileged(agent)) return current.status();
    const way = elevationWays(opts, probe).find((w) => w.method === method);
    if (!way?.available) throw new BpfError('ENOENT', `${method} cannot be used here: ${way?.why}.`);
    if (method === 'sudo' && !password) throw new BpfError('EINVAL', 'sudo needs your password.');
    pending = method;
    const askpass = method === 'sudo' ? startAskpass(password ?? '') : undefined;
    const stderr: string[] = [];
    const next = connect(commandLauncher(method, elevationCommand(method, opts, probe, askpass?.program)), {
      log: (line) => {
        stderr.push(line);
        opts.log?.(line);
      },
    });
    try {
      const status = await next.ready();
      if (status.state !== 'connected' || !status.agent || !isPrivileged(status.agent)) {
        await next.dispose();
        if (status.error) throw BpfError.fromWire(status.error);
        const reason =
          status.state === 'connected' ? `the agent runs as ${identityLabel(status.agent!)}` : status.reason;
        throw elevationFailure({ method, reason: reason ?? 'disconnected', stderr, current: currentLabel() });
      }
      const old = current;
      off();
      current = next;
      off = current.subscribe((e) => forward(e));
      // The old agent's open map views close with it: those events still reach the window.
      const offOld = old.subscribe((e) => e.type === 'map-view-closed' && forward(e));
      forward({ type: 'connection-changed', status });
      await old.dispose();
      offOld();
      return status;
    } finally {
      askpass?.dispose();
      pending = undefined;
    }
  };

  if (opts.requested === 'pkexec') {
    void initial
      .ready()
      .then(() => elevate('pkexec').catch((e: unknown) => opts.log?.(`--elevate pkexec: ${(e as Error).message}`)));
  }

  return {
    dispatch: async (op, req) => {
      if (op === 'elevation') return { ok: true, value: info() };
      if (op !== 'elevate') return current.dispatch(op, req);
      const parsed = requestSchemas.elevate.safeParse(req ?? {});
      if (!parsed.success)
        return fail(new BpfError('EINVAL', 'Malformed elevate request: a method, and one line of password.'));
      try {
        return { ok: true, value: await elevate(parsed.data.method, parsed.data.password) };
      } catch (e) {
        return fail(e);
      }
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    status: () => current.status(),
    ready: () => current.ready(),
    reconnect: () => current.reconnect(),
    elevate,
    dispose: async () => {
      off();
      await current.dispose();
    },
  };
}
