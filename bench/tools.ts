// The outside programs figure 3 compares against: bpftool, and bpf-ref built from the handbook's C source.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// CI checks the repo out with the handbook folder beside it, at ../shared.
const refSource = path.resolve(repoRoot, '../shared/tools/bpf-ref.c');
const refBinary = path.join(repoRoot, 'bench/bin/bpf-ref');

/** The absolute path of a program on PATH, or null. */
export function which(program: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' });
  const found = r.stdout.trim();
  return r.status === 0 && found !== '' ? found : null;
}

/** Builds bench/bin/bpf-ref; returns its path, or why it cannot be built. */
export function buildBpfRef(): { binary: string } | { skipped: string } {
  if (!existsSync(refSource)) return { skipped: `bpf-ref source not found at ${refSource}` };
  const cc = which('cc');
  if (cc === null) return { skipped: 'no C compiler (cc) on PATH' };
  mkdirSync(path.dirname(refBinary), { recursive: true });
  try {
    execFileSync(cc, ['-O2', '-o', refBinary, refSource, '-lbpf'], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim() ?? '';
    return {
      skipped: `building bpf-ref failed (libbpf-dev missing?): ${stderr.split('\n')[0] ?? (e as Error).message}`,
    };
  }
  return { binary: refBinary };
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
