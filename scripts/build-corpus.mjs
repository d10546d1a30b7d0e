// Compiles the real-object corpus (test/corpus/<origin>/...) with clang -target bpf -g -O2 into OUT (default: a
// temp dir), one object per source, keeping each source's relative path: OUT/<origin>/<path>.o. Sources that
// include vmlinux.h get one generated from this machine's /sys/kernel/btf/vmlinux by bpftool (never committed).
// Prints one line per object and writes OUT/manifest.json: [{ id, source, object, error? }].
// Usage: node scripts/build-corpus.mjs [OUT]
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'corpus');
const MULTIARCH = { x64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu' };
const TARGET_ARCH = { x64: 'x86', arm64: 'arm64' };

const SELFTESTS = 'linux/tools/testing/selftests/bpf/progs/';
/** Older kernel selftests include libbpf's headers as "bpf_helpers.h", from the tree's libbpf folder. */
const LIBBPF_HEADERS = '/usr/include/bpf';

/** A source is a program when its name says so (libbpf-bootstrap, libbpf-rs: .bpf.c; xdp-tutorial: _kern.c), or
 * is a .c file in cilium's testdata or the kernel's selftest programs. */
const isProgram = (rel) =>
  rel.endsWith('.bpf.c') ||
  rel.endsWith('_kern.c') ||
  ((rel.startsWith('cilium-ebpf/testdata/') || rel.startsWith(SELFTESTS)) && rel.endsWith('.c'));

function sources(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (isProgram(relative(ROOT, p))) out.push(relative(ROOT, p));
  }
  return out.sort();
}

/** vmlinux.h for this kernel, or undefined when the kernel has no BTF or bpftool is missing. */
function vmlinuxHeader(includeDir) {
  const header = join(includeDir, 'vmlinux.h');
  if (existsSync(header)) return header;
  if (!existsSync('/sys/kernel/btf/vmlinux')) return undefined;
  try {
    const text = execFileSync('bpftool', ['btf', 'dump', 'file', '/sys/kernel/btf/vmlinux', 'format', 'c'], {
      maxBuffer: 1 << 30,
    });
    writeFileSync(header, text);
    return header;
  } catch {
    return undefined;
  }
}

/** Compiles every corpus source into `out`; returns the manifest. */
export async function buildCorpus(out) {
  const include = join(out, 'include');
  mkdirSync(join(include, 'gnu'), { recursive: true });
  // BPF is neither 32- nor 64-bit x86 to glibc's headers: an empty stubs-32.h lets <stdlib.h> users compile.
  writeFileSync(join(include, 'gnu', 'stubs-32.h'), '');
  const vmlinux = vmlinuxHeader(include);
  const multiarch = `/usr/include/${MULTIARCH[arch()] ?? `${arch()}-linux-gnu`}`;
  const list = sources(ROOT);
  const manifest = [];
  const compile = async (rel) => {
    const id = rel.replace(/\.c$/, '');
    const object = join(out, `${id}.o`);
    mkdirSync(dirname(object), { recursive: true });
    const entry = { id, source: rel, object };
    const needsVmlinux = /#include\s*[<"]vmlinux\.h[>"]/.test(readFileSync(join(ROOT, rel), 'utf8'));
    if (needsVmlinux && !vmlinux) entry.error = 'needs vmlinux.h, and /sys/kernel/btf/vmlinux or bpftool is missing';
    else if (!existsSync(object)) {
      const args = ['-O2', '-g', '-target', 'bpf', `-D__TARGET_ARCH_${TARGET_ARCH[arch()] ?? arch()}`];
      args.push(`-I${include}`, `-I${dirname(join(ROOT, rel))}`, `-I${multiarch}`);
      if (rel.startsWith(SELFTESTS)) args.push(`-I${LIBBPF_HEADERS}`);
      args.push('-c', join(ROOT, rel), '-o', object);
      try {
        await run('clang', args, { maxBuffer: 1 << 26 });
      } catch (e) {
        entry.error = String(e.stderr || e.message)
          .split('\n')
          .find((l) => l.includes('error'))
          ?.trim();
      }
    }
    manifest.push(entry);
  };
  // Two at a time: CI machines and this one are small.
  for (let i = 0; i < list.length; i += 2) await Promise.all(list.slice(i, i + 2).map(compile));
  manifest.sort((a, b) => a.id.localeCompare(b.id));
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 1));
  return manifest;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'bpfscope-corpus-'));
  const manifest = await buildCorpus(out);
  for (const m of manifest) console.log(`${m.error ? 'FAIL' : 'ok  '} ${m.id}${m.error ? `: ${m.error}` : ''}`);
  console.log(`${manifest.filter((m) => !m.error).length}/${manifest.length} objects in ${out}`);
}
