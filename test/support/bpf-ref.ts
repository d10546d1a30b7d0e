// The libbpf reference tool (../shared/tools/bpf-ref.c), built once into bench/bin/ for tests that need big maps.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BPF_REF = resolve(repo, 'bench/bin/bpf-ref');
const SOURCE = resolve(repo, '../shared/tools/bpf-ref.c');

/** Builds bpf-ref when missing; returns why it cannot be had, or undefined when it is ready. */
export function ensureBpfRef(): string | undefined {
  if (existsSync(BPF_REF)) return undefined;
  if (!existsSync(SOURCE)) return `${SOURCE} is missing (the handbook folder must sit beside the repo)`;
  try {
    mkdirSync(dirname(BPF_REF), { recursive: true });
    // Build under a private name, then rename: parallel test files may race to build it.
    const tmp = `${BPF_REF}.${process.pid}`;
    execFileSync('cc', ['-O2', '-o', tmp, SOURCE, '-lbpf'], { stdio: 'pipe' });
    renameSync(tmp, BPF_REF);
    return undefined;
  } catch (e) {
    return `cc -O2 -o bpf-ref bpf-ref.c -lbpf failed (install gcc and libbpf-dev): ${(e as Error).message.split('\n')[0]}`;
  }
}

/** Creates a map with bpf-ref: key u32 i -> value u64 3*i, N entries, pinned at `path`. */
export function fillWithBpfRef(
  path: string,
  type: 'hash' | 'array' | 'percpu_hash' | 'percpu_array',
  entries: number,
): void {
  execFileSync(BPF_REF, ['fill', path, type, String(entries)], { stdio: 'pipe' });
}
