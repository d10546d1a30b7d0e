// `bpfscope agent --stdio [--engine emulated|native] [--bpffs PATH] [--empty]`: the engine options of serve,
// and --stdio, the one way the agent talks (it never listens on a socket).
import { parseOptions, UsageError } from '../options.js';

export interface AgentOptions {
  engine: 'emulated' | 'native';
  bpffs: string;
  empty: boolean;
}

export const AGENT_USAGE = `usage: bpfscope agent --stdio [options]
  --stdio                    speak the agent protocol on stdin/stdout (docs/agent-protocol.md)
  --engine emulated|native   which pin store to open (default emulated)
  --bpffs PATH               native: the bpffs mount to work in (default /sys/fs/bpf)
  --empty                    emulated: start with an empty mount instead of the demo host`;

const TAKES_VALUE = new Set(['--engine', '--bpffs']);

export function parseAgentOptions(argv: readonly string[]): AgentOptions {
  let stdio = false;
  const engineArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const flag = arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
    if (arg === '--stdio') stdio = true;
    else if (arg === '--empty') engineArgs.push(arg);
    else if (TAKES_VALUE.has(flag)) {
      engineArgs.push(arg);
      if (flag === arg && argv[i + 1] !== undefined) engineArgs.push(argv[++i] ?? '');
    } else throw new UsageError(`unknown agent option ${arg}`);
  }
  if (!stdio) throw new UsageError('the agent needs --stdio: it talks only over its stdin and stdout');
  const { engine, bpffs, empty } = parseOptions(engineArgs);
  return { engine, bpffs, empty };
}
