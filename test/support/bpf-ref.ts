// The libbpf reference tool: source in bench/ref/bpf-ref.c, built on demand into bench/bin/ (gitignored).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BPF_REF_SOURCE = resolve(repo, 'bench/ref/bpf-ref.c');
export const BPF_REF = resolve(repo, 'bench/bin/bpf-ref');

function upToDate(): boolean {
  return existsSync(BPF_REF) && statSync(BPF_REF).mtimeMs >= statSync(BPF_REF_SOURCE).mtimeMs;
}

function compiler(): string | undefined {
  return ['cc', 'gcc', 'clang'].find((c) => spawnSync(c, ['--version'], { stdio: 'ignore' }).status === 0);
}

/** Builds bench/bin/bpf-ref unless it is newer than its source and returns its path; throws saying what to install. */
export function buildBpfRef(): string {
  if (upToDate()) return BPF_REF;
  const cc = compiler();
  if (cc === undefined) throw new Error('building bpf-ref needs a C compiler: apt-get install gcc libbpf-dev');
  mkdirSync(dirname(BPF_REF), { recursive: true });
  // Build under a private name, then rename: parallel test files may race to build it.
  const tmp = `${BPF_REF}.${process.pid}`;
  try {
    execFileSync(cc, ['-O2', '-o', tmp, BPF_REF_SOURCE, '-lbpf'], { stdio: ['ignore', 'ignore', 'pipe'] });
    renameSync(tmp, BPF_REF);
  } catch (e) {
    rmSync(tmp, { force: true });
    const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim().split('\n')[0];
    throw new Error(
      `${cc} -O2 -o bench/bin/bpf-ref bench/ref/bpf-ref.c -lbpf failed (apt-get install libbpf-dev): ${stderr || (e as Error).message}`,
      { cause: e },
    );
  }
  return BPF_REF;
}

/** Creates a map with bpf-ref: key u32 i -> value u64 3*i, N entries, pinned at `path`. */
export function fillWithBpfRef(
  path: string,
  type: 'hash' | 'array' | 'percpu_hash' | 'percpu_array',
  entries: number,
): void {
  execFileSync(buildBpfRef(), ['fill', path, type, String(entries)], { stdio: 'pipe' });
}
