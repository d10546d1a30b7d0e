// Reading a column's value out of key/value bytes, and its text in the column's format.
import { ipv6Text } from '../layouts/decode.js';
import { ETHERTYPES, IP_PROTOCOLS } from './protocols.js';
import type { CellText, Clock, FormattedColumn } from './types.js';
import { ageText, byteCountText, durationText, wallTimeText } from './units.js';

/** An integer leaf reads as a bigint, a float as a number, bytes and arrays as their bytes. */
export type Raw = bigint | number | Uint8Array;

function readUint(bytes: Uint8Array, at: number, size: number, bigEndian: boolean): bigint {
  let v = 0n;
  for (let i = 0; i < size; i++) v = (v << 8n) | BigInt(bytes[at + (bigEndian ? i : size - 1 - i)] ?? 0);
  return v;
}

type Col = Pick<FormattedColumn, 'leaf' | 'offset' | 'size' | 'bits' | 'readEndian'>;

/** The value of column `c` in `bytes` at `base` (the start of the key, or of one CPU's slot). */
export function readRaw(c: Col, bytes: Uint8Array, base: number): Raw {
  const at = base + c.offset;
  switch (c.leaf.kind) {
    case 'int':
    case 'enum': {
      if (c.bits) {
        const raw = (readUint(bytes, at, c.size, false) >> BigInt(c.bits.shift)) & ((1n << BigInt(c.bits.count)) - 1n);
        return c.leaf.signed ? BigInt.asIntN(c.bits.count, raw) : raw;
      }
      const raw = readUint(bytes, at, c.size, c.readEndian === 'be');
      return c.leaf.signed ? BigInt.asIntN(c.size * 8, raw) : raw;
    }
    case 'float': {
      const dv = new DataView(bytes.buffer, bytes.byteOffset + at, c.size);
      return c.size === 4 ? dv.getFloat32(0, true) : dv.getFloat64(0, true);
    }
    case 'ptr':
      return readUint(bytes, at, c.size, false);
    case 'bytes':
    case 'array':
      return bytes.subarray(at, at + c.size);
  }
}

/** The sum over `cpus` slots of `slot` bytes (per-CPU values); only for integer and float leaves. */
export function sumRaw(c: Col, bytes: Uint8Array, base: number, cpus: number, slot: number): bigint | number {
  let sum: bigint | number = c.leaf.kind === 'float' ? 0 : 0n;
  for (let cpu = 0; cpu < cpus; cpu++) {
    const v = readRaw(c, bytes, base + cpu * slot);
    if (typeof v === 'bigint' && typeof sum === 'bigint') sum += v;
    else if (typeof v === 'number') sum = Number(sum) + v;
  }
  return sum;
}

const hex2 = (b: number): string => b.toString(16).padStart(2, '0');
const dotted = (b: ArrayLike<number>): string => Array.from(b).join('.');

function ipv6OrMapped(b: Uint8Array): string {
  const mapped = b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;
  return mapped ? `::ffff:${dotted(b.subarray(12))}` : ipv6Text(b);
}

/** Text up to the first NUL; other bytes outside printable ASCII as \xNN. */
export function cString(b: Uint8Array): string {
  let s = '';
  for (const c of b) {
    if (c === 0) break;
    s += c >= 0x20 && c <= 0x7e && c !== 0x5c ? String.fromCharCode(c) : `\\x${hex2(c)}`;
  }
  return s;
}

function hexOfInt(v: bigint, size: number): string {
  return `0x${BigInt.asUintN(size * 8, v).toString(16)}`;
}

function flagsText(c: FormattedColumn, v: bigint): string {
  if (c.leaf.kind !== 'enum') return v.toString();
  if (v === 0n) return c.leaf.values.find((e) => e.value === 0n)?.name ?? '0';
  let rest = BigInt.asUintN(c.size * 8, v);
  const names: string[] = [];
  for (const e of c.leaf.values) {
    if (e.value > 0n && (rest & e.value) === e.value) {
      names.push(e.name);
      rest &= ~e.value;
    }
  }
  if (rest !== 0n) names.push(`0x${rest.toString(16)}`);
  return names.join('|');
}

function intText(c: FormattedColumn, v: bigint, clock: Clock | null): CellText {
  switch (c.format) {
    case 'hex':
      return { text: hexOfInt(v, c.size), title: v.toString() };
    case 'bool':
      return { text: v === 0n ? 'false' : v === 1n ? 'true' : `true (${v})` };
    case 'enum': {
      const name = c.leaf.kind === 'enum' ? c.leaf.values.find((e) => e.value === v)?.name : undefined;
      return name !== undefined ? { text: name, title: v.toString() } : { text: v.toString() };
    }
    case 'flags':
      return { text: flagsText(c, v), title: hexOfInt(v, c.size) };
    case 'ipv4': {
      const u = Number(BigInt.asUintN(32, v));
      return { text: dotted([u >>> 24, (u >>> 16) & 255, (u >>> 8) & 255, u & 255]) };
    }
    case 'proto':
    case 'ethertype': {
      const n = Number(v);
      const name = (c.format === 'proto' ? IP_PROTOCOLS : ETHERTYPES)[n];
      const num = c.format === 'proto' ? String(n) : hexOfInt(v, c.size);
      return name ? { text: name, title: num } : { text: num };
    }
    case 'age': {
      if (v === 0n) return { text: 'never', title: '0: never set' };
      if (!clock) return { text: v.toString() };
      const delta = clock.monoNowNs - Number(v);
      return { text: ageText(delta), title: `${wallTimeText(clock.wallNowMs - delta / 1e6)} (${v} ns)` };
    }
    case 'duration':
      return { text: durationText(Number(v)), title: `${v} ns` };
    case 'bytes':
      return { text: byteCountText(Number(v)), title: `${v} bytes` };
    default:
      return { text: v.toString() };
  }
}

function bytesText(c: FormattedColumn, b: Uint8Array): CellText {
  switch (c.format) {
    case 'ipv4':
      return { text: dotted(b) };
    case 'ipv6':
      return { text: ipv6OrMapped(b) };
    case 'mac':
      return { text: Array.from(b, hex2).join(':') };
    case 'string': {
      const s = cString(b);
      return { text: s, title: JSON.stringify(s) };
    }
    case 'number':
      if (c.leaf.kind === 'array') {
        const { elemSize, elem, count } = c.leaf;
        const items = Array.from({ length: count }, (_, i) =>
          readRaw({ leaf: elem, offset: i * elemSize, size: elemSize, readEndian: c.readEndian }, b, 0),
        );
        return { text: `[${items.join(', ')}]` };
      }
      return { text: Array.from(b, hex2).join(' ') };
    default:
      return { text: Array.from(b, hex2).join(' ') };
  }
}

/** A value (from readRaw or sumRaw) as the column shows it. */
export function formatRaw(c: FormattedColumn, raw: Raw, clock: Clock | null): CellText {
  if (typeof raw === 'bigint') return intText(c, raw, clock);
  if (typeof raw === 'number') return { text: String(raw) };
  return bytesText(c, raw);
}

export function cellText(c: FormattedColumn, bytes: Uint8Array, base: number, clock: Clock | null): CellText {
  return formatRaw(c, readRaw(c, bytes, base), clock);
}
