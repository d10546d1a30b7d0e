// The kernel's rewrites after verification, as far as they change what bpf_prog_info reports: branches that
// always go one way become `ja`, unreached code and `ja 0` disappear (privileged loads), LD_ABS / LD_IND become
// a helper call sequence, divisions by a register get their zero checks, get_smp_processor_id is inlined.

import { encodeInsn } from '../../../shared/bpf/insn.js';

import type { MapObject } from './objects.js';
import { type CtxUse, ctxExpansion, prologue } from './verifier-ctx-rewrite.js';
import { inlineLookup } from './verifier-inline.js';

const JA = 0x05;
/** Context accesses and map lookups by instruction, carried through the rebuilds that move instructions. */
const ctxOf = new WeakMap<Uint8Array, CtxUse>();
const lookupOf = new WeakMap<Uint8Array, MapObject>();

type Raw = Uint8Array;

const fields = (b: Raw): { code: number; dst: number; src: number; off: number; imm: number } => {
  const dv = new DataView(b.buffer, b.byteOffset, 8);
  return { code: b[0]!, dst: b[1]! & 0xf, src: b[1]! >> 4, off: dv.getInt16(2, true), imm: dv.getInt32(4, true) };
};

const isJump = (code: number): boolean => {
  const cls = code & 7;
  return (cls === 5 || cls === 6) && code !== 0x85 && code !== 0x95;
};
const isCond = (code: number): boolean => isJump(code) && (code & 0xf0) !== 0x00;
const jumpOff = (b: Raw): number => (b[0] === 0x06 ? fields(b).imm : fields(b).off);
const isPseudoCall = (b: Raw): boolean => b[0] === 0x85 && b[1]! >> 4 === 1;

/** Rebuilds the list from groups (each old instruction's replacement), fixing every relative jump and call. */
function rebuild(groups: Raw[][]): Raw[] {
  const start: number[] = [];
  let n = 0;
  for (const g of groups) {
    start.push(n);
    n += g.length;
  }
  start.push(n);
  // A removed instruction (empty group) is entered at what follows it.
  for (let i = groups.length - 1; i >= 0; i--) if (groups[i]!.length === 0) start[i] = start[i + 1]!;
  const out: Raw[] = [];
  groups.forEach((g, i) => {
    if (g.length !== 1) return out.push(...g);
    const b = g[0]!.slice();
    const use = ctxOf.get(g[0]!);
    if (use) ctxOf.set(b, use);
    const map = lookupOf.get(g[0]!);
    if (map) lookupOf.set(b, map);
    const dv = new DataView(b.buffer);
    const at = start[i]!;
    if (isJump(b[0]!) || isPseudoCall(b)) {
      const to = start[i + 1 + (isPseudoCall(b) ? fields(b).imm : jumpOff(b))] ?? n;
      if (b[0] === 0x06 || isPseudoCall(b)) dv.setInt32(4, to - at - 1, true);
      else dv.setInt16(2, to - at - 1, true);
    }
    out.push(b);
    return undefined;
  });
  return out;
}

function ldAbsSequence(f: ReturnType<typeof fields>): Raw[] {
  const seq: Raw[] = [];
  if ((f.code & 0xe0) === 0x20) seq.push(encodeInsn(0xb7, 2, 0, 0, f.imm));
  else {
    seq.push(encodeInsn(0xbf, 2, f.src, 0, 0));
    if (f.imm) seq.push(encodeInsn(0x07, 2, 0, 0, f.imm));
  }
  seq.push(
    encodeInsn(0xbf, 1, 6, 0, 0),
    encodeInsn(0x85, 0, 0, 0, 0),
    encodeInsn(0x75, 0, 0, 2, 0),
    encodeInsn(0xac, 0, 0, 0, 0),
    encodeInsn(0x95, 0, 0, 0, 0),
  );
  return seq;
}

function fixup(b: Raw): Raw[] {
  const f = fields(b);
  if ((f.code & 7) === 0 && f.code !== 0x18 && f.code !== 0x00) return ldAbsSequence(f);
  const cls = f.code & 7;
  const op = f.code & 0xf0;
  if ((cls === 4 || cls === 7) && f.code & 8 && (op === 0x30 || op === 0x90) && f.off === 0) {
    const jcls = cls === 7 ? 0x05 : 0x06;
    if (op === 0x30)
      return [
        encodeInsn(jcls | 0x50, f.src, 0, 2, 0),
        encodeInsn(0xac, f.dst, f.dst, 0, 0),
        encodeInsn(JA, 0, 0, 1, 0),
        b,
      ];
    const check = encodeInsn(jcls | 0x10, f.src, 0, cls === 7 ? 1 : 2, 0);
    return cls === 7 ? [check, b] : [check, b, encodeInsn(JA, 0, 0, 1, 0), encodeInsn(0xbc, f.dst, f.dst, 0, 0)];
  }
  if (f.code === 0x85 && f.src === 0 && f.imm === 8)
    return [encodeInsn(0xb4, 0, 0, 0, 0), encodeInsn(0x0f, 0, 0, 0, 0), encodeInsn(0x61, 0, 0, 0, 0)];
  return [b];
}

/** What the walk saw that the rewrites need. */
export interface WalkMarks {
  /** Which instructions the verifier reached. */
  seen: readonly boolean[];
  /** Context accesses by instruction index. */
  ctxAt: ReadonlyMap<number, CtxUse>;
  /** Whether the program writes into the packet (seen_direct_write). */
  directWrite: boolean;
  /** The one map each bpf_map_lookup_elem call site sees; null when it sees several (poisoned). */
  lookupAt: ReadonlyMap<number, MapObject | null>;
}

/** The xlated image of verified instructions `insns` (8 bytes each) of a `progType` program. */
export function rewriteVerified(insns: Uint8Array, marks: WalkMarks, progType: string): Uint8Array {
  const { seen } = marks;
  let list: Raw[] = [];
  for (let i = 0; i < insns.length / 8; i++) list.push(insns.slice(i * 8, i * 8 + 8));
  for (const [pc, use] of marks.ctxAt) ctxOf.set(list[pc]!, use);
  for (const [pc, map] of marks.lookupAt) if (map) lookupOf.set(list[pc]!, map);
  list = list.map((b, i) => {
    if (!isCond(b[0]!)) return b;
    const target = i + 1 + jumpOff(b);
    if (!seen[i + 1]) return encodeInsn(JA, 0, 0, jumpOff(b), 0);
    return seen[target] ? b : encodeInsn(JA, 0, 0, 0, 0);
  });
  list = rebuild(list.map((b, i) => (seen[i] ? [b] : [])));
  list = rebuild(list.map((b) => (b[0] === JA && b.every((x, k) => k === 0 || x === 0) ? [] : [b])));
  list = rebuild(list.map((b) => ctxExpansion(b, ctxOf.get(b), progType)));
  list = [...prologue(progType, marks.directWrite), ...list];
  list = rebuild(list.map((b, i) => (i > 0 && list[i - 1]![0] === 0x18 ? [b] : fixup(b))));
  list = rebuild(list.map((b) => (lookupOf.has(b) ? inlineLookup(b, lookupOf.get(b)!) : [b])));
  const out = new Uint8Array(list.length * 8);
  list.forEach((b, i) => out.set(b, i * 8));
  return out;
}
