// Our disassembly of real programs' xlated instructions against `bpftool prog dump xlated`, line for line.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync } from 'node:fs';
import { arch, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { disassembleText } from '../../../shared/bpf/disasm.js';
import { encodeInsn } from '../../../shared/bpf/insn.js';

import { bpftoolSkipReason, nativeSkipReason, useNativeEngine } from '../../../test/support/native-env.js';

import { mapCreate, objPin, progLoad } from './commands.js';

const skip = nativeSkipReason('prog-xlated.test.ts') ?? bpftoolSkipReason('prog-xlated.test.ts');

const ins = (code: number, dst = 0, src = 0, off = 0, imm = 0): number[] => [...encodeInsn(code, dst, src, off, imm)];

/** The instruction lines of bpftool's plain output (it adds source lines and function names when there is BTF). */
function bpftoolXlated(pinPath: string): string {
  const out = execFileSync('bpftool', ['prog', 'dump', 'xlated', 'pinned', pinPath], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => /^\s*\d+: /.test(l))
    .join('\n');
}

function load(type: number, insns: number[][], name: string): number {
  return progLoad({ type, insns: Buffer.from(insns.flat()), license: 'GPL', name, logBuf: null, logLevel: 0 });
}

const XDP = 6,
  SOCKET_FILTER = 1;

describe.skipIf(skip)('xlated disassembly matches bpftool (native)', () => {
  const env = useNativeEngine();

  async function ours(path: string): Promise<string> {
    const h = await env.engine.get(path, 'ro');
    try {
      const x = await env.engine.progXlated(h.handle);
      const names = x.callNames ?? {};
      return disassembleText(x.insns, { callName: (i) => names[i] });
    } finally {
      await env.engine.close(h.handle);
    }
  }

  async function pinAndCompare(fd: number, name: string): Promise<string> {
    const abs = join(env.mount.dir, name);
    objPin(fd, abs);
    closeSync(fd);
    const expected = bpftoolXlated(abs);
    expect(expected.length).toBeGreaterThan(0);
    const text = await ours(name);
    expect(text.split('\n')).toEqual(expected.split('\n'));
    return text;
  }

  it('the Load program templates (mov r0, N; exit)', async () => {
    for (const ret of [0, 1, 2]) {
      const fd = load(XDP, [ins(0xb7, 0, 0, 0, ret), ins(0x95)], `tmpl${ret}`);
      expect(await pinAndCompare(fd, `tmpl${ret}`)).toContain(`(b7) r0 = ${ret}`);
    }
  });

  it('a program using a map: ld_imm64 map fd, a helper call, jumps and memory ops', async () => {
    const mapFd = mapCreate({
      type: 2,
      keySize: 4,
      valueSize: 8,
      maxEntries: 4,
      flags: 0,
      innerMapFd: 0,
      name: 'arr',
      mapExtra: 0,
    });
    try {
      const fd = load(
        SOCKET_FILTER,
        [
          ins(0x62, 10, 0, -4, 0), // *(u32 *)(r10 -4) = 0
          ins(0xbf, 2, 10),
          ins(0x07, 2, 0, 0, -4),
          ins(0x18, 1, 1, 0, mapFd),
          ins(0, 0, 0, 0, 0),
          ins(0x85, 0, 0, 0, 1), // bpf_map_lookup_elem
          ins(0x15, 0, 0, 3, 0), // if r0 == 0 goto +3
          ins(0x79, 1, 0, 0), // r1 = *(u64 *)(r0 +0)
          ins(0x07, 1, 0, 0, 1),
          ins(0x7b, 0, 1, 0), // *(u64 *)(r0 +0) = r1
          ins(0xb7, 0, 0, 0, 0),
          ins(0x95),
        ],
        'maps',
      );
      const text = await pinAndCompare(fd, 'maps');
      expect(text).toMatch(/\(18\) r1 = map\[id:\d+\]/);
    } finally {
      closeSync(mapFd);
    }
  });

  it('ALU32/64, shifts, byte swaps, atomics and a bpf-to-bpf call', async () => {
    const fd = load(
      SOCKET_FILTER,
      [
        ins(0xb7, 0, 0, 0, 5),
        ins(0xb4, 1, 0, 0, 7),
        ins(0x0c, 0, 1),
        ins(0x67, 0, 0, 0, 8),
        ins(0xc7, 0, 0, 0, 4),
        ins(0xdc, 0, 0, 0, 16),
        ins(0xd4, 0, 0, 0, 32),
        ins(0xa7, 0, 0, 0, -1),
        ins(0x87, 0),
        ins(0x7b, 10, 0, -8),
        ins(0xb7, 2, 0, 0, 1),
        ins(0xdb, 10, 2, -8, 0),
        ins(0xdb, 10, 2, -8, 1),
        ins(0x61, 6, 10, -8),
        ins(0x16, 6, 0, 1, 9),
        ins(0x04, 6, 0, 0, 1),
        ins(0xbf, 1, 0),
        ins(0x85, 0, 1, 0, 2), // call pc+2
        ins(0x0f, 0, 6),
        ins(0x95),
        ins(0xbf, 0, 1),
        ins(0x27, 0, 0, 0, 3),
        ins(0x95), // subprogram
      ],
      'alu',
    );
    const text = await pinAndCompare(fd, 'alu');
    expect(text).toMatch(/call pc\+2#bpf_prog_[0-9a-f]{16}_F/);
    expect(text).toContain('lock *(u64 *)(r10 -8) += r2');
  });

  it('a real program compiled from C with clang -target bpf and loaded by bpftool', async () => {
    const source = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test', 'bpf', 'prog_details.c');
    const obj = join(mkdtempSync(join(tmpdir(), 'bpfscope-disasm-')), 'prog_details.o');
    const multiarch = `/usr/include/${arch() === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu`;
    if (!existsSync('/usr/include/bpf/bpf_helpers.h')) {
      console.warn('[prog-xlated.test.ts] C program skipped: libbpf headers are missing (apt-get install libbpf-dev)');
      return;
    }
    execFileSync('clang', ['-O2', '-g', '-target', 'bpf', `-I${multiarch}`, '-c', source, '-o', obj], {
      stdio: 'pipe',
    });
    execFileSync('bpftool', ['prog', 'load', obj, join(env.mount.dir, 'counter')], { stdio: 'pipe' });
    const expected = bpftoolXlated(join(env.mount.dir, 'counter'));
    const text = await ours('counter');
    expect(text.split('\n')).toEqual(expected.split('\n'));
    expect(text).toMatch(/call pc[+-]\d+#bpf_prog_[0-9a-f]{16}_verdict/);
    expect(text).toMatch(/r1 = map\[id:\d+\]/);
  });
});
