// bpftool, the reference peer, observing from outside what the UI did in the kernel.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function bpftoolAvailable(): Promise<boolean> {
  return run('bpftool', ['version']).then(
    () => true,
    () => false,
  );
}

export async function bpftoolJson<T>(args: string[]): Promise<T> {
  const { stdout } = await run('bpftool', ['-j', ...args]);
  return JSON.parse(stdout) as T;
}

/** What `bpftool map show pinned PATH` says, or undefined when nothing is pinned there. */
export async function mapPinned(path: string): Promise<{ name: string; type: string; id: number } | undefined> {
  return bpftoolJson<{ name: string; type: string; id: number }>(['map', 'show', 'pinned', path]).catch(
    () => undefined,
  );
}

export async function progPinned(path: string): Promise<{ name: string; type: string; id: number } | undefined> {
  return bpftoolJson<{ name: string; type: string; id: number }>(['prog', 'show', 'pinned', path]).catch(
    () => undefined,
  );
}

export async function bpftool(args: string[]): Promise<void> {
  await run('bpftool', args);
}
