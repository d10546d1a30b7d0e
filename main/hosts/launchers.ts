// How each remote kind of host is started: ssh through the system's ssh (the agent shipped when the remote has
// none; questions relayed to the window), custom commands as typed. Remote hosts run the native engine on the
// remote's /sys/fs/bpf, elevated with sudo there unless already root.
import type { HostSpec } from '../../shared/hosts.js';

import { customCommandLauncher, sshLauncher } from '../host-connection/ssh.js';
import type { LauncherFactory } from './registry.js';

type Kind = Exclude<HostSpec, { kind: 'local' }>['kind'];

export function defaultLaunchers(log?: (line: string) => void): Partial<Record<Kind, LauncherFactory>> {
  return {
    ssh: (spec, prompt) => {
      if (spec.kind !== 'ssh') throw new Error(`not an ssh host: ${spec.kind}`);
      return sshLauncher({
        destination: spec.user ? `${spec.user}@${spec.destination}` : spec.destination,
        port: spec.port,
        agentArgs: ['--engine', 'native'],
        prompt,
        log,
      });
    },
    command: (spec) => {
      if (spec.kind !== 'command') throw new Error(`not a custom command host: ${spec.kind}`);
      return customCommandLauncher(spec.argv);
    },
  };
}
