import { describe, expect, it } from 'vitest';

import { disassemble, disassembleText, indexPrefix } from './disasm.js';
import { HELPER_NAMES } from './helper-names.js';
import { encodeInsn } from './insn.js';

const ins = (code: number, dst = 0, src = 0, off = 0, imm = 0): number[] => [...encodeInsn(code, dst, src, off, imm)];

const text = (...insns: number[][]): string[] => disassemble(Uint8Array.from(insns.flat())).map((l) => l.text);
const one = (...parts: Parameters<typeof ins>): string => text(ins(...parts))[0]!;

describe('disassemble in bpftool syntax', () => {
  it('prints the index like printf("% 4d: ")', () => {
    expect(indexPrefix(0)).toBe('   0: ');
    expect(indexPrefix(999)).toBe(' 999: ');
    expect(indexPrefix(1000)).toBe(' 1000: ');
    expect(disassembleText(Uint8Array.from([...ins(0xb7), ...ins(0x95)]))).toBe('   0: (b7) r0 = 0\n   1: (95) exit');
  });

  it('ALU64 and ALU32 with immediates and registers', () => {
    expect(one(0x07, 2, 0, 0, -4)).toBe('(07) r2 += -4');
    expect(one(0x0c, 0, 1)).toBe('(0c) w0 += w1');
    expect(one(0xbf, 2, 10)).toBe('(bf) r2 = r10');
    expect(one(0x67, 1, 0, 0, 32)).toBe('(67) r1 <<= 32');
    expect(one(0xc7, 1, 0, 0, 32)).toBe('(c7) r1 s>>= 32');
    expect(one(0x27, 0, 0, 0, 3)).toBe('(27) r0 *= 3');
    expect(one(0xa4, 3, 0, 0, 255)).toBe('(a4) w3 ^= 255');
    expect(one(0x87, 4)).toBe('(87) r4 = -r4');
    expect(one(0x84, 4)).toBe('(84) w4 = -w4');
    expect(one(0x3f, 1, 2, 1)).toBe('(3f) r1 s/= r2');
    expect(one(0x97, 1, 0, 1, 7)).toBe('(97) r1 s%= 7');
    expect(one(0xbf, 1, 2, 8)).toBe('(bf) r1 = (s8)r2');
    expect(one(0xbc, 1, 2, 16)).toBe('(bc) w1 = (s16)w2');
    expect(one(0xbf, 1, 2, -1)).toBe('(bf) r1 = &(void __percpu *)(r2)');
  });

  it('byte swaps', () => {
    expect(one(0xdc, 0, 0, 0, 16)).toBe('(dc) r0 = be16 r0');
    expect(one(0xd4, 3, 0, 0, 64)).toBe('(d4) r3 = le64 r3');
    expect(one(0xd7, 2, 0, 0, 32)).toBe('(d7) r2 = bswap32 r2');
  });

  it('loads and stores', () => {
    expect(one(0x79, 0, 1, 0)).toBe('(79) r0 = *(u64 *)(r1 +0)');
    expect(one(0x61, 1, 1, 224)).toBe('(61) r1 = *(u32 *)(r1 +224)');
    expect(one(0x91, 1, 2, -2)).toBe('(91) r1 = *(s8 *)(r2 -2)');
    expect(one(0x63, 10, 1, -4)).toBe('(63) *(u32 *)(r10 -4) = r1');
    expect(one(0x6a, 10, 0, -8, 7)).toBe('(6a) *(u16 *)(r10 -8) = 7');
    expect(one(0x72, 10, 0, -1, -1)).toBe('(72) *(u8 *)(r10 -1) = -1');
    expect(one(0x20, 0, 0, 0, 12)).toBe('(20) r0 = *(u32 *)skb[12]');
    expect(one(0x48, 0, 3, 0, 2)).toBe('(48) r0 = *(u16 *)skb[r3 + 2]');
  });

  it('atomics', () => {
    expect(one(0xdb, 0, 6, 0, 0x00)).toBe('(db) lock *(u64 *)(r0 +0) += r6');
    expect(one(0xc3, 1, 2, 4, 0x50)).toBe('(c3) lock *(u32 *)(r1 +4) &= r2');
    expect(one(0xdb, 1, 2, 8, 0x01)).toBe('(db) r2 = atomic64_fetch_add((u64 *)(r1 +8), r2)');
    expect(one(0xc3, 1, 2, 0, 0xa1)).toBe('(c3) r2 = atomic_fetch_xor((u32 *)(r1 +0), r2)');
    expect(one(0xdb, 1, 2, 0, 0xe1)).toBe('(db) r2 = atomic64_xchg((u64 *)(r1 +0), r2)');
    expect(one(0xdb, 1, 2, 0, 0xf1)).toBe('(db) r0 = atomic64_cmpxchg((u64 *)(r1 +0), r0, r2)');
  });

  it('ld_imm64: constants and map references take two slots', () => {
    const lines = disassemble(
      Uint8Array.from([
        ...ins(0x18, 1, 1, 0, 12),
        ...ins(0, 0, 0, 0, 0),
        ...ins(0x18, 2, 2, 0, 7),
        ...ins(0, 0, 0, 0, 16),
        ...ins(0x18, 3, 0, 0, 0x89abcdef | 0),
        ...ins(0, 0, 0, 0, 0x1234567),
        ...ins(0x95),
      ]),
    );
    expect(lines.map((l) => [l.index, l.text, l.mapId])).toEqual([
      [0, '(18) r1 = map[id:12]', 12],
      [2, '(18) r2 = map[id:7][0]+16', 7],
      [4, '(18) r3 = 0x123456789abcdef', undefined],
      [6, '(95) exit', undefined],
    ]);
  });

  it('jumps, JMP32 and goto', () => {
    expect(one(0x15, 0, 0, 1, 0)).toBe('(15) if r0 == 0x0 goto pc+1');
    expect(one(0x65, 1, 0, 1, 5)).toBe('(65) if r1 s> 0x5 goto pc+1');
    expect(one(0x55, 1, 0, -3, -1)).toBe('(55) if r1 != 0xffffffff goto pc-3');
    expect(one(0x2d, 1, 2, 4)).toBe('(2d) if r1 > r2 goto pc+4');
    expect(one(0x16, 1, 0, 2, 9)).toBe('(16) if w1 == 0x9 goto pc+2');
    expect(one(0xae, 1, 2, 2)).toBe('(ae) if w1 < w2 goto pc+2');
    expect(one(0x05, 0, 0, 8)).toBe('(05) goto pc+8');
    expect(one(0x06, 0, 0, 0, -100)).toBe('(06) gotol pc-100');
  });

  it('calls: helpers by name, tail calls, bpf-to-bpf and kfuncs', () => {
    expect(one(0x85, 0, 0, 0, 1)).toBe('(85) call bpf_map_lookup_elem#1');
    expect(one(0x85, 0, 0, 0, 12)).toBe('(85) call bpf_tail_call#12');
    expect(one(0x85, 0, 1, 0, 7)).toBe('(85) call pc+7');
    expect(one(0x85, 0, 2, 0, 5)).toBe('(85) call kernel-function#5');
    expect(one(0x85, 0, 0, 0, 346768)).toBe('(85) call unknown#346768');
    const named = disassemble(Uint8Array.from(ins(0x85, 0, 0, 0, 346768)), {
      callName: () => '__htab_map_lookup_elem',
    });
    expect(named[0]!.text).toBe('(85) call __htab_map_lookup_elem#346768');
  });

  it('knows every helper up to bpf_cgrp_storage_delete', () => {
    expect(HELPER_NAMES).toHaveLength(212);
    expect(HELPER_NAMES[6]).toBe('bpf_trace_printk');
    expect(HELPER_NAMES[211]).toBe('bpf_cgrp_storage_delete');
  });

  it('malformed instructions print like the kernel', () => {
    expect(one(0x21)).toBe('BUG_ldx_21');
    expect(one(0x10)).toBe('BUG_ld_10');
  });
});
