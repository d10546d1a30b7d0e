// Compiles the C sources of test/bpf/ with clang -target bpf into a temp dir (objects are never committed).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { arch, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCES = join(dirname(fileURLToPath(import.meta.url)), '..', 'bpf');
const MULTIARCH: Record<string, string> = { x64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu' };

/** Undefined when clang can build BPF objects here, else why not (printed by the caller's skip). */
export function clangSkipReason(): string | undefined {
  try {
    execFileSync('clang', ['--version'], { stdio: 'pipe' });
  } catch {
    return 'clang is not installed (apt-get install clang llvm)';
  }
  if (!existsSync('/usr/include/bpf/bpf_helpers.h')) return 'libbpf headers are missing (apt-get install libbpf-dev)';
  return undefined;
}

let outDir: string | undefined;

/** `clang -O2 -g -target bpf -c test/bpf/NAME.c`; returns the object's path and bytes. */
export function compileBpf(name: string): { path: string; bytes: Uint8Array } {
  outDir ??= mkdtempSync(join(tmpdir(), 'bpfscope-obj-'));
  const out = join(outDir, `${name}.o`);
  if (!existsSync(out)) {
    // <linux/types.h> needs <asm/types.h>, which Debian keeps under the multiarch include dir.
    const multiarch = `/usr/include/${MULTIARCH[arch()] ?? `${arch()}-linux-gnu`}`;
    execFileSync(
      'clang',
      ['-O2', '-g', '-target', 'bpf', `-I${multiarch}`, '-c', join(SOURCES, `${name}.c`), '-o', out],
      { stdio: 'pipe' },
    );
  }
  return { path: out, bytes: new Uint8Array(readFileSync(out)) };
}
