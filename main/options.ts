// Command-line options shared by `serve` (browser mode) and `start` (Electron).

export interface AppOptions {
  engine: 'emulated' | 'native';
  /** Native: the bpffs mount to work in. */
  bpffs: string;
  /** Emulated: start without the demo tree and traffic. */
  empty: boolean;
  port: number;
  host: string;
  token?: string;
}

export class UsageError extends Error {}

export const USAGE = `usage: bpfscope serve [options]
  --engine emulated|native   which pin store to open (default emulated)
  --bpffs PATH               native: the bpffs mount to work in (default /sys/fs/bpf)
  --empty                    emulated: start with an empty mount instead of the demo host
  --port N                   port to listen on, 0 = any free port (default 0)
  --host ADDR                address to listen on (default 127.0.0.1, loopback only)
  --token T                  the access token (default: a random one per run)`;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function parseOptions(argv: readonly string[]): AppOptions {
  const opts: AppOptions = { engine: 'emulated', bpffs: '/sys/fs/bpf', empty: false, port: 0, host: '127.0.0.1' };
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
      case '--token': {
        const v = value();
        if (v.length < 8 || !/^[A-Za-z0-9_-]+$/.test(v))
          throw new UsageError('--token must be at least 8 letters, digits, - or _');
        opts.token = v;
        break;
      }
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  return opts;
}

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host);
}
