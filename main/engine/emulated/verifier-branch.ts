// Conditional jumps: which way a comparison can go, and what each way teaches about the compared scalar
// (is_branch_taken and reg_set_min_max, for a register compared with a constant).
import { constOf, known, type Reg, range, U32 } from './verifier-regs.js';

type Interval = [bigint, bigint] | null;
const SIGN = 1n << 63n;

/** The two outcomes of `dst op c`: the register on the taken path and on the fall-through path; null = impossible. */
export interface Split {
  taken: Reg | null;
  fall: Reg | null;
}

function cut(lo: bigint, hi: bigint, from: bigint, to: bigint): Interval {
  const a = lo > from ? lo : from,
    b = hi < to ? hi : to;
  return a <= b ? [a, b] : null;
}

/** [taken, fall] intervals of x in [lo, hi] compared with c, for an ordering op in one number domain. */
function compare(op: number, lo: bigint, hi: bigint, c: bigint, min: bigint, max: bigint): [Interval, Interval] {
  const below = (v: bigint): Interval => (v - 1n < min ? null : cut(lo, hi, min, v - 1n));
  const above = (v: bigint): Interval => (v + 1n > max ? null : cut(lo, hi, v + 1n, max));
  const atMost = (v: bigint): Interval => cut(lo, hi, min, v);
  const atLeast = (v: bigint): Interval => cut(lo, hi, v, max);
  switch (op) {
    case 0x20:
    case 0x60:
      return [above(c), atMost(c)];
    case 0x30:
    case 0x70:
      return [atLeast(c), below(c)];
    case 0xa0:
    case 0xc0:
      return [below(c), atLeast(c)];
    case 0xb0:
    case 0xd0:
      return [atMost(c), above(c)];
    default: {
      // JEQ / JNE: only the ends of the range can be cut off.
      const inside = c >= lo && c <= hi;
      const rest: Interval = lo === hi && lo === c ? null : [lo === c ? lo + 1n : lo, hi === c ? hi - 1n : hi];
      const eq: Interval = inside ? [c, c] : null;
      return op === 0x10 ? [eq, rest] : [rest, eq];
    }
  }
}

const both = (r: Reg): Split => ({ taken: r, fall: r });

/** Splits a scalar `r` on `r op c` (c already in the comparison's width); 32-bit compares refine only 32-bit values. */
export function splitScalar(op: number, r: Reg & { t: 'scalar' }, c: bigint, jmp32: boolean): Split {
  if (op === 0x40) {
    const v = constOf(r);
    if (v === undefined) return both(r);
    return (v & c) !== 0n ? { taken: r, fall: null } : { taken: null, fall: r };
  }
  if (jmp32 && r.max > U32) return both(r);
  const signedOp = op === 0x60 || op === 0x70 || op === 0xc0 || op === 0xd0;
  let out: [Interval, Interval];
  if (!signedOp) out = compare(op, r.min, r.max, c, 0n, jmp32 ? U32 : (1n << 64n) - 1n);
  else {
    const bits = jmp32 ? 32 : 64;
    const s = (v: bigint): bigint => BigInt.asIntN(bits, v);
    const top = jmp32 ? 1n << 31n : SIGN;
    // A range that crosses the sign boundary has no signed interval: both ways stay possible.
    if (r.min < top && r.max >= top) return both(r);
    const res = compare(op, s(r.min), s(r.max), s(c), -top, top - 1n);
    const back = (i: Interval): Interval => (i ? [BigInt.asUintN(bits, i[0]), BigInt.asUintN(bits, i[1])] : null);
    out = [back(res[0]), back(res[1])];
  }
  const reg = (i: Interval): Reg | null => (i ? (i[0] === i[1] ? known(i[0]) : range(i[0], i[1])) : null);
  return { taken: reg(out[0]), fall: reg(out[1]) };
}

/** A non-null pointer compared with 0 by JEQ / JNE: the kernel knows the answer. */
export function splitPointer(op: number, r: Reg, c: bigint): Split {
  const notNull = r.t === 'ctx' || r.t === 'stack' || r.t === 'map' || (r.t === 'map_value' && !r.orNull);
  if (!notNull || c !== 0n || (op !== 0x10 && op !== 0x50)) return both(r);
  return op === 0x10 ? { taken: null, fall: r } : { taken: r, fall: null };
}
