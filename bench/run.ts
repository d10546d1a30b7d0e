// npm run bench [-- --json] [-- --only=pins,list,walk,dump,dump_percpu,agent,ssh,ui,bigarray,snapshot,mmap]: every figure in one run, side by side; the JSON object is the last line of stdout.

import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, release } from 'node:os';

import { parseCpuList } from '../shared/bpf/cpu-list.js';

import { canMountBpffs, mountPrivateBpffs, type PrivateBpffs } from '../test/support/bpffs.js';

import { measureAgent } from './measure-agent.js';
import { measureBigArray } from './measure-bigarray.js';
import { measureDump, measurePercpuDump } from './measure-dump.js';
import { measureList } from './measure-list.js';
import { measureMmap } from './measure-mmap.js';
import { measurePins } from './measure-pins.js';
import { measureSnapshot } from './measure-snapshot.js';
import { measureSsh } from './measure-ssh.js';
import { measureUi } from './measure-ui.js';
import { measureWalk } from './measure-walk.js';
import { type BenchResult, formatJson, formatTable } from './report.js';
import { progress, yieldToEventLoop } from './timing.js';

const json = process.argv.includes('--json');
// --only ui,dump: just those figures (for profiling one part; a full run takes every figure).
const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const only = onlyArg ? new Set(onlyArg.split(',')) : null;
const root = process.getuid?.() === 0;
const cannotMount = canMountBpffs();
const mounts = new Set<PrivateBpffs>();

/** Unmounts every private bpffs; the cleanups run synchronously (umount -l, rm), so this is safe in a signal handler. */
function cleanupAll(): void {
  for (const m of mounts) void m.cleanup();
  mounts.clear();
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    progress(`${sig}: unmounting the private bpffs and stopping`);
    cleanupAll();
    process.exit(130);
  });
}

function possibleCpus(): number {
  try {
    return parseCpuList(readFileSync('/sys/devices/system/cpu/possible', 'utf8'));
  } catch {
    return availableParallelism();
  }
}

/** Runs one figure on its own fresh bpffs (null when native work is impossible, with the reason recorded). */
async function figure<T extends { skipped: string[]; errors?: string[] }>(
  name: string,
  result: BenchResult,
  measure: (bpffs: string | null) => Promise<T>,
): Promise<T | null> {
  if (only && !only.has(name)) {
    result.skipped.push(`${name}: not asked for (--only=${onlyArg})`);
    return null;
  }
  await yieldToEventLoop();
  let mount: PrivateBpffs | null = null;
  if (cannotMount !== undefined) result.skipped.push(`${name}: every native part: ${cannotMount}`);
  else {
    try {
      mount = await mountPrivateBpffs();
      mounts.add(mount);
    } catch (e) {
      result.skipped.push(`${name}: every native part: ${(e as Error).message}`);
    }
  }
  try {
    const fig = await measure(mount?.dir ?? null);
    result.skipped.push(...fig.skipped);
    result.errors.push(...(fig.errors ?? []));
    return fig;
  } catch (e) {
    result.errors.push(`${name}: ${(e as Error).message}`);
    return null;
  } finally {
    if (mount) {
      await mount.cleanup();
      mounts.delete(mount);
    }
  }
}

async function main(): Promise<number> {
  const result: BenchResult = {
    host: { kernel: release(), cpus: possibleCpus(), node: process.version, root, loadavg: loadavg()[0] ?? 0 },
    pins: null,
    list: null,
    walk: null,
    dump: null,
    dumpPercpu: null,
    agent: null,
    ssh: null,
    ui: null,
    bigArray: null,
    snapshot: null,
    mmap: null,
    skipped: [],
    errors: [],
  };
  try {
    result.pins = await figure('pins', result, measurePins);
    result.list = await figure('list', result, measureList);
    result.walk = await figure('walk', result, measureWalk);
    result.dump = await figure('dump', result, measureDump);
    result.dumpPercpu = await figure('dump_percpu', result, measurePercpuDump);
    result.mmap = await figure('mmap', result, measureMmap);
    result.agent = await figure('agent', result, measureAgent);
    result.ssh = await figure('ssh', result, measureSsh);
    result.ui = await figure('ui', result, measureUi);
    result.bigArray = await figure('bigarray', result, measureBigArray);
    result.snapshot = await figure('snapshot', result, measureSnapshot);
  } finally {
    cleanupAll();
  }
  process.stdout.write(`${formatTable(result)}\n`);
  if (json) process.stdout.write(`${formatJson(result)}\n`);
  return result.errors.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    cleanupAll();
    process.stderr.write(`bench failed: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
