// Runs the libbpf loader child for one object: node's fork (the folder's fd inherited as fd 4), or an Electron
// utility process (the folder reached through /proc/<our pid>/fd). Always waits for the child to be gone
// before answering, so nothing can be pinned after the caller cleans up.
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type * as Electron from 'electron';
import type * as Esbuild from 'esbuild';

import type { DoneMessage, FailedMessage, LoadRequest, ToChild, ToParent } from './loader-protocol.js';

export type ChildOutcome =
  | DoneMessage
  | FailedMessage
  /** The child ended without an answer: killed by a signal (a libbpf crash) or an exit code. */
  | { type: 'crashed'; signal: string | null; code: number | null; stderr: string }
  | { type: 'timeout'; ms: number }
  | { type: 'spawn-error'; message: string };

export interface LoaderRun {
  data: Uint8Array;
  objectName: string;
  /** An open fd of the folder to pin into. */
  dirFd: number;
  timeoutMs: number;
  /** Called with every name the load may pin, before any pin is made. */
  onPlan(candidates: string[]): void;
  /** The child's script; the built loader-child by default. */
  entry?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const STDERR_KEEP = 16 * 1024;

let sourceBuild: Promise<string> | undefined;

/** dist/main/loader-child.cjs when built; from the source tree, loader-child.ts bundled once per process. */
async function childEntry(): Promise<string> {
  // Built code may sit in dist/main/ itself or in one of its split chunks (dist/main/chunks/).
  const built = [join(here, 'loader-child.cjs'), join(here, '..', 'loader-child.cjs')].find((p) => existsSync(p));
  if (built) return built;
  sourceBuild ??= (async () => {
    const cache = join(here, '..', '..', '..', 'node_modules', '.cache', 'bpfscope');
    mkdirSync(cache, { recursive: true });
    const out = join(cache, 'loader-child.cjs');
    const tmp = `${out}.${process.pid}.tmp`;
    // Not a literal specifier: the bundles never include esbuild; only the source tree reaches this.
    const esbuildName = 'esbuild';
    const esbuild = (await import(esbuildName)) as typeof Esbuild;
    await esbuild.build({
      entryPoints: [join(here, 'loader-child.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      outfile: tmp,
      logLevel: 'silent',
    });
    renameSync(tmp, out);
    return out;
  })();
  return sourceBuild;
}

/** The channel to a child, whichever kind it is. */
interface Child {
  send(msg: ToChild): void;
  kill(): void;
  onMessage(fn: (msg: ToParent) => void): void;
  /** Once the child is gone, or could not start (`error`). */
  onExit(fn: (code: number | null, signal: string | null, error?: string) => void): void;
  onStderr(fn: (chunk: Buffer) => void): void;
}

function forkNode(entry: string, dirFd: number): { child: Child; pinRoot: string } {
  const cp: ChildProcess = fork(entry, [], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc', dirFd],
    serialization: 'advanced',
    execArgv: [],
  });
  const child: Child = {
    // A failed send (the child is gone) shows as its exit; the callback keeps it from becoming an 'error' event.
    send: (m) => void cp.send(m, () => undefined),
    kill: () => void cp.kill('SIGKILL'),
    onMessage: (fn) => cp.on('message', (m) => fn(m as ToParent)),
    onExit: (fn) => {
      cp.on('exit', (code, signal) => fn(code, signal));
      cp.on('error', (e) => {
        if (cp.pid === undefined) fn(null, null, e.message);
      });
    },
    onStderr: (fn) => cp.stderr?.on('data', fn),
  };
  return { child, pinRoot: '/proc/self/fd/4' };
}

async function forkElectron(entry: string, dirFd: number): Promise<{ child: Child; pinRoot: string }> {
  const electronName = 'electron';
  const { utilityProcess } = (await import(electronName)) as typeof Electron;
  const up = utilityProcess.fork(entry, [], { serviceName: 'bpfscope libbpf loader', stdio: 'pipe' });
  const child: Child = {
    send: (m) => up.postMessage(m),
    kill: () => void up.kill(),
    onMessage: (fn) => up.on('message', (m: unknown) => fn(m as ToParent)),
    onExit: (fn) => up.on('exit', (code: number) => fn(code, null)),
    onStderr: (fn) => up.stderr?.on('data', fn),
  };
  return { child, pinRoot: `/proc/${process.pid}/fd/${dirFd}` };
}

/** Opens, loads and pins in a child; resolves once the child has exited, with what it answered. */
export async function runLoaderChild(run: LoaderRun): Promise<ChildOutcome> {
  let entry: string;
  try {
    entry = run.entry ?? (await childEntry());
  } catch (e) {
    return { type: 'spawn-error', message: (e as Error).message };
  }
  let spawned: { child: Child; pinRoot: string };
  try {
    spawned = process.versions.electron ? await forkElectron(entry, run.dirFd) : forkNode(entry, run.dirFd);
  } catch (e) {
    return { type: 'spawn-error', message: (e as Error).message };
  }
  const { child, pinRoot } = spawned;
  return new Promise<ChildOutcome>((resolve) => {
    let answer: ChildOutcome | undefined;
    let stderr = '';
    const settle = (outcome: ChildOutcome): void => {
      if (answer) return;
      answer = outcome;
      clearTimeout(timer);
      child.kill();
    };
    const timer = setTimeout(() => settle({ type: 'timeout', ms: run.timeoutMs }), run.timeoutMs);
    child.onStderr((chunk) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_KEEP);
    });
    child.onMessage((msg) => {
      if (msg.type !== 'plan') return settle(msg);
      try {
        run.onPlan(msg.candidates);
        child.send({ type: 'go' });
      } catch (e) {
        settle({ type: 'spawn-error', message: (e as Error).message });
      }
    });
    child.onExit((code, signal, error) => {
      settle(error === undefined ? { type: 'crashed', code, signal, stderr } : { type: 'spawn-error', message: error });
      resolve(answer!);
    });
    const request: LoadRequest = { type: 'load', data: run.data, objectName: run.objectName, pinRoot };
    child.send(request);
  });
}
