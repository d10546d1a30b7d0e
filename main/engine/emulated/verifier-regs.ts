// Register values as the verifier tracks them: scalars as unsigned 64-bit ranges, pointers by kind and offset.
import type { MapObject } from './objects.js';
import { fail } from './stores.js';
import { isPkt, pktMove } from './verifier-pkt.js';

export const U64 = (1n << 64n) - 1n;
export const U32 = (1n << 32n) - 1n;

export type Reg =
  | { t: 'none' }
  | { t: 'scalar'; min: bigint; max: bigint }
  | { t: 'ctx'; off: number }
  | { t: 'stack'; off: number }
  | { t: 'map'; map: MapObject }
  | { t: 'map_value'; map: MapObject; off: number; orNull: boolean; id: number }
  /** Into the packet (or its metadata): `range` bytes from the pointer's base are proven inside; var in [vmin, vmax]. */
  | { t: 'pkt' | 'pkt_meta'; off: number; range: number; id: number; vmin: number; vmax: number }
  | { t: 'pkt_end' }
  /** A value the model does not follow (packet pointers, subprogram results): every use is allowed. */
  | { t: 'other' };

export const NONE: Reg = { t: 'none' };
export const OTHER: Reg = { t: 'other' };
export const known = (v: bigint): Reg => ({ t: 'scalar', min: BigInt.asUintN(64, v), max: BigInt.asUintN(64, v) });
export const range = (min: bigint, max: bigint): Reg => ({ t: 'scalar', min, max });
export const unknown = (bits = 64): Reg => range(0n, (1n << BigInt(bits)) - 1n);
export const isPointer = (r: Reg): boolean => r.t !== 'none' && r.t !== 'scalar' && r.t !== 'other';

/** The kernel's name of a register type in messages (reg_type_str). */
export function typeName(r: Reg): string {
  if (r.t === 'stack') return 'fp';
  if (r.t === 'map') return 'map_ptr';
  if (r.t === 'map_value') return r.orNull ? 'map_value_or_null' : 'map_value';
  return r.t === 'none' ? 'invalid' : r.t;
}

/** The constant a scalar holds, or undefined. */
export const constOf = (r: Reg): bigint | undefined => (r.t === 'scalar' && r.min === r.max ? r.min : undefined);

const wrapRange = (lo: bigint, hi: bigint, mask: bigint): Reg => {
  if (hi - lo > mask) return range(0n, mask);
  const a = lo & mask,
    b = hi & mask;
  return a <= b ? range(a, b) : range(0n, mask);
};

/** A scalar ALU operation on ranges, `bits` wide (32 zero-extends); exact when both sides are constants. */
export function scalarOp(op: number, a: Reg & { t: 'scalar' }, b: Reg & { t: 'scalar' }, bits: 32 | 64): Reg {
  const mask = bits === 32 ? U32 : U64;
  const x = constOf(a),
    y = constOf(b);
  const a32 = bits === 32 && a.max > U32 ? range(0n, U32) : a;
  const b32 = bits === 32 && b.max > U32 ? range(0n, U32) : b;
  if (x !== undefined && y !== undefined) {
    const v = exact(op, x & mask, y & mask, bits);
    return v === undefined ? range(0n, mask) : known(v & mask);
  }
  const A = a32 as Reg & { t: 'scalar' },
    B = b32 as Reg & { t: 'scalar' };
  switch (op) {
    case 0x00:
      return wrapRange(A.min + B.min, A.max + B.max, mask);
    case 0x10:
      return y !== undefined ? wrapRange(A.min - y, A.max - y, mask) : range(0n, mask);
    case 0x50:
      return y !== undefined ? range(0n, A.max < y ? A.max : y) : range(0n, mask);
    case 0x70:
      return y !== undefined && y < BigInt(bits) ? range(A.min >> y, A.max >> y) : range(0n, mask);
    case 0x90:
      return y !== undefined && y > 0n ? range(0n, A.max < y ? A.max : y - 1n) : range(0n, mask);
    case 0x30:
      return y !== undefined && y > 0n ? range(A.min / y, A.max / y) : range(0n, mask);
    case 0xb0:
      return B;
    default:
      return range(0n, mask);
  }
}

function exact(op: number, x: bigint, y: bigint, bits: 32 | 64): bigint | undefined {
  const sh = y & BigInt(bits - 1);
  const signed = (v: bigint): bigint => BigInt.asIntN(bits, v);
  switch (op) {
    case 0x00:
      return x + y;
    case 0x10:
      return x - y;
    case 0x20:
      return x * y;
    case 0x30:
      return y === 0n ? 0n : x / y;
    case 0x40:
      return x | y;
    case 0x50:
      return x & y;
    case 0x60:
      return x << sh;
    case 0x70:
      return x >> sh;
    case 0x80:
      return -x;
    case 0x90:
      return y === 0n ? x : x % y;
    case 0xa0:
      return x ^ y;
    case 0xb0:
      return y;
    case 0xc0:
      return BigInt.asUintN(bits, signed(x) >> sh);
    default:
      return undefined;
  }
}

/** Pointer arithmetic: `ptr += scalar` / `ptr -= scalar` as the verifier allows it for a privileged loader. */
export function pointerOp(op: number, p: Reg, s: Reg & { t: 'scalar' }, dst: number, newId: () => number): Reg {
  if (p.t === 'map' || p.t === 'pkt_end' || (p.t === 'map_value' && p.orNull))
    fail('EACCES', `R${dst} pointer arithmetic on ${typeName(p)} prohibited (EACCES).`);
  if (op !== 0x00 && op !== 0x10) fail('EACCES', `R${dst} pointer arithmetic with this operator prohibited (EACCES).`);
  if (isPkt(p)) return pktMove(p, op === 0x10, s.min, s.max, dst, newId);
  const c = constOf(s);
  if (c === undefined || p.t === 'other' || p.t === 'none' || p.t === 'scalar') return OTHER;
  const delta = Number(BigInt.asIntN(64, c)) * (op === 0x10 ? -1 : 1);
  return { ...p, off: p.off + delta };
}
