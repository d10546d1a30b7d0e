// The outside programs figure 3 compares against: bpftool, and bpf-ref built from bench/ref/bpf-ref.c.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { buildBpfRef as build } from '../test/support/bpf-ref.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The absolute path of a program on PATH, or null. */
export function which(program: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' });
  const found = r.stdout.trim();
  return r.status === 0 && found !== '' ? found : null;
}

/** Builds bench/bin/bpf-ref; returns its path, or why it cannot be built (the figure records it as skipped). */
export function buildBpfRef(): { binary: string } | { skipped: string } {
  try {
    return { binary: build() };
  } catch (e) {
    return { skipped: (e as Error).message };
  }
}

/** Runs a tool to completion; throws with its stderr when it fails. stdout is returned unless discarded. */
export function runTool(program: string, args: string[], discardStdout = false): string {
  const r = spawnSync(program, args, {
    encoding: 'utf8',
    stdio: ['ignore', discardStdout ? 'ignore' : 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  if (r.status !== 0)
    throw new Error(`${path.basename(program)} ${args.join(' ')} exited ${r.status}: ${r.stderr.trim()}`);
  return r.stdout ?? '';
}
