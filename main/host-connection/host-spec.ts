// Host specs as users type them (`--host H`), and the one place where each kind of host gets its agent launcher:
//   command:ARGV…          any command whose stdin/stdout speak the agent protocol, run as given
//   kubectl:node/NAME      a one-shot `kubectl debug node` pod running the agent
//   kubectl:pod/NS/NAME    `kubectl exec` into the agent container of a pod (the DaemonSet's)
//   ssh:[USER@]HOST[:PORT] or [USER@]HOST[:PORT]   the system ssh
import type { AppOptions } from '../options.js';
import { UsageError } from '../options.js';
import { type KubectlOptions, kubectlLauncher, NODE_DEBUG_BPFFS } from './kubectl.js';
import type { AgentLauncher } from './launcher.js';
import { agentArgsFor } from './open-host.js';
import { customCommandLauncher, type PromptFn, sshLauncher } from './ssh.js';

export type HostSpec =
  | { kind: 'command'; argv: string[] }
  | { kind: 'kubectl-node'; node: string }
  | { kind: 'kubectl-pod'; namespace: string; pod: string }
  | { kind: 'ssh'; destination: string; port?: number };

export const HOST_SPEC_USAGE = `hosts (--host H):
  command:ARGV…              run ARGV (shell-like quoting, no shell) and speak the agent protocol on its stdio
  kubectl:node/NAME          kubectl debug node/NAME --profile=sysadmin with the agent image (--image)
  kubectl:pod/NS/NAME        kubectl exec into the "agent" container of pod NAME in namespace NS
  ssh:[USER@]HOST[:PORT]     the system ssh (also without "ssh:")`;

/** Splits a command line into words: '…' and "…" quote, \\ escapes, nothing is expanded. */
export function splitCommandLine(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (c === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text[++i]!;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= '';
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? '') + c;
  }
  if (quote) throw new UsageError(`unterminated ${quote} in the host command`);
  if (word !== undefined) words.push(word);
  return words;
}

export function parseHostSpec(text: string): HostSpec {
  if (text.startsWith('command:')) {
    const argv = splitCommandLine(text.slice('command:'.length));
    if (argv.length === 0)
      throw new UsageError('command: needs the command to run, e.g. "command:bpfscope agent --stdio"');
    return { kind: 'command', argv };
  }
  if (text.startsWith('kubectl:')) {
    const parts = text.slice('kubectl:'.length).split('/');
    if (parts[0] === 'node' && parts.length === 2 && parts[1]) return { kind: 'kubectl-node', node: parts[1] };
    if (parts[0] === 'pod' && parts.length === 3 && parts[1] && parts[2])
      return { kind: 'kubectl-pod', namespace: parts[1], pod: parts[2] };
    throw new UsageError(`kubectl hosts are kubectl:node/NAME or kubectl:pod/NAMESPACE/NAME, not ${text}`);
  }
  const dest = text.startsWith('ssh:') ? text.slice('ssh:'.length) : text;
  const m = /^((?:[^@\s/:]+@)?(?:\[[0-9a-fA-F:.]+\]|[^@\s/:[\]]+))(?::(\d{1,5}))?$/.exec(dest);
  if (!m || dest.startsWith('-')) throw new UsageError(`not a host: ${text}\n${HOST_SPEC_USAGE}`);
  const port = m[2] === undefined ? undefined : Number(m[2]);
  if (port !== undefined && (port < 1 || port > 65535))
    throw new UsageError(`ssh port must be 1 to 65535, not ${m[2]}`);
  return { kind: 'ssh', destination: m[1]!, ...(port === undefined ? {} : { port }) };
}

export interface HostReach {
  /** Engine options for the agent a kubectl or ssh host starts; a command: host's command carries its own. */
  engine: Partial<Pick<AppOptions, 'engine' | 'bpffs' | 'empty'>>;
  kubectl?: KubectlOptions;
  log?: (line: string) => void;
  /** Where ssh's and sudo's questions (host key, passwords) are asked; absent, they are declined. */
  prompt?: PromptFn;
  /** An ssh_config to read instead of ~/.ssh/config (ssh -F). */
  sshConfig?: string | undefined;
}

/** A remote agent opens the node's real bpffs unless asked otherwise. */
function remoteAgentArgs(engine: HostReach['engine'], defaultBpffs: string): string[] {
  return agentArgsFor({
    engine: engine.engine ?? 'native',
    bpffs: engine.bpffs ?? defaultBpffs,
    empty: engine.empty ?? false,
  });
}

/** How to start the agent of `spec`; a host kind this checkout cannot reach is an error, never a stand-in. */
export function launcherFor(spec: HostSpec, reach: HostReach): AgentLauncher {
  switch (spec.kind) {
    case 'command':
      return customCommandLauncher(spec.argv);
    case 'kubectl-node':
      return kubectlLauncher(
        { kind: 'node', node: spec.node },
        remoteAgentArgs(reach.engine, NODE_DEBUG_BPFFS),
        reach.kubectl ?? {},
      );
    case 'kubectl-pod':
      return kubectlLauncher(
        { kind: 'pod', namespace: spec.namespace, pod: spec.pod },
        remoteAgentArgs(reach.engine, '/sys/fs/bpf'),
        reach.kubectl ?? {},
      );
    case 'ssh':
      return sshLauncher({
        destination: spec.destination,
        port: spec.port,
        agentArgs: remoteAgentArgs(reach.engine, '/sys/fs/bpf'),
        prompt: reach.prompt ?? (() => Promise.resolve(null)),
        log: reach.log,
        extraSshArgs: reach.sshConfig ? ['-F', reach.sshConfig] : [],
      });
  }
}
