// The host one headless command runs against: this computer opened exactly as serve opens it (the emulated engine
// in this process, the native one in an agent child), or a remote agent reached through --host.
import { clientFromCaller } from '../../shared/client.js';
import type { ApiClient } from '../../shared/contract.js';
import { BpfError } from '../../shared/errors.js';

import { connectAgent } from '../host-connection/connection.js';
import { type HostSpec, launcherFor, parseHostSpec } from '../host-connection/host-spec.js';
import { openHost, type UiHost } from '../host-connection/open-host.js';
import { UsageError } from '../options.js';
import { openSnapshotHost } from '../snapshot/open.js';
import type { HeadlessOptions } from './argv.js';
import { ttyPrompt } from './tty-prompt.js';

export interface OpenedHost {
  api: ApiClient;
  /** The bpffs mount point the engine works in, so that absolute paths under it can be accepted. */
  mountPoint: string;
  dispose(): Promise<void>;
}

const START_HINTS: Record<HostSpec['kind'], string> = {
  command: 'Check that the command runs `bpfscope agent --stdio`; --verbose shows what it printed on stderr.',
  'kubectl-node':
    "Check that `kubectl get nodes` works (--context), and that the image (--image) holds bpfscope; --verbose shows kubectl's output.",
  'kubectl-pod':
    'Check that `kubectl get pods -n NAMESPACE` lists the pod and that its "agent" container holds bpfscope; --verbose shows kubectl\'s output.',
  ssh: 'Check that `ssh HOST` works; run it in a terminal to answer a host-key or password question, or use a key and `sudo -n` rights; --verbose shows what ssh printed.',
};

async function remoteHost(spec: string, opts: HeadlessOptions, log: (line: string) => void): Promise<UiHost> {
  const host = parseHostSpec(spec);
  if (host.kind === 'command' && Object.keys(opts.engine).length > 0) {
    throw new UsageError('a command: host runs its command as given: put --engine, --bpffs or --empty in the command');
  }
  const launcher = launcherFor(host, {
    engine: opts.engine,
    kubectl: opts.kubectl,
    log,
    prompt: ttyPrompt(),
    sshConfig: process.env.BPFSCOPE_SSH_CONFIG,
  });
  const connection = connectAgent(launcher, { log });
  // kubectl debug waits quietly for as long as the pod cannot start (an image that cannot be pulled, no room).
  let timer: NodeJS.Timeout | undefined;
  const first = await Promise.race([
    connection.ready(),
    new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), opts.timeoutSeconds * 1000))),
  ]);
  clearTimeout(timer);
  if (first === 'timeout') {
    await connection.dispose();
    throw new BpfError('ETIMEDOUT', `The agent on ${spec} did not answer within ${opts.timeoutSeconds} s.`, {
      hint: `${host.kind === 'kubectl-node' ? 'See why the debug pod does not run with `kubectl get pods` (its image?), or raise --timeout. ' : 'Raise --timeout if it is only slow. '}${START_HINTS[host.kind]}`,
    });
  }
  if (first.state === 'connected') return connection;
  await connection.dispose();
  if (first.error) throw BpfError.fromWire(first.error);
  const reason = (first.reason ?? 'disconnected').replace(/[.?!]$/, '');
  throw new BpfError('ENOTCONN', `The agent on ${spec} did not start: ${reason}.`, { hint: START_HINTS[host.kind] });
}

/** The host a headless command (or `bpfscope snapshot`) runs against, as a port of its operations. */
export async function openHeadlessPort(opts: HeadlessOptions, cliPath: string): Promise<UiHost> {
  const log = opts.verbose ? (line: string) => process.stderr.write(`agent: ${line}\n`) : () => undefined;
  return opts.snapshot
    ? await openSnapshotHost(opts.snapshot)
    : opts.host
      ? await remoteHost(opts.host, opts, log)
      : await openHost(
          { engine: 'emulated', bpffs: '/sys/fs/bpf', empty: false, port: 0, host: '127.0.0.1', ...opts.engine },
          { agent: { cliPath }, log },
        );
}

export async function openHeadlessHost(opts: HeadlessOptions, cliPath: string): Promise<OpenedHost> {
  const host = await openHeadlessPort(opts, cliPath);
  const api = clientFromCaller(
    (op, req) => host.dispatch(op, req),
    (l) => host.subscribe(l),
  );
  try {
    const { mountPoint } = await api.describe({});
    return { api, mountPoint, dispose: () => host.dispose() };
  } catch (e) {
    await host.dispose();
    throw e;
  }
}
