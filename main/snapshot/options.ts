// Options of `bpfscope snapshot`: the engine options of serve, which maps to read, and the output file.

import type { CaptureOptions } from '../../shared/snapshot.js';
import { parseMapsOption } from '../../shared/snapshot.js';

import { type AppOptions, parseOptions, UsageError } from '../options.js';

export interface SnapshotCliOptions extends CaptureOptions {
  app: AppOptions;
  output: string;
}

export const SNAPSHOT_USAGE = `usage: bpfscope snapshot [options] -o FILE.bpfsnap
  --engine emulated|native   which pin store to capture (default emulated: the demo host)
  --bpffs PATH               native: the bpffs mount to capture (default /sys/fs/bpf)
  --empty                    emulated: an empty mount instead of the demo host
  --maps all|none|GLOB       whose entries to read: every map, none, or maps whose pin path or name matches
                             (default all; * within a folder, ** across folders)
  --max-entries N            read at most N entries of each map
  -o, --output FILE          where to write the snapshot
usage: bpfscope snapshot-diff OLD.bpfsnap NEW.bpfsnap|--live [engine options] [--json] [--entries]
usage: bpfscope snapshot-dump FILE.bpfsnap PATH [--json|--csv]`;

/** Options that choose the engine, as serve spells them. */
const ENGINE_FLAGS = new Set(['--engine', '--bpffs', '--empty']);

/** Splits the engine options (parsed like serve's) from the rest; returns the rest in order. */
export function splitEngineOptions(argv: readonly string[]): { app: AppOptions; rest: string[] } {
  const engine: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const flag = arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
    if (!ENGINE_FLAGS.has(flag)) rest.push(arg);
    else {
      engine.push(arg);
      if (flag !== '--empty' && !arg.includes('=') && i + 1 < argv.length) engine.push(argv[++i]!);
    }
  }
  return { app: parseOptions(engine), rest };
}

export function parseSnapshotOptions(argv: readonly string[]): SnapshotCliOptions {
  const { app, rest } = splitEngineOptions(argv);
  let output: string | undefined;
  let maps: CaptureOptions['maps'] = 'all';
  let maxEntries: number | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg];
    const value = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '-o' || flag === '--output') output = value();
    else if (flag === '--maps') maps = parseMapsOption(value());
    else if (flag === '--max-entries') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0 || n > 0xffffffff)
        throw new UsageError('--max-entries must be an integer from 0 to 4294967295');
      maxEntries = n;
    } else throw new UsageError(`unknown option ${arg}`);
  }
  if (output === undefined) throw new UsageError('give the file to write with -o FILE.bpfsnap');
  return { app, output, maps, ...(maxEntries !== undefined ? { maxEntries } : {}) };
}
