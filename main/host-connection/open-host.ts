// The host the UI process talks to: the emulated engine in this process, or the native engine in an agent child
// process. The UI process itself never loads the native engine.
import { BpfError } from '../../shared/errors.js';

import { createEmulatedEngine } from '../engine/emulated/index.js';
import { createHost } from '../host/create-host.js';
import type { HostPort } from '../host/port.js';
import type { AppOptions } from '../options.js';
import { connectAgent } from './connection.js';
import { type ElevatingHostOptions, elevatingHost } from './elevating-host.js';
import { type AgentLauncher, type DirectAgentOptions, directAgentCommand, directLauncher } from './launcher.js';

export interface UiHost extends HostPort {
  dispose(): Promise<void>;
}

export interface OpenHostOptions {
  /** How to start the agent; the default runs `cli.js agent --stdio` with this process's runtime. */
  launcher?: AgentLauncher;
  /** For the default launcher: where the CLI is, and node flags (tsx) when running from sources. */
  agent?: Omit<DirectAgentOptions, 'agentArgs'>;
  log?: (line: string) => void;
  /** Native: how a root agent may be started when the user asks (pkexec, sudo); absent, the default ways. */
  elevation?: Omit<ElevatingHostOptions, 'agentArgs' | 'requested' | 'log'>;
}

/** The agent options that open the same engine as these app options. */
export function agentArgsFor(opts: Pick<AppOptions, 'engine' | 'bpffs' | 'empty'>): string[] {
  if (opts.engine === 'native') return ['--engine', 'native', '--bpffs', opts.bpffs];
  return ['--engine', 'emulated', ...(opts.empty ? ['--empty'] : [])];
}

/** Opens the engine the options ask for; rejects with the agent's own error when it cannot open it. */
export async function openHost(opts: AppOptions, how: OpenHostOptions): Promise<UiHost> {
  if (opts.engine === 'emulated' && !how.launcher) {
    return createHost(createEmulatedEngine({ demo: !opts.empty, traffic: !opts.empty }));
  }
  const launcher = how.launcher ?? (how.agent && directLauncher({ ...how.agent, agentArgs: agentArgsFor(opts) }));
  if (!launcher) throw new Error('openHost: the native engine needs an agent launcher');
  const connection = connectAgent(launcher, how.log ? { log: how.log } : {});
  const first = await connection.ready();
  if (first.state === 'connected') {
    if (opts.engine !== 'native') return connection;
    return elevatingHost(connection, {
      // A checkout run by node may sudo this same CLI; Electron runs only the installed launcher as root.
      ...(how.agent && !process.versions.electron
        ? { checkoutAgent: directAgentCommand({ ...how.agent, agentArgs: agentArgsFor(opts) }) }
        : {}),
      ...how.elevation,
      agentArgs: agentArgsFor(opts),
      ...(opts.elevate ? { requested: opts.elevate } : {}),
      ...(how.log ? { log: how.log } : {}),
    });
  }
  await connection.dispose();
  if (first.error) throw BpfError.fromWire(first.error);
  throw new BpfError('EIO', `The agent did not start: ${first.reason ?? 'disconnected'}.`);
}
