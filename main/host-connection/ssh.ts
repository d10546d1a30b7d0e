// Hosts reached through the system's own `ssh`, so that ~/.ssh/config, keys, agents, ProxyJump and known_hosts
// all apply; questions come to bpfscope's dialog through SSH_ASKPASS, never a terminal. The agent is started by
// the boot in ssh-boot.ts, which ships it when the remote has none. Any other command that speaks the agent
// protocol on its stdio is a host too.
import type { AgentLauncher } from './launcher.js';
import { commandLauncher } from './launcher.js';
import type { PromptFn } from './ssh-askpass.js';
import { bootCommand } from './ssh-boot.js';
import { findAgentDir, readAgentPayload } from './ssh-payload.js';
import { spawnSshAgent } from './ssh-process.js';

export type { HostPrompt, PromptFn } from './ssh-askpass.js';

export interface SshLauncherOptions {
  /** An ssh_config alias or user@host. */
  destination: string;
  port?: number | undefined;
  /** Agent options after `agent --stdio`, e.g. ['--engine', 'native', '--bpffs', DIR]. */
  agentArgs: string[];
  /** Asks the user (host key, password, passphrase, sudo password); null = cancelled. */
  prompt: PromptFn;
  /** sudo on the remote unless it is root there; the default is sudo for the native engine, none otherwise. */
  elevate?: 'sudo' | 'none' | undefined;
  /** What happens on the way (shipping the agent, reusing it, remote shell noise); never a secret. */
  log?: ((line: string) => void) | undefined;
  sshPath?: string | undefined;
  /** Inserted before the destination, e.g. ['-F', CONFIG] or ['-i', KEY]. */
  extraSshArgs?: string[] | undefined;
  /** The shippable agent (scripts/agent-bundle.mjs); dist/agent by default. */
  agentDir?: string | undefined;
  /** Use a `bpfscope` on the remote's PATH whose agent speaks this protocol (default true). */
  useInstalled?: boolean | undefined;
}

const wantsNative = (args: string[]): boolean =>
  args.includes('--engine=native') || args.some((a, i) => a === '--engine' && args[i + 1] === 'native');

/** ssh's arguments: keep-alives so that a dead link is noticed, no terminal, no forwarding of any kind. */
export function sshArgs(opts: SshLauncherOptions, remoteCommand: string): string[] {
  return [
    '-T',
    '-x',
    '-a',
    '-o',
    'BatchMode=no',
    '-o',
    'ServerAliveInterval=15',
    '-o',
    'ServerAliveCountMax=3',
    '-o',
    'ClearAllForwardings=yes',
    ...(opts.port !== undefined ? ['-p', String(opts.port)] : []),
    ...(opts.extraSshArgs ?? []),
    '--',
    opts.destination,
    remoteCommand,
  ];
}

export function sshLauncher(opts: SshLauncherOptions): AgentLauncher {
  return {
    via: `ssh ${opts.destination}`,
    spawn: () => {
      const dir = opts.agentDir ?? findAgentDir();
      if (!dir) throw new Error('the agent to ship (dist/agent) is not built: run "npm run build"');
      const payload = readAgentPayload(dir);
      const elevate = opts.elevate ?? (wantsNative(opts.agentArgs) ? 'sudo' : 'none');
      const remote = bootCommand({
        payload,
        agentArgs: opts.agentArgs,
        elevate,
        useInstalled: opts.useInstalled ?? true,
      });
      return spawnSshAgent({ ...opts, payload, args: sshArgs(opts, remote) });
    },
  };
}

/** Any command line whose stdin/stdout speak the agent protocol (a wrapper script, `kubectl exec -i ...`). */
export function customCommandLauncher(argv: string[]): AgentLauncher {
  const [command, ...args] = argv;
  if (command === undefined || command === '') throw new Error('a custom command host needs a command to run');
  return commandLauncher(`command ${argv.join(' ')}`, { command, args });
}
