// Options of the headless commands: `bpfscope ls|info|dump|pin|unlink [options] PATH…`.

import { HOST_SPEC_USAGE } from '../host-connection/host-spec.js';
import type { KubectlOptions } from '../host-connection/kubectl.js';
import type { AppOptions } from '../options.js';
import { UsageError } from '../options.js';

export const HEADLESS_COMMANDS = ['ls', 'info', 'dump', 'pin', 'unlink', 'mounts'] as const;
export type HeadlessCommand = (typeof HEADLESS_COMMANDS)[number];

export function isHeadlessCommand(name: string | undefined): name is HeadlessCommand {
  return (HEADLESS_COMMANDS as readonly (string | undefined)[]).includes(name);
}

export const HEADLESS_USAGE = `usage: bpfscope ls [PATH]          list a folder (ls -l), the mount root by default
       bpfscope info PATH          what is pinned at PATH: entry, object info, pins
       bpfscope dump PATH          a map's entries (bpftool map dump), a program's instructions
       bpfscope pin SRC DST        pin the object at SRC (a path, or id:map:N / id:prog:N / id:link:N) at DST too
       bpfscope unlink PATH        remove a pin or symlink, saying whether that freed the object
       bpfscope mounts             every bpffs mount, other mount namespaces' too: options and processes
  --json                     print the contract's JSON (see README, "Headless") instead of text
  --host H                   where: see below; without it this computer, as serve opens it
  --snapshot FILE            read a .bpfsnap capture instead of a host (read-only: ls, info, dump)
  --engine emulated|native   which pin store (this computer: default emulated; kubectl/ssh hosts: native)
  --bpffs PATH               native: the bpffs mount (default /sys/fs/bpf; kubectl:node: /host/sys/fs/bpf)
  --empty                    emulated: an empty mount instead of the demo host
  --limit N                  dump: at most N entries
  --context CTX              kubectl: the kubeconfig context to use
  --namespace NS             kubectl:node: where the debug pod goes
  --image IMAGE              kubectl:node: the agent image (default bpfscope-agent:latest)
  --timeout SECONDS          --host: how long to wait for the agent to answer (default 120)
  --verbose                  pass the agent's log lines on to stderr
PATH is relative to the bpffs mount (tc/globals); the mount point in front (/sys/fs/bpf/tc/globals) is accepted.
${HOST_SPEC_USAGE}`;

export interface HeadlessOptions {
  command: HeadlessCommand;
  paths: string[];
  json: boolean;
  verbose: boolean;
  host?: string;
  /** A capture to read instead of a live host. */
  snapshot?: string;
  /** Only the engine options given on the command line: a remote host has its own defaults. */
  engine: Partial<Pick<AppOptions, 'engine' | 'bpffs' | 'empty'>>;
  kubectl: KubectlOptions;
  limit?: number;
  /** How long a remote agent may take to say hello. */
  timeoutSeconds: number;
}

const ARITY: Record<HeadlessCommand, [number, number]> = {
  ls: [0, 1],
  info: [1, 1],
  dump: [1, 1],
  pin: [2, 2],
  unlink: [1, 1],
  mounts: [0, 0],
};

export function parseHeadless(command: HeadlessCommand, argv: readonly string[]): HeadlessOptions {
  const opts: HeadlessOptions = {
    command,
    paths: [],
    json: false,
    verbose: false,
    engine: {},
    kubectl: {},
    timeoutSeconds: 120,
  };
  let onlyPaths = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      opts.paths.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const [flag, inline] = eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--':
        onlyPaths = true;
        break;
      case '--json':
        opts.json = true;
        break;
      case '--verbose':
      case '-v':
        opts.verbose = true;
        break;
      case '--host':
        opts.host = value();
        break;
      case '--snapshot':
        opts.snapshot = value();
        break;
      case '--engine': {
        const v = value();
        if (v !== 'emulated' && v !== 'native') throw new UsageError(`--engine must be emulated or native, not ${v}`);
        opts.engine.engine = v;
        break;
      }
      case '--bpffs':
        opts.engine.bpffs = value();
        break;
      case '--empty':
        opts.engine.empty = true;
        break;
      case '--limit': {
        const v = Number(value());
        if (!Number.isInteger(v) || v < 1 || v > 1_000_000) throw new UsageError('--limit must be 1 to 1000000');
        opts.limit = v;
        break;
      }
      case '--timeout': {
        const v = Number(value());
        if (!Number.isInteger(v) || v < 1 || v > 86_400) throw new UsageError('--timeout must be 1 to 86400 seconds');
        opts.timeoutSeconds = v;
        break;
      }
      case '--context':
        opts.kubectl.context = value();
        break;
      case '--namespace':
        opts.kubectl.namespace = value();
        break;
      case '--image':
        opts.kubectl.image = value();
        break;
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  const [min, max] = ARITY[command];
  if (opts.paths.length < min || opts.paths.length > max) {
    const want = min === max ? `${min}` : `${min} or ${max}`;
    throw new UsageError(`${command} takes ${want} path${max === 1 ? '' : 's'}, got ${opts.paths.length}`);
  }
  if (opts.limit !== undefined && command !== 'dump') throw new UsageError('--limit is for dump only');
  if (opts.snapshot !== undefined) {
    if (opts.host !== undefined || Object.keys(opts.engine).length > 0)
      throw new UsageError('--snapshot reads a capture: it takes no --host, --engine, --bpffs or --empty');
    if (command === 'pin' || command === 'unlink')
      throw new UsageError(`a snapshot is read-only: ${command} cannot change it`);
  }
  return opts;
}
