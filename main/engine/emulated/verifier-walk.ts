// do_check: follows every path of the program from insn 0 with the registers' types and ranges, the way the
// kernel does for a privileged loader; returns the instructions processed and which instructions were reached.
import { LD_ABS_TYPES } from '../../../shared/bpf/prog-rules.js';

import type { MapObject } from './objects.js';
import { fail } from './stores.js';
import { splitPointer, splitScalar } from './verifier-branch.js';
import { type CallContext, helperCall } from './verifier-calls.js';
import type { CtxUse } from './verifier-ctx-rewrite.js';
import { type Frame, memAccess } from './verifier-mem.js';
import { pktCompare } from './verifier-pkt.js';
import { known, NONE, OTHER, pointerOp, type Reg, scalarOp, U32, unknown } from './verifier-regs.js';
import type { WalkMarks } from './verifier-rewrite.js';

export interface Insn {
  code: number;
  dst: number;
  src: number;
  off: number;
  imm: number;
}

export interface WalkInput extends Omit<CallContext, 'nextId'> {
  insns: Insn[];
  retRange: readonly [number, number] | undefined;
  /** The register an ld_imm64 at this index loads. */
  ldImm64: (pc: number) => Reg;
  /** Starts of bpf-to-bpf subprograms (call targets), each walked on its own. */
  subprogs: number[];
}

export interface WalkResult extends WalkMarks {
  processed: number;
  seen: boolean[];
}

interface Marks {
  ctxAt: Map<number, CtxUse>;
  directWrite: boolean;
  lookupAt: Map<number, MapObject | null>;
}

const INSN_LIMIT = 1_000_000;
const SIZE = [4, 2, 1, 8];

interface Path {
  pc: number;
  f: Frame;
  trail: number;
}

const clone = (f: Frame): Frame => ({ regs: f.regs.slice(), stack: new Map(f.stack) });
const keyOf = (pc: number, f: Frame): string =>
  `${pc}|${JSON.stringify([f.regs, [...f.stack]], (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`;

export function walk(input: WalkInput): WalkResult {
  const seen = new Array<boolean>(input.insns.length).fill(false);
  const marks: Marks = { ctxAt: new Map(), directWrite: false, lookupAt: new Map() };
  let processed = 0;
  let ids = 0;
  const ctx: CallContext = { ...input, nextId: () => ++ids };
  const loopHeads = new Set<number>();
  input.insns.forEach((insn, pc) => {
    const cls = insn.code & 7;
    if ((cls === 5 || cls === 6) && insn.code !== 0x85 && insn.code !== 0x95) {
      const to = pc + 1 + (insn.code === 0x06 ? insn.imm : insn.off);
      if (to <= pc) loopHeads.add(to);
    }
  });
  const roots: { pc: number; sub: boolean }[] = [
    { pc: 0, sub: false },
    ...input.subprogs.map((pc) => ({ pc, sub: true })),
  ];
  for (const root of roots) {
    const regs: Reg[] = new Array<Reg>(11).fill(NONE);
    regs[1] = root.sub ? OTHER : { t: 'ctx', off: 0 };
    if (root.sub) for (let r = 2; r <= 5; r++) regs[r] = OTHER;
    regs[10] = { t: 'stack', off: 0 };
    const trail: string[] = [];
    const active = new Set<string>();
    const stack: Path[] = [{ pc: root.pc, f: { regs, stack: new Map() }, trail: 0 }];
    while (stack.length) {
      const path = stack.pop()!;
      while (trail.length > path.trail) active.delete(trail.pop()!);
      let { pc } = path;
      const { f } = path;
      for (;;) {
        if (++processed > INSN_LIMIT) fail('E2BIG', `BPF program is too large. Processed ${processed} insn (E2BIG).`);
        seen[pc] = true;
        if (loopHeads.has(pc)) {
          const key = keyOf(pc, f);
          if (active.has(key)) fail('EINVAL', `infinite loop detected at insn ${pc} (EINVAL).`);
          active.add(key);
          trail.push(key);
        }
        const next = step(input, ctx, f, pc, root.sub, marks);
        if (next === 'exit') break;
        if (next.length > 1) stack.push({ pc: next[1]!, f: next[2] ?? clone(f), trail: trail.length });
        // The second half of an ld_imm64 counts as reached with the first (sanitize_mark_insn_seen).
        if (input.insns[pc]!.code === 0x18) seen[pc + 1] = true;
        pc = next[0];
      }
    }
  }
  return { processed, seen, ...marks };
}

type Next = 'exit' | [number] | [number, number, Frame?];

function need(f: Frame, r: number): Reg {
  const reg = f.regs[r]!;
  if (reg.t === 'none') fail('EACCES', `R${r} !read_ok: the register is read before it is set (EACCES).`);
  return reg;
}

/** What a store of `size` bytes leaves in memory: the register itself for 8 bytes, else its low bytes. */
function stored(v: Reg, size: number): Reg | undefined {
  if (size === 8) return v;
  if (v.t !== 'scalar') return undefined;
  const mask = (1n << BigInt(size * 8)) - 1n;
  return v.min === v.max ? known(v.min & mask) : undefined;
}

function setDst(f: Frame, dst: number, v: Reg): void {
  if (dst === 10) fail('EACCES', 'frame pointer is read only (EACCES).');
  f.regs[dst] = v;
}

function step(input: WalkInput, ctx: CallContext, f: Frame, pc: number, sub: boolean, marks: Marks): Next {
  const insn = input.insns[pc]!;
  const cls = insn.code & 7;
  if (insn.code === 0x95) {
    const r0 = need(f, 0);
    const range = sub ? undefined : input.retRange;
    if (range && r0.t !== 'other') {
      if (r0.t !== 'scalar') fail('EINVAL', `At program exit the register R0 is not a known value (${r0.t}) (EINVAL).`);
      const lo = BigInt.asIntN(64, r0.min),
        hi = BigInt.asIntN(64, r0.max);
      const smin = r0.max >= 1n << 63n && r0.min < 1n << 63n ? -(1n << 63n) : lo;
      const smax = smin === lo ? hi : (1n << 63n) - 1n;
      if (smin < BigInt(range[0]) || smax > BigInt(range[1])) {
        fail(
          'EINVAL',
          `At program exit the register R0 has smin=${smin} smax=${smax} should have been in [${range[0]}, ${range[1]}] (EINVAL).`,
        );
      }
    }
    return 'exit';
  }
  if (insn.code === 0x18) {
    setDst(f, insn.dst, input.ldImm64(pc));
    return [pc + 2];
  }
  if (cls === 4 || cls === 7) return [alu(f, insn, cls === 7 ? 64 : 32, pc, ctx.nextId)];
  if (cls === 1 || cls === 2 || cls === 3) {
    const size = SIZE[(insn.code >> 3) & 3]!;
    const base = f.regs[cls === 1 ? insn.src : insn.dst]!;
    if (base.t === 'ctx') marks.ctxAt.set(pc, { off: insn.off, size, write: cls !== 1 });
    if (cls !== 1 && base.t === 'pkt') marks.directWrite = true;
    if (cls === 1) {
      need(f, insn.src);
      const v = memAccess(f, { base: insn.src, off: insn.off, size, write: false }, input.progType);
      setDst(f, insn.dst, (insn.code & 0xe0) === 0x80 ? unknown() : v);
      return [pc + 1];
    }
    need(f, insn.dst);
    const value = stored(cls === 3 ? need(f, insn.src) : known(BigInt(insn.imm)), size);
    memAccess(f, { base: insn.dst, off: insn.off, size, write: true, ...(value ? { value } : {}) }, input.progType);
    if ((insn.code & 0xe0) === 0xc0 && insn.imm & 1) f.regs[insn.imm === 0xf1 ? 0 : insn.src] = unknown();
    return [pc + 1];
  }
  if (cls === 0) {
    ldAbs(input, f, insn);
    return [pc + 1];
  }
  if (insn.code === 0x85) {
    const r1 = f.regs[1]!;
    if (insn.src === 0 && insn.imm === 1 && r1.t === 'map') {
      const before = marks.lookupAt.get(pc);
      marks.lookupAt.set(pc, before === undefined || before === r1.map ? r1.map : null);
    }
    if (insn.src === 0) helperCall(f, insn.imm, ctx);
    else {
      for (let r = 1; r <= 5; r++) f.regs[r] = NONE;
      f.regs[0] = OTHER;
    }
    return [pc + 1];
  }
  if (insn.code === 0x05 || insn.code === 0x06) return [pc + 1 + (insn.code === 0x06 ? insn.imm : insn.off)];
  return branch(f, insn, pc);
}

function alu(f: Frame, insn: Insn, bits: 32 | 64, pc: number, newId: () => number): number {
  const op = insn.code & 0xf0;
  const byReg = (insn.code & 8) !== 0 && op !== 0xd0;
  const src: Reg = byReg ? need(f, insn.src) : known(bits === 64 ? BigInt(insn.imm) : BigInt(insn.imm >>> 0));
  if (op === 0xb0) {
    if (bits === 64) setDst(f, insn.dst, src);
    else setDst(f, insn.dst, src.t === 'scalar' ? scalarOp(op, src, src, 32) : unknown(32));
    return pc + 1;
  }
  const dst = need(f, insn.dst);
  if (!byReg && (op === 0x30 || op === 0x90) && insn.imm === 0 && insn.off === 0)
    fail('EINVAL', 'div by zero (EINVAL).');
  if (op === 0x80 || op === 0xd0) {
    setDst(f, insn.dst, dst.t === 'scalar' && op === 0x80 ? scalarOp(op, dst, dst, bits) : unknown(bits));
    return pc + 1;
  }
  let out: Reg;
  if (dst.t === 'scalar' && src.t === 'scalar') out = scalarOp(op, dst, src, bits);
  else if (bits === 32) out = unknown(32);
  else if (dst.t === 'other' || src.t === 'other') out = OTHER;
  else if (src.t === 'scalar') out = pointerOp(op, dst, src, insn.dst, newId);
  else if (dst.t === 'scalar' && op === 0x00) out = pointerOp(op, src, dst, insn.dst, newId);
  else if (op === 0x10) out = unknown();
  else out = fail('EACCES', `R${insn.dst} pointer arithmetic with this operator prohibited (EACCES).`);
  setDst(f, insn.dst, out);
  return pc + 1;
}

function ldAbs(input: WalkInput, f: Frame, insn: Insn): void {
  if (!LD_ABS_TYPES.has(input.progType))
    fail('EINVAL', 'BPF_LD_[ABS|IND] instructions not allowed for this program type (EINVAL).');
  const ind = (insn.code & 0xe0) === 0x40;
  if (insn.dst !== 0 || insn.off !== 0 || (!ind && insn.src !== 0))
    fail('EINVAL', 'BPF_LD_[ABS|IND] uses reserved fields (EINVAL).');
  const r6 = need(f, 6);
  if (r6.t !== 'ctx' && r6.t !== 'other')
    fail('EINVAL', 'at the time of BPF_LD_ABS|IND R6 != pointer to skb (EINVAL).');
  if (ind) need(f, insn.src);
  for (let r = 1; r <= 5; r++) f.regs[r] = NONE;
  f.regs[0] = unknown();
}

function branch(f: Frame, insn: Insn, pc: number): Next {
  const op = insn.code & 0xf0;
  const jmp32 = (insn.code & 7) === 6;
  const dst = need(f, insn.dst);
  const byReg = (insn.code & 8) !== 0;
  const src = byReg ? need(f, insn.src) : known(jmp32 ? BigInt(insn.imm >>> 0) : BigInt(insn.imm));
  const target = pc + 1 + insn.off;
  if (byReg && !jmp32) {
    const other = { regs: f.regs.slice(), stack: new Map(f.stack) };
    const ways = pktCompare(op, insn.dst, insn.src, other, f);
    if (ways?.taken && ways.fall) return [pc + 1, target, other];
    if (ways) return ways.taken ? (Object.assign(f, other), [target]) : [pc + 1];
  }
  const c = src.t === 'scalar' && src.min === src.max ? src.min & (jmp32 ? U32 : (1n << 64n) - 1n) : undefined;
  let split;
  if (c === undefined) split = { taken: dst, fall: dst };
  else if (dst.t === 'scalar') split = splitScalar(op, dst, c, jmp32);
  else if (dst.t === 'map_value' && dst.orNull && c === 0n && (op === 0x10 || op === 0x50)) {
    const nul = known(0n);
    const ok: Reg = { ...dst, orNull: false };
    split = op === 0x10 ? { taken: nul, fall: ok } : { taken: ok, fall: nul };
  } else split = splitPointer(op, dst, c);
  const apply = (v: Reg, fr: Frame): Frame => {
    if (dst.t === 'map_value' && dst.orNull)
      fr.regs = fr.regs.map((r) => (r.t === 'map_value' && r.id === dst.id ? v : r));
    fr.regs[insn.dst] = v;
    return fr;
  };
  if (split.taken && split.fall) {
    const other = apply(split.taken, { regs: f.regs.slice(), stack: new Map(f.stack) });
    apply(split.fall, f);
    return [pc + 1, target, other];
  }
  if (split.taken) {
    apply(split.taken, f);
    return [target];
  }
  apply(split.fall!, f);
  return [pc + 1];
}
