// The built app in browser mode (`node dist/main/cli.js serve`) as a child process whose CPU time can be read.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { repoRoot } from './tools.js';

export interface BenchServe {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Builds dist/ (renderer and main) as `npm run serve` does; returns why it failed, or null. */
export function buildApp(): string | null {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/build.mjs')], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (r.status === 0) return null;
  const lines = `${r.stderr}\n${r.stdout}`.split('\n').filter((l) => l.trim() !== '');
  return `node scripts/build.mjs exited ${r.status}: ${lines.slice(0, 3).join(' | ')}`;
}

// Serve processes still running; killed if the bench exits early (Ctrl-C) so none outlives it.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startServe(args: string[]): Promise<BenchServe> {
  const cli = path.join(repoRoot, 'dist/main/cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: the build did not produce it`);
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const listening = new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start within 30 s: ${stderr}`)), 30_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /bpfscope listening on (\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${stderr.trim()}`));
    });
  });
  let url: string;
  try {
    url = await listening;
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  if (child.pid === undefined) throw new Error('serve has no pid');
  return {
    url,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** User + system CPU seconds a process has used so far (/proc/PID/stat fields 14 and 15, in clock ticks). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start after the last ')': state is field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / clockTicks();
}

/** CPU seconds of a process and its children (serve and its agent, which runs the native engine). */
export function treeCpuSeconds(pid: number): number {
  let children: number[] = [];
  try {
    const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    children = text === '' ? [] : text.split(/\s+/).map(Number);
  } catch {
    // no children listed: just the process
  }
  return cpuSeconds(pid) + children.reduce((sum, child) => sum + cpuSeconds(child), 0);
}

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
    ticksPerSecond = Number(r.stdout.trim()) || 100;
  }
  return ticksPerSecond;
}
