// A small model of the verifier for simple programs: opcode and jump checks, register initialisation on every
// path, and the count of instructions visited (verified_insns). Also the program tag.
import { createHash } from 'node:crypto';

import { fail } from './stores.js';

const CLASS_LD = 0x00,
  CLASS_LDX = 0x01,
  CLASS_ST = 0x02,
  CLASS_STX = 0x03;
const CLASS_ALU = 0x04,
  CLASS_JMP = 0x05,
  CLASS_JMP32 = 0x06,
  CLASS_ALU64 = 0x07;
const LD_IMM64 = 0x18;
const PSEUDO_MAP_FD = 1,
  PSEUDO_MAP_VALUE = 2;
const INSN_LIMIT = 1_000_000;

interface Insn {
  code: number;
  dst: number;
  src: number;
  off: number;
  imm: number;
}

function decode(insns: Uint8Array, i: number): Insn {
  const dv = new DataView(insns.buffer, insns.byteOffset + i * 8, 8);
  const regs = dv.getUint8(1);
  return {
    code: dv.getUint8(0),
    dst: regs & 0xf,
    src: regs >> 4,
    off: dv.getInt16(2, true),
    imm: dv.getInt32(4, true),
  };
}

const ALU_OPS = new Set([0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x80, 0x90, 0xa0, 0xb0, 0xc0, 0xd0]);
const JMP_OPS = new Set([0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0xa0, 0xb0, 0xc0, 0xd0]);

function knownOpcode(code: number): boolean {
  const cls = code & 7;
  const op = code & 0xf0;
  if (cls === CLASS_ALU || cls === CLASS_ALU64) return ALU_OPS.has(op);
  if (cls === CLASS_JMP) return JMP_OPS.has(op) || ((code & 8) === 0 && (op === 0x00 || op === 0x80 || op === 0x90));
  if (cls === CLASS_JMP32) return JMP_OPS.has(op) || code === 0x06;
  if (cls === CLASS_LDX || cls === CLASS_ST || cls === CLASS_STX) {
    const mode = code & 0xe0;
    return mode === 0x60 || mode === 0x80 || (cls === CLASS_STX && mode === 0xc0);
  }
  return (
    code === LD_IMM64 ||
    code === 0x20 ||
    code === 0x28 ||
    code === 0x30 ||
    code === 0x40 ||
    code === 0x48 ||
    code === 0x50
  );
}

export interface Verified {
  verifiedInsns: number;
  /** imm of each ld_imm64 with src PSEUDO_MAP_FD / MAP_VALUE: the map handles the program uses. */
  mapRefs: number[];
}

/** Checks like bpf_check for straight-line and branching programs; throws EINVAL / EACCES / E2BIG. */
export function verifyProgram(insns: Uint8Array, retRange?: [number, number]): Verified {
  const n = insns.length / 8;
  const all: Insn[] = [];
  for (let i = 0; i < n; i++) all.push(decode(insns, i));
  const mapRefs: number[] = [];
  for (let i = 0; i < n; i++) {
    const insn = all[i]!;
    if (!knownOpcode(insn.code))
      fail('EINVAL', `Unknown opcode ${insn.code.toString(16).padStart(2, '0')} at insn ${i} (EINVAL).`);
    if (insn.code === LD_IMM64) {
      const next = all[i + 1];
      if (!next || next.code !== 0 || next.dst || next.src || next.off)
        fail('EINVAL', `Invalid ld_imm64 at insn ${i} (EINVAL).`);
      if (insn.src === PSEUDO_MAP_FD || insn.src === PSEUDO_MAP_VALUE) mapRefs.push(insn.imm);
      i++;
      continue;
    }
  }
  // check_subprogs: jump targets, then the last instruction.
  for (let i = 0; i < n; i++) {
    const insn = all[i]!;
    if (insn.code === LD_IMM64) {
      i++;
      continue;
    }
    const cls = insn.code & 7;
    if ((cls === CLASS_JMP || cls === CLASS_JMP32) && insn.code !== 0x95 && insn.code !== 0x85) {
      const to = i + 1 + (insn.code === 0x06 ? insn.imm : insn.off);
      if (to < 0 || to >= n) fail('EINVAL', `Jump out of range from insn ${i} to ${to} (EINVAL).`);
    }
  }
  const last = all[n - 1]!;
  if (last.code !== 0x95 && last.code !== 0x05) fail('EINVAL', 'The last instruction is not an exit or jmp (EINVAL).');
  return { verifiedInsns: walk(all, retRange), mapRefs };
}

/** Explores every path (fallthrough first), tracking which registers hold a value; returns instructions processed. */
function walk(all: Insn[], retRange?: [number, number]): number {
  // Bit r of `init` means register r is readable; r1 (ctx) and r10 (frame pointer) are at entry.
  const stack: { pc: number; init: number; r0?: number | undefined }[] = [{ pc: 0, init: (1 << 1) | (1 << 10) }];
  let processed = 0;
  const need = (init: number, r: number, pc: number): void => {
    if (!(init & (1 << r)))
      fail('EACCES', `R${r} !read_ok at insn ${pc}: the register is read before it is set (EACCES).`);
  };
  while (stack.length) {
    let { pc, init, r0 } = stack.pop()!;
    for (;;) {
      if (++processed > INSN_LIMIT) fail('E2BIG', 'The program is too large to verify (E2BIG).');
      const insn = all[pc]!;
      const cls = insn.code & 7;
      if (insn.code === 0x95) {
        need(init, 0, pc);
        if (retRange && r0 !== undefined && (r0 < retRange[0] || r0 > retRange[1])) {
          fail('EINVAL', `At program exit R0 is ${r0}, should be in [${retRange[0]}, ${retRange[1]}] (EINVAL).`);
        }
        break;
      }
      if (insn.code === LD_IMM64) {
        if (insn.dst === 10) fail('EACCES', 'The frame pointer is read only (EACCES).');
        init |= 1 << insn.dst;
        if (insn.dst === 0) r0 = undefined;
        pc += 2;
        continue;
      }
      if (cls === CLASS_ALU || cls === CLASS_ALU64) {
        const op = insn.code & 0xf0;
        const usesSrc = (insn.code & 8) !== 0;
        if (usesSrc) need(init, insn.src, pc);
        if (op !== 0xb0) need(init, insn.dst, pc);
        if (insn.dst === 10) fail('EACCES', 'The frame pointer is read only (EACCES).');
        init |= 1 << insn.dst;
        if (insn.dst === 0) r0 = op === 0xb0 && !usesSrc ? insn.imm : undefined;
        pc++;
        continue;
      }
      if (cls === CLASS_LDX || cls === CLASS_STX || cls === CLASS_ST) {
        need(init, cls === CLASS_LDX ? insn.src : insn.dst, pc);
        if (cls === CLASS_STX) need(init, insn.src, pc);
        if (cls === CLASS_LDX) {
          init |= 1 << insn.dst;
          if (insn.dst === 0) r0 = undefined;
        }
        pc++;
        continue;
      }
      if (cls === CLASS_LD) {
        init |= 1;
        r0 = undefined;
        pc++;
        continue;
      }
      // Jumps and calls.
      if (insn.code === 0x85) {
        init = (init & ~0x3e) | 1; // a call clobbers r1-r5 and sets r0
        r0 = undefined;
        pc++;
        continue;
      }
      const off = insn.code === 0x06 ? insn.imm : insn.off;
      if (insn.code === 0x05 || insn.code === 0x06) {
        pc = pc + 1 + off;
        continue;
      }
      need(init, insn.dst, pc);
      if (insn.code & 8) need(init, insn.src, pc);
      stack.push({ pc: pc + 1 + off, init, r0 });
      pc++;
    }
  }
  return processed;
}

/** The kernel's tag: SHA-256 over the instructions with map-fd / map-value ld_imm64 immediates zeroed; first 8 bytes. */
export function progTag(insns: Uint8Array): string {
  const copy = insns.slice();
  const dv = new DataView(copy.buffer);
  for (let i = 0; i + 16 <= copy.length; i += 8) {
    const src = copy[i + 1]! >> 4;
    if (copy[i] === LD_IMM64 && (src === PSEUDO_MAP_FD || src === PSEUDO_MAP_VALUE)) {
      dv.setInt32(i + 4, 0, true);
      dv.setInt32(i + 12, 0, true);
      i += 8;
    }
  }
  return createHash('sha256').update(copy).digest('hex').slice(0, 16);
}

const GPL_LICENSES = new Set([
  'GPL',
  'GPL v2',
  'GPL and additional rights',
  'Dual BSD/GPL',
  'Dual MIT/GPL',
  'Dual MPL/GPL',
]);

export const licenseIsGpl = (license: string): boolean => GPL_LICENSES.has(license);
