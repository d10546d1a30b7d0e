// eBPF instructions as text in bpftool's syntax (`bpftool prog dump xlated`), after print_bpf_insn() in the
// kernel's kernel/bpf/disasm.c and bpftool's print_imm / print_call callbacks.
import { helperName } from './helper-names.js';

export interface Insn {
  code: number;
  dst: number;
  src: number;
  off: number;
  imm: number;
}

export interface DisasmLine {
  /** Instruction index (ld_imm64 takes two). */
  index: number;
  opcode: number;
  /** The line as bpftool prints it, without the index: `(b7) r0 = 0`. */
  text: string;
  /** ld_imm64 of a map (PSEUDO_MAP_FD / PSEUDO_MAP_VALUE): the map's id. */
  mapId?: number;
}

export interface DisasmOptions {
  /**
   * What bpftool prints from kallsyms for a call the helper list does not name: for helpers and kfuncs the
   * name before `#imm` (xlated calls hold an address offset), for bpf-to-bpf calls the text after `call pc`
   * (`+7#bpf_prog_<tag>_<sub>` for jited programs). Undefined: the built-in text.
   */
  callName?: (index: number, insn: Insn) => string | undefined;
}

const PSEUDO_MAP_FD = 1,
  PSEUDO_MAP_VALUE = 2,
  PSEUDO_MAP_IDX_VALUE = 6,
  PSEUDO_FUNC = 4;
const PSEUDO_CALL = 1,
  PSEUDO_KFUNC_CALL = 2;
const LD = 0,
  LDX = 1,
  ST = 2,
  STX = 3,
  ALU = 4,
  JMP = 5,
  JMP32 = 6,
  ALU64 = 7;
const MODE_IMM = 0x00,
  MODE_ABS = 0x20,
  MODE_IND = 0x40,
  MODE_MEM = 0x60,
  MODE_MEMSX = 0x80,
  MODE_ATOMIC = 0xc0;
const SIZE_DW = 0x18;
const OP_DIV = 0x30,
  OP_MOD = 0x90,
  OP_NEG = 0x80,
  OP_MOV = 0xb0,
  OP_END = 0xd0;
const FETCH = 0x01,
  XCHG = 0xe0 | FETCH,
  CMPXCHG = 0xf0 | FETCH,
  LOAD_ACQ = 0x100,
  STORE_REL = 0x110;

const CLASS_NAMES = ['ld', 'ldx', 'st', 'stx', 'alu', 'jmp', 'jmp32', 'alu64'];
const ALU_OPS: (string | undefined)[] = [
  '+=',
  '-=',
  '*=',
  '/=',
  '|=',
  '&=',
  '<<=',
  '>>=',
  'neg',
  '%=',
  '^=',
  '=',
  's>>=',
  'endian',
];
const JMP_OPS: (string | undefined)[] = [
  'jmp',
  '==',
  '>',
  '>=',
  '&',
  '!=',
  's>',
  's>=',
  'call',
  'exit',
  '<',
  '<=',
  's<',
  's<=',
];
const ATOMIC_OPS: Record<number, string> = { 0x00: 'add', 0x40: 'or', 0x50: 'and', 0xa0: 'xor' };
const LDST = ['u32', 'u16', 'u8', 'u64'];
const LDSX = ['s32', 's16', 's8', '(null)'];
const MOVSX: Record<number, string> = { 8: '(s8)', 16: '(s16)', 32: '(s32)' };

/** C's "%02x" of an opcode. */
const hex2 = (n: number): string => n.toString(16).padStart(2, '0');
/** C's "%+d". */
const signed = (n: number): string => (n < 0 ? `${n}` : `+${n}`);
/** The text C's printf("%s") gives a NULL string. */
const str = (s: string | undefined): string => s ?? '(null)';

export function decodeInsn(insns: Uint8Array, i: number): Insn {
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

function alu(insn: Insn, cls: number): string {
  const r = cls === ALU ? 'w' : 'r';
  const op = insn.code & 0xf0;
  if (op === OP_END) {
    if (cls === ALU64) return `r${insn.dst} = bswap${insn.imm} r${insn.dst}`;
    return `r${insn.dst} = ${insn.code & 8 ? 'be' : 'le'}${insn.imm} r${insn.dst}`;
  }
  if (op === OP_NEG) return `${r}${insn.dst} = -${r}${insn.dst}`;
  const isMovX = insn.code === (ALU64 | OP_MOV | 8);
  if (isMovX && insn.off === 1) {
    return `r${insn.dst} = addr_space_cast(r${insn.src}, ${insn.imm >>> 16}, ${insn.imm & 0xffff})`;
  }
  if (isMovX && insn.off === -1) return `r${insn.dst} = &(void __percpu *)(r${insn.src})`;
  const sdivSmod = (op === OP_DIV || op === OP_MOD) && insn.off === 1;
  const name = sdivSmod ? (op === OP_DIV ? 's/=' : 's%=') : str(ALU_OPS[op >> 4]);
  if (insn.code & 8) {
    const sx = op === OP_MOV ? (MOVSX[insn.off] ?? '') : '';
    return `${r}${insn.dst} ${name} ${sx}${r}${insn.src}`;
  }
  return `${r}${insn.dst} ${name} ${insn.imm}`;
}

function stx(insn: Insn): string {
  const size = LDST[(insn.code & 0x18) >> 3]!;
  const mode = insn.code & 0xe0;
  const mem = `(r${insn.dst} ${signed(insn.off)})`;
  if (mode === MODE_MEM) return `*(${size} *)${mem} = r${insn.src}`;
  if (mode !== MODE_ATOMIC) return `BUG_${hex2(insn.code)}`;
  const bits = (insn.code & 0x18) === SIZE_DW ? '64' : '';
  const aluOp = ATOMIC_OPS[insn.imm & ~FETCH];
  if (aluOp !== undefined && (insn.imm & FETCH) === 0) {
    return `lock *(${size} *)${mem} ${str(ALU_OPS[insn.imm >> 4])} r${insn.src}`;
  }
  if (aluOp !== undefined) return `r${insn.src} = atomic${bits}_fetch_${aluOp}((${size} *)${mem}, r${insn.src})`;
  if (insn.imm === CMPXCHG) return `r0 = atomic${bits}_cmpxchg((${size} *)${mem}, r0, r${insn.src})`;
  if (insn.imm === XCHG) return `r${insn.src} = atomic${bits}_xchg((${size} *)${mem}, r${insn.src})`;
  if (insn.imm === LOAD_ACQ) return `r${insn.dst} = load_acquire((${size} *)(r${insn.src} ${signed(insn.off)}))`;
  if (insn.imm === STORE_REL) return `store_release((${size} *)${mem}, r${insn.src})`;
  return `BUG_${hex2(insn.code)}`;
}

/** bpftool's print_imm: maps by id, map values, subprogram addresses, else the 64-bit constant in hex. */
function ldImm64(insn: Insn, next: Insn | undefined): string {
  const hi = next?.imm ?? 0;
  if (insn.src === PSEUDO_MAP_FD) return `map[id:${insn.imm}]`;
  if (insn.src === PSEUDO_MAP_VALUE) return `map[id:${insn.imm}][0]+${hi}`;
  if (insn.src === PSEUDO_MAP_IDX_VALUE) return `map[idx:${insn.imm}]+${hi}`;
  if (insn.src === PSEUDO_FUNC) return `subprog[${signed(insn.imm)}]`;
  const full = (BigInt(hi >>> 0) << 32n) | BigInt(insn.imm >>> 0);
  return `0x${full.toString(16)}`;
}

function call(index: number, insn: Insn, opts: DisasmOptions): string {
  const builtin = insn.src === 0 ? helperName(insn.imm) : undefined;
  const name = builtin ?? opts.callName?.(index, insn);
  if (insn.src === PSEUDO_CALL) return `call pc${name ?? signed(insn.imm)}`;
  const fallback = insn.src === PSEUDO_KFUNC_CALL ? 'kernel-function' : 'unknown';
  return `call ${name ?? fallback}#${insn.imm}`;
}

function jump(index: number, insn: Insn, cls: number, opts: DisasmOptions): string {
  const op = insn.code & 0xf0;
  if (op === 0x80) return call(index, insn, opts);
  if (insn.code === (JMP | 0x00)) return `goto pc${signed(insn.off)}`;
  if (insn.code === (JMP | 0xe0) && insn.src === 0) return `may_goto pc${signed(insn.off)}`;
  if (insn.code === (JMP32 | 0x00)) return `gotol pc${signed(insn.imm)}`;
  if (insn.code === (JMP | 0x90)) return 'exit';
  const r = cls === JMP32 ? 'w' : 'r';
  const cmp = str(JMP_OPS[op >> 4]);
  if (insn.code & 8) return `if ${r}${insn.dst} ${cmp} ${r}${insn.src} goto pc${signed(insn.off)}`;
  return `if ${r}${insn.dst} ${cmp} 0x${(insn.imm >>> 0).toString(16)} goto pc${signed(insn.off)}`;
}

/** One instruction's text after the index: `(opcode) ...`. */
export function formatInsn(insns: Uint8Array, index: number, opts: DisasmOptions = {}): string {
  const insn = decodeInsn(insns, index);
  const cls = insn.code & 7;
  const size = (insn.code & 0x18) >> 3;
  const mode = insn.code & 0xe0;
  let body: string;
  if (cls === ALU || cls === ALU64) body = alu(insn, cls);
  else if (cls === STX) {
    body = stx(insn);
    if (body.startsWith('BUG_')) return body;
  } else if (cls === ST) {
    if (mode === MODE_MEM) body = `*(${LDST[size]!} *)(r${insn.dst} ${signed(insn.off)}) = ${insn.imm}`;
    else if (mode === 0xc0) body = 'nospec';
    else return `BUG_st_${hex2(insn.code)}`;
  } else if (cls === LDX) {
    if (mode !== MODE_MEM && mode !== MODE_MEMSX) return `BUG_ldx_${hex2(insn.code)}`;
    const type = mode === MODE_MEM ? LDST[size]! : LDSX[size]!;
    body = `r${insn.dst} = *(${type} *)(r${insn.src} ${signed(insn.off)})`;
  } else if (cls === LD) {
    if (mode === MODE_ABS) body = `r0 = *(${LDST[size]!} *)skb[${insn.imm}]`;
    else if (mode === MODE_IND) body = `r0 = *(${LDST[size]!} *)skb[r${insn.src} + ${insn.imm}]`;
    else if (mode === MODE_IMM && (insn.code & 0x18) === SIZE_DW) {
      const next = index + 1 < insns.length / 8 ? decodeInsn(insns, index + 1) : undefined;
      body = `r${insn.dst} = ${ldImm64(insn, next)}`;
    } else return `BUG_ld_${hex2(insn.code)}`;
  } else if (cls === JMP || cls === JMP32) body = jump(index, insn, cls, opts);
  else body = CLASS_NAMES[cls]!;
  return `(${hex2(insn.code)}) ${body}`;
}

/** Every instruction, ld_imm64 taking two slots like bpftool's loop. */
export function disassemble(insns: Uint8Array, opts: DisasmOptions = {}): DisasmLine[] {
  const count = Math.floor(insns.length / 8);
  const lines: DisasmLine[] = [];
  for (let i = 0; i < count; i++) {
    const insn = decodeInsn(insns, i);
    const line: DisasmLine = { index: i, opcode: insn.code, text: formatInsn(insns, i, opts) };
    if (insn.code === 0x18 && (insn.src === PSEUDO_MAP_FD || insn.src === PSEUDO_MAP_VALUE)) line.mapId = insn.imm;
    lines.push(line);
    if (insn.code === 0x18) i++;
  }
  return lines;
}

/** C's "% 4d: " index prefix bpftool prints before each instruction. */
export function indexPrefix(index: number): string {
  return `${` ${index}`.padStart(4)}: `;
}

/** The whole listing as `bpftool prog dump xlated` prints it (instruction lines only). */
export function disassembleText(insns: Uint8Array, opts: DisasmOptions = {}): string {
  return disassemble(insns, opts)
    .map((l) => `${indexPrefix(l.index)}${l.text}`)
    .join('\n');
}
