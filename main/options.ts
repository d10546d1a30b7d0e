// Command-line options shared by `serve` (browser mode) and `start` (Electron).
import { readFileSync, statSync } from 'node:fs';

import { ELEVATION_METHODS, type ElevationMethod } from '../shared/elevation.js';

export interface AppOptions {
  engine: 'emulated' | 'native';
  /** Native: the bpffs mount to work in. */
  bpffs: string;
  /** Emulated: start without the demo tree and traffic. */
  empty: boolean;
  port: number;
  host: string;
  /** Given with --token, which every local user can read in /proc/PID/cmdline. */
  token?: string;
  /** A file holding the token (--token-file). */
  tokenFile?: string;
  /** Native: start the agent as root this way right away, instead of waiting for "Authenticate…". */
  elevate?: ElevationMethod;
  /** Show this .bpfsnap file, read-only, instead of a live engine. */
  snapshot?: string;
  /** Let the window add hosts that run a command of its choosing, even when this process is root. */
  allowCommandHosts?: boolean;
}

export class UsageError extends Error {}

export const USAGE = `usage: bpfscope serve [options]
  --engine emulated|native   which pin store to open (default emulated)
  --bpffs PATH               native: the bpffs mount to work in (default /sys/fs/bpf)
  --empty                    emulated: start with an empty mount instead of the demo host
  --port N                   port to listen on, 0 = any free port (default 0)
  --host ADDR                address to listen on (default 127.0.0.1, loopback only)
  --token-file PATH          read the access token from PATH (default: $BPFSCOPE_TOKEN, else random per run)
  --token T                  the access token; visible to all local users, prefer --token-file
  --snapshot FILE            show a .bpfsnap snapshot, read-only, instead of a live engine
  --allow-command-hosts      let the window add custom-command hosts although bpfscope runs as root (they run any
                             command as root for whoever holds the token)
  --elevate pkexec|sudo      native: run the agent as root this way at once (pkexec), or ask for the sudo password
                             in the window at once (default: only when you press Authenticate…)`;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function checkToken(token: string, from: string): string {
  if (token.length < 8 || !/^[A-Za-z0-9_-]+$/.test(token))
    throw new UsageError(`${from} must be at least 8 letters, digits, - or _`);
  return token;
}

export function parseOptions(argv: readonly string[]): AppOptions {
  const opts: AppOptions = {
    engine: 'emulated',
    bpffs: '/sys/fs/bpf',
    empty: false,
    port: 0,
    host: '127.0.0.1',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--engine': {
        const v = value();
        if (v !== 'emulated' && v !== 'native') throw new UsageError(`--engine must be emulated or native, not ${v}`);
        opts.engine = v;
        break;
      }
      case '--bpffs':
        opts.bpffs = value();
        break;
      case '--empty':
        opts.empty = true;
        break;
      case '--port': {
        const v = Number(value());
        if (!Number.isInteger(v) || v < 0 || v > 65535)
          throw new UsageError('--port must be an integer from 0 to 65535');
        opts.port = v;
        break;
      }
      case '--host':
        opts.host = value();
        break;
      case '--token':
        opts.token = checkToken(value(), '--token');
        break;
      case '--token-file':
        opts.tokenFile = value();
        break;
      case '--snapshot':
        opts.snapshot = value();
        break;
      case '--allow-command-hosts':
        opts.allowCommandHosts = true;
        break;
      case '--elevate': {
        const v = value();
        if (!(ELEVATION_METHODS as readonly string[]).includes(v))
          throw new UsageError(`--elevate must be pkexec or sudo, not ${v}`);
        opts.elevate = v as ElevationMethod;
        break;
      }
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  if (opts.token !== undefined && opts.tokenFile !== undefined)
    throw new UsageError('give either --token or --token-file, not both');
  return opts;
}

export interface ResolvedToken {
  /** undefined: the server makes a random one. */
  token: string | undefined;
  warnings: string[];
}

/** The token from --token-file, --token or BPFSCOPE_TOKEN (in that order), with what the user should know. */
export function resolveToken(opts: AppOptions, env: Readonly<Record<string, string | undefined>>): ResolvedToken {
  if (opts.tokenFile !== undefined) {
    const path = opts.tokenFile;
    let text: string;
    let mode: number;
    try {
      text = readFileSync(path, 'utf8');
      mode = statSync(path).mode;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
      throw new UsageError(`cannot read --token-file ${path}: ${code}; give a file holding the token on one line`);
    }
    const warnings =
      mode & 0o044 ? [`${path} can be read by other users (mode ${(mode & 0o777).toString(8)}); chmod 600 it.`] : [];
    return { token: checkToken(text.trim(), `the token in ${path}`), warnings };
  }
  if (opts.token !== undefined) {
    return {
      token: opts.token,
      warnings: [
        '--token is visible to every local user in /proc/PID/cmdline; use --token-file PATH or BPFSCOPE_TOKEN.',
      ],
    };
  }
  const fromEnv = env.BPFSCOPE_TOKEN;
  if (fromEnv !== undefined && fromEnv !== '') return { token: checkToken(fromEnv, 'BPFSCOPE_TOKEN'), warnings: [] };
  return { token: undefined, warnings: [] };
}

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host);
}
