// How each remote kind of host is started: ssh through the system's ssh (the agent shipped when the remote has
// none; questions relayed to the window), custom commands as typed. An ssh host runs the native engine on the
// remote's /sys/fs/bpf (or the bpffs mount its spec names), elevated with sudo there unless already root.
// BPFSCOPE_SSH_CONFIG names an ssh_config to read instead of ~/.ssh/config (ssh -F).

import { BpfError } from '../../shared/errors.js';
import type { HostSpec } from '../../shared/hosts.js';

import { kubectlLauncher, NODE_DEBUG_BPFFS } from '../host-connection/kubectl.js';
import { customCommandLauncher, sshLauncher } from '../host-connection/ssh.js';
import type { LauncherFactory } from './registry.js';

type Kind = Exclude<HostSpec, { kind: 'local' }>['kind'];

export const DEFAULT_REMOTE_BPFFS = '/sys/fs/bpf';

export function defaultLaunchers(
  log?: (line: string) => void,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Partial<Record<Kind, LauncherFactory>> {
  const config = env.BPFSCOPE_SSH_CONFIG;
  return {
    ssh: (spec, prompt) => {
      if (spec.kind !== 'ssh') throw new Error(`not an ssh host: ${spec.kind}`);
      return sshLauncher({
        destination: spec.user ? `${spec.user}@${spec.destination}` : spec.destination,
        port: spec.port,
        agentArgs: ['--engine', 'native', '--bpffs', spec.bpffs ?? DEFAULT_REMOTE_BPFFS],
        prompt,
        log,
        extraSshArgs: config ? ['-F', config] : [],
      });
    },
    // A node of the kube context: a one-shot `kubectl debug node` pod with the agent image, on the node's bpffs.
    kubectl: (spec) => {
      if (spec.kind !== 'kubectl') throw new Error(`not a kubectl host: ${spec.kind}`);
      if (spec.mode === 'exec') {
        throw new BpfError(
          'EOPNOTSUPP',
          `kubectl exec needs the agent pod's name, which a node entry does not carry.`,
          {
            hint: 'Use the node in debug mode, or add a custom command host: kubectl exec -i -n NS POD -c agent -- bpfscope agent --stdio',
          },
        );
      }
      return kubectlLauncher(
        { kind: 'node', node: spec.node },
        ['--engine', 'native', '--bpffs', NODE_DEBUG_BPFFS],
        env.BPFSCOPE_AGENT_IMAGE ? { image: env.BPFSCOPE_AGENT_IMAGE } : {},
      );
    },
    command: (spec) => {
      if (spec.kind !== 'command') throw new Error(`not a custom command host: ${spec.kind}`);
      return customCommandLauncher(spec.argv);
    },
  };
}
