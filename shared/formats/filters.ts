// A column's sort and filter specs for main: integers as FieldRefs read in the column's byte order, byte strings
// (IPv6, MAC, text) by their bytes; filter values read in the column's format ("10.0.0.0/8", "tcp", "5s", "1.5MiB").
import { bytesToHex, hexToBytes } from '../bpf/hex.js';
import type { CpuChoice, FieldRef } from '../fields.js';
import type { CompareOp, FilterSpec, SortDir, SortSpec } from '../mapview.js';
import { parseCidr, parseIpv4, parseIpv6, parseMac } from './addresses.js';
import { etherTypeNumber, ipProtocolNumber } from './protocols.js';
import type { FormattedColumn } from './types.js';
import { parseByteCount, parseDuration } from './units.js';

export type FilterOp = CompareOp | 'in';

const FIELD_SIZES: ReadonlySet<number> = new Set([1, 2, 4, 8]);

/** The column as a numeric FieldRef (whole integers, enums, floats; 1/2/4/8-byte IPv4 byte strings), or null. */
export function columnField(c: FormattedColumn): FieldRef | null {
  if (c.bits || !FIELD_SIZES.has(c.size)) return null;
  const size = c.size as FieldRef['size'];
  const base = { part: c.part, path: c.path, offset: c.offset, size };
  switch (c.leaf.kind) {
    case 'int':
    case 'enum':
      return { ...base, encoding: c.leaf.signed ? 'int' : 'uint', endian: c.readEndian };
    case 'float':
      return { ...base, encoding: 'float', endian: 'le' };
    case 'ptr':
      return { ...base, encoding: 'uint', endian: 'le' };
    case 'bytes':
    case 'array':
      return c.format === 'ipv4' ? { ...base, encoding: 'uint', endian: 'be' } : null;
  }
}

/** How to sort by the column: as a number when it is one, else by its bytes; null for bitfields. */
export function columnSort(c: FormattedColumn, dir: SortDir, cpu?: CpuChoice): SortSpec | null {
  const field = columnField(c);
  if (field) return { by: 'field', field, dir, ...(cpu !== undefined ? { cpu } : {}) };
  if (c.bits) return null;
  return { by: 'bytes', part: c.part, offset: c.offset, size: c.size, dir };
}

type Result = { filters: FilterSpec[] } | { error: string };

const unquote = (t: string): string => {
  const s = t.trim();
  return /^".*"$|^'.*'$/.test(s) ? s.slice(1, -1) : s;
};

/** An integer literal in the column's format: "tcp", "CT_ESTABLISHED", "true", "1.5k", "5s", "0x2a", "-3". */
function numberLiteral(c: FormattedColumn, text: string): string | undefined {
  const t = unquote(text);
  // Main reads plain numbers itself (decimal, negative, 0x); a plain number in a duration column is ns.
  if (/^-?(0x[0-9a-f]+|\d+(\.\d+)?)$/i.test(t)) return t;
  const named = (n: number | bigint | undefined): string | undefined => (n === undefined ? undefined : String(n));
  switch (c.format) {
    case 'proto':
      return named(ipProtocolNumber(t));
    case 'ethertype':
      return named(etherTypeNumber(t));
    case 'bool':
      return /^(true|yes)$/i.test(t) ? '1' : /^(false|no)$/i.test(t) ? '0' : undefined;
    case 'enum':
    case 'flags': {
      if (c.leaf.kind !== 'enum') return undefined;
      const names = t.split('|').map((n) => n.trim());
      let v = 0n;
      for (const n of names) {
        const e = c.leaf.values.find((x) => x.name === n || x.name.toLowerCase() === n.toLowerCase());
        if (!e) return undefined;
        v |= e.value;
      }
      return String(v);
    }
    case 'ipv4': {
      const b = parseIpv4(t);
      return b ? String(((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0) : undefined;
    }
    case 'duration':
    case 'age':
      return named(parseDuration(t));
    case 'bytes':
      return named(parseByteCount(t));
    default:
      return undefined;
  }
}

const WHAT: Partial<Record<FormattedColumn['format'], string>> = {
  proto: 'a protocol name or number, e.g. tcp or 6',
  ethertype: 'an EtherType name or number, e.g. ipv4 or 0x0800',
  bool: 'true or false',
  enum: 'an enumerator name or a number',
  flags: 'flag names joined by | or a number',
  ipv4: 'an IPv4 address, e.g. 10.0.0.7, or a prefix with "in", e.g. in 10.0.0.0/8',
  ipv6: 'an IPv6 address, e.g. 2001:db8::1, or a prefix with "in", e.g. in 2001:db8::/32',
  mac: 'a MAC address, e.g. 02:42:ac:11:00:0a',
  age: 'a duration with a unit, e.g. 5s or 200ms',
  duration: 'a duration, e.g. 1.5ms or 2s (a plain number is ns)',
  bytes: 'a byte count, e.g. 1500, 1.5k or 2MiB',
  string: 'text, e.g. "eth0"',
  hex: 'hex bytes, e.g. 0a000001',
};

/** The bytes a byte-string column is compared with, or an error text. */
function bytesLiteral(c: FormattedColumn, text: string): Uint8Array | undefined {
  const t = unquote(text);
  switch (c.format) {
    case 'ipv4':
      return parseIpv4(t);
    case 'ipv6':
      return parseIpv6(t);
    case 'mac':
      return parseMac(t);
    case 'string': {
      const b = new TextEncoder().encode(t);
      if (b.length > c.size) return undefined;
      // With its NUL when it fits: "eth0" must not match "eth0.100".
      const out = new Uint8Array(Math.min(c.size, b.length + 1));
      out.set(b);
      return out;
    }
    default: {
      const b = hexToBytes(t);
      return b && b.length > 0 && b.length <= c.size ? b : undefined;
    }
  }
}

/** Filters for "column op text" (op "in" takes a CIDR prefix); `cpu` picks the per-CPU slot or the sum. */
export function columnFilter(c: FormattedColumn, op: FilterOp, text: string, cpu?: CpuChoice): Result {
  const label = c.path;
  const expected = WHAT[c.format] ?? 'a number, e.g. 42 or 0x2a';
  if (c.bits) return { error: `"${label}" is a bitfield: filter on it is not supported; sort or read it instead.` };
  const field = columnField(c);
  const withCpu = cpu !== undefined && c.part === 'value' ? { cpu } : {};
  const cidr = op === 'in' || ((c.format === 'ipv4' || c.format === 'ipv6') && text.includes('/'));
  if (cidr) {
    if (c.format !== 'ipv4' && c.format !== 'ipv6')
      return { error: `"in" takes an address prefix; "${label}" is not shown as an address.` };
    const range = parseCidr(unquote(text), c.format);
    if (!range) return { error: `"${text}" is not ${WHAT[c.format]}.` };
    if (op !== 'in' && op !== '==' && op !== '!=')
      return { error: `Compare "${label}" with a prefix using "in", e.g. ${label} in ${text}.` };
    if (op === '!=') return { error: `"!=" with a prefix is not supported; use ${label} in ${text} instead.` };
    if (field) {
      const num = (b: Uint8Array) => String(Number.parseInt(bytesToHex(b), 16));
      return {
        filters: [
          { kind: 'compare', field, op: '>=', value: num(range.lo), ...withCpu },
          { kind: 'compare', field, op: '<=', value: num(range.hi), ...withCpu },
        ],
      };
    }
    const at = { part: c.part, offset: c.offset, size: c.size };
    return {
      filters: [
        { kind: 'bytes', ...at, op: '>=', hex: bytesToHex(range.lo) },
        { kind: 'bytes', ...at, op: '<=', hex: bytesToHex(range.hi) },
      ],
    };
  }
  if (field) {
    if (c.format === 'age') {
      const ns = parseDuration(unquote(text));
      if (ns !== undefined) return { filters: [{ kind: 'age', field, op, ns: String(ns), ...withCpu }] };
    }
    const value = numberLiteral(c, text);
    if (value === undefined) return { error: `"${text}" is not ${expected} ("${label}" is a ${c.format} column).` };
    return { filters: [{ kind: 'compare', field, op, value, ...withCpu }] };
  }
  if (c.leaf.kind === 'array' && c.format === 'number')
    return { error: `"${label}" is a list: filter on one element instead, e.g. ${label}[0] > 1.` };
  const bytes = bytesLiteral(c, text);
  if (!bytes) return { error: `"${text}" is not ${expected} ("${label}" holds ${c.size} bytes).` };
  return {
    filters: [{ kind: 'bytes', part: c.part, offset: c.offset, size: bytes.length, op, hex: bytesToHex(bytes) }],
  };
}
