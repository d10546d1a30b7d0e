// Options of `bpfscope snapshot`: the engine options of serve, which maps to read, and the output file.

import type { CaptureOptions } from '../../shared/snapshot.js';
import { parseMapsOption } from '../../shared/snapshot.js';

import { type HeadlessOptions, parseHeadless } from '../cli/argv.js';
import { type AppOptions, parseOptions, UsageError } from '../options.js';

export interface SnapshotCliOptions extends CaptureOptions {
  /** Which host to capture, spelled as the headless commands spell it (--host, engine and kubectl options). */
  reach: HeadlessOptions;
  output: string;
}

export const SNAPSHOT_USAGE = `usage: bpfscope snapshot [options] -o FILE.bpfsnap
  --host H                   capture another host's agent (H as for ls/info/dump: command:, kubectl:, ssh:)
  --context, --namespace, --image, --timeout, --verbose   as for ls/info/dump with --host
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

/** -o, --maps and --max-entries; everything else chooses the host, as the headless commands parse it. */
export function parseSnapshotOptions(argv: readonly string[]): SnapshotCliOptions {
  const rest: string[] = [];
  let output: string | undefined;
  let maps: CaptureOptions['maps'] = 'all';
  let maxEntries: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg];
    const value = (): string => {
      const v = inline ?? argv[++i];
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
    } else rest.push(arg);
  }
  const reach = parseHeadless('ls', rest);
  const stray = reach.paths[0] ?? (reach.json ? '--json' : reach.snapshot !== undefined ? '--snapshot' : undefined);
  if (stray !== undefined) throw new UsageError(`unknown option ${stray}`);
  if (output === undefined) throw new UsageError('give the file to write with -o FILE.bpfsnap');
  return { reach, output, maps, ...(maxEntries !== undefined ? { maxEntries } : {}) };
}
