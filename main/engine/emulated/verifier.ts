// The verifier model's entry: opcode and ld_imm64 checks, subprograms and the control-flow graph, then the walk
// over every path (verifier-walk.ts). Also the program tag and the GPL-compatible licenses.
import { createHash } from 'node:crypto';

import { returnRange } from '../../../shared/bpf/prog-rules.js';

import type { MapObject } from './objects.js';
import { fail } from './stores.js';
import { checkCfg, checkSubprogs, subprogStarts } from './verifier-cfg.js';
import { known, OTHER } from './verifier-regs.js';
import type { WalkMarks } from './verifier-rewrite.js';
import { type Insn, walk } from './verifier-walk.js';

const CLASS_LDX = 0x01,
  CLASS_ST = 0x02,
  CLASS_STX = 0x03;
const CLASS_ALU = 0x04,
  CLASS_JMP = 0x05,
  CLASS_JMP32 = 0x06,
  CLASS_ALU64 = 0x07;
const LD_IMM64 = 0x18;
const PSEUDO_MAP_FD = 1,
  PSEUDO_MAP_VALUE = 2,
  PSEUDO_MAP_IDX_VALUE = 6;

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

/** Whether resolve_pseudo_ldimm64 refuses an ld_imm64's src_reg: unknown kinds, a map fd with a second imm. */
function badLdImm64Src(src: number, nextImm: number): boolean {
  return src > PSEUDO_MAP_IDX_VALUE || (src === PSEUDO_MAP_FD && nextImm !== 0);
}

const MAX_USED_MAPS = 64;
/** check_map_prog_compatibility: socket filters and tracing programs may not name a map with a bpf_spin_lock. */
const LOCKLESS_TYPES = new Set([
  'socket_filter',
  'kprobe',
  'tracepoint',
  'perf_event',
  'raw_tracepoint',
  'raw_tracepoint_writable',
]);

/** map_direct_value_addr: only a single-element array hands out its value's address, inside the value. */
function checkDirectValue(map: MapObject, off: number, pc: number): void {
  if (map.type !== 'array') fail('EINVAL', `no direct value access support for this map type at insn ${pc} (EINVAL).`);
  if (map.maxEntries !== 1)
    fail('ENOTSUPP', `direct value access needs a single-element array at insn ${pc} (ENOTSUPP, 524).`);
  if (off < 0 || off >= map.valueSize)
    fail('EINVAL', `invalid access to map value pointer, value_size=${map.valueSize} off=${off} (EINVAL).`);
}

export interface Verified extends WalkMarks {
  verifiedInsns: number;
  /** imm of each ld_imm64 with src PSEUDO_MAP_FD / MAP_VALUE: the map handles the program uses. */
  mapRefs: number[];
}

export interface VerifyOptions {
  progType: string;
  expectedAttachType?: number | undefined;
  gpl: boolean;
  /** The map an ld_imm64 immediate names (a handle on the emulator). */
  mapOf: (imm: number) => MapObject;
}

/** Checks like bpf_check for a privileged loader; throws EINVAL / EACCES / E2BIG as the kernel does. */
export function verifyProgram(insns: Uint8Array, opts: VerifyOptions): Verified {
  const n = insns.length / 8;
  const all: Insn[] = [];
  for (let i = 0; i < n; i++) all.push(decode(insns, i));
  const mapRefs: number[] = [];
  const maps = new Map<number, MapObject>();
  const used = new Set<MapObject>();
  for (let i = 0; i < n; i++) {
    const insn = all[i]!;
    if (!knownOpcode(insn.code))
      fail('EINVAL', `unknown opcode ${insn.code.toString(16).padStart(2, '0')} at insn ${i} (EINVAL).`);
    if (insn.code !== LD_IMM64) continue;
    const next = all[i + 1];
    if (!next || next.code !== 0 || next.dst || next.src || next.off)
      fail('EINVAL', `invalid bpf_ld_imm64 insn at insn ${i} (EINVAL).`);
    if (badLdImm64Src(insn.src, next.imm)) fail('EINVAL', `unrecognized bpf_ld_imm64 insn at insn ${i} (EINVAL).`);
    if (insn.src === PSEUDO_MAP_FD || insn.src === PSEUDO_MAP_VALUE) {
      // resolve_pseudo_ldimm64 takes each map as it meets it: fd, the used-maps limit, then the value address.
      mapRefs.push(insn.imm);
      const map = maps.get(insn.imm) ?? opts.mapOf(insn.imm);
      maps.set(insn.imm, map);
      if (!used.has(map) && used.size >= MAX_USED_MAPS)
        fail('E2BIG', `The total number of maps per program has reached the limit of ${MAX_USED_MAPS} (E2BIG).`);
      used.add(map);
      if (LOCKLESS_TYPES.has(opts.progType) && map.specialFields?.some((f) => f.kind === 'spin_lock'))
        fail('EINVAL', `${opts.progType} programs cannot use bpf_spin_lock yet (EINVAL).`);
      if (insn.src === PSEUDO_MAP_VALUE) checkDirectValue(map, next.imm, i);
    }
    i++;
  }
  const starts = subprogStarts(all);
  checkSubprogs(all, starts);
  checkCfg(all);
  const { processed, ...marks } = walk({
    insns: all,
    progType: opts.progType,
    gpl: opts.gpl,
    retRange: returnRange(opts.progType, opts.expectedAttachType),
    subprogs: starts,
    ldImm64: (pc) => {
      const insn = all[pc]!;
      const map = maps.get(insn.imm);
      if (insn.src === PSEUDO_MAP_FD && map) return { t: 'map', map };
      if (insn.src === PSEUDO_MAP_VALUE && map)
        return { t: 'map_value', map, off: all[pc + 1]!.imm, orNull: false, id: 0 };
      if (insn.src !== 0) return OTHER;
      return known((BigInt(all[pc + 1]!.imm >>> 0) << 32n) | BigInt(insn.imm >>> 0));
    },
  });
  return { verifiedInsns: processed, mapRefs, ...marks };
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
