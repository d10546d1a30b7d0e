// How an agent process is started. The connection only needs a child with piped stdin/stdout/stderr; what runs
// it is pluggable: `node cli.js agent --stdio` directly, later pkexec, sudo -A or ssh in front of the same command.
import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/** What the connection needs of a running agent: a child process, or Electron's utility process behind an adapter. */
export interface AgentProcess {
  readonly pid?: number | undefined;
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly stderr: Readable;
  kill(signal?: NodeJS.Signals): boolean;
  once(event: 'close', listener: (code: number | null, signal: NodeJS.Signals | null) => void): this;
  once(event: 'error', listener: (error: Error) => void): this;
}

export interface AgentLauncher {
  /** How the agent is started, as the UI shows it: "direct", "pkexec", "sudo", "ssh HOST". */
  readonly via: string;
  spawn(): AgentProcess;
}

export interface AgentCommand {
  /** The program to run, e.g. process.execPath, "pkexec", "ssh". */
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

/** Any command whose stdin/stdout speak the agent protocol. */
export function commandLauncher(via: string, cmd: AgentCommand): AgentLauncher {
  return {
    via,
    spawn: () =>
      spawn(cmd.command, cmd.args, {
        stdio: ['pipe', 'pipe', 'pipe'],
        env: cmd.env ?? process.env,
        // Its own process group: a Ctrl-C in serve's terminal reaches serve, which then ends the agent in order.
        detached: true,
      }),
  };
}

export interface DirectAgentOptions {
  /** The built CLI (dist/main/cli.js) or, under tsx, main/cli.ts. */
  cliPath: string;
  /** Agent options after `agent --stdio`: --engine, --bpffs, --empty. */
  agentArgs: string[];
  /** Node flags before the script; a .ts CLI gets ["--import", "tsx"] unless told otherwise. */
  nodeArgs?: string[];
  env?: NodeJS.ProcessEnv;
}

/**
 * The agent as a child of this process, run by this process's own runtime: node for serve, Electron's binary in
 * node mode (ELECTRON_RUN_AS_NODE) for the desktop app.
 */
export function directAgentCommand(opts: DirectAgentOptions): AgentCommand {
  const env = { ...(opts.env ?? process.env) };
  if (process.versions.electron) env.ELECTRON_RUN_AS_NODE = '1';
  return {
    command: process.execPath,
    args: [
      ...(opts.nodeArgs ?? (opts.cliPath.endsWith('.ts') ? ['--import', 'tsx'] : [])),
      opts.cliPath,
      'agent',
      '--stdio',
      ...opts.agentArgs,
    ],
    env,
  };
}

export function directLauncher(opts: DirectAgentOptions): AgentLauncher {
  return commandLauncher('direct', directAgentCommand(opts));
}
