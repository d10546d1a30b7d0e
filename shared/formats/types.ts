// Columns of a map's key or value: one primitive leaf (a field, a bitfield, a byte array) each, and the semantic
// formats a leaf can be shown in. BTF types and custom layouts both flatten into these.
import type { Endian } from '../layouts/layout.js';

export type { Endian };

export interface EnumValue {
  name: string;
  value: bigint;
}

/** What the bytes of a leaf are, as far as the type says. */
export type Leaf =
  | { kind: 'int'; signed: boolean; bool: boolean; char: boolean }
  | { kind: 'enum'; signed: boolean; name: string; values: readonly EnumValue[] }
  | { kind: 'float' }
  | { kind: 'ptr' }
  /** A byte string: u8/char arrays, in6_addr, a layout's hex/ascii/address part. */
  | { kind: 'bytes'; char: boolean }
  /** An array of scalars, shown as a list. */
  | { kind: 'array'; count: number; elemSize: number; elem: Leaf & { kind: 'int' | 'enum' | 'float' } };

export interface ColumnSource {
  part: 'key' | 'value';
  /** Dotted path, e.g. "tuple.saddr", "counts"; a scalar key or value is "key" / "value". */
  path: string;
  /** The field's own name (the last path segment), which inference reads. */
  name: string;
  /** Byte offset in the key, or in one CPU's slot of a per-CPU value. */
  offset: number;
  /** Bytes the leaf spans (for a bitfield: the bytes holding its bits). */
  size: number;
  /** A bitfield: its first bit inside the bytes at `offset` (little-endian storage) and its width. */
  bits?: { shift: number; count: number };
  leaf: Leaf;
  /** Type names on the way to the leaf, outermost first, e.g. ["__be32", "__u32", "unsigned int"]. */
  typeNames: string[];
  /** The type as C spells it, for the column's tooltip. */
  typeText: string;
  /** Byte order of the type as declared (__be* typedefs are big-endian). */
  endian: Endian;
}

export const FORMATS = {
  number: 'number',
  hex: 'hex',
  bool: 'boolean',
  enum: 'enum name',
  flags: 'flags (bit names)',
  ipv4: 'IPv4 address',
  ipv6: 'IPv6 address',
  mac: 'MAC address',
  port: 'port',
  proto: 'IP protocol',
  ethertype: 'EtherType',
  age: 'age (monotonic ns timestamp)',
  duration: 'duration (ns)',
  bytes: 'byte count',
  string: 'text',
} as const;

export type FormatName = keyof typeof FORMATS;

/** A user's choice for one column, remembered per map: any part left out stays inferred. */
export interface FormatChoice {
  format?: FormatName;
  endian?: Endian;
}

/** A column with the format and byte order it is shown in. */
export interface FormattedColumn extends ColumnSource {
  /** `${part}:${path}`. */
  id: string;
  format: FormatName;
  /** Byte order values are read in (the declared one unless inferred or chosen otherwise). */
  readEndian: Endian;
  /** Whether the format was picked by the user rather than inferred. */
  chosen: boolean;
}

/** The clock values are shown against: the engine's CLOCK_MONOTONIC and the wall clock at the same moment. */
export interface Clock {
  monoNowNs: number;
  wallNowMs: number;
}

export interface CellText {
  text: string;
  /** More than the text says: the exact value, wall time of a timestamp, ... */
  title?: string;
}

export const columnId = (part: 'key' | 'value', path: string): string => `${part}:${path}`;

/** The formats that make sense for a leaf of this shape. */
export function formatsFor(c: Pick<ColumnSource, 'leaf' | 'size' | 'bits'>): FormatName[] {
  const { leaf, size } = c;
  switch (leaf.kind) {
    case 'int': {
      if (c.bits) return ['number', 'bool', 'hex'];
      const out: FormatName[] = ['number', 'hex', 'bool', 'bytes', 'duration'];
      if (size === 2) out.push('port', 'ethertype');
      if (size <= 2) out.push('proto');
      if (size === 4) out.push('ipv4');
      if (size === 8) out.push('age');
      return out;
    }
    case 'enum':
      return ['enum', 'flags', 'number', 'hex'];
    case 'float':
      return ['number'];
    case 'ptr':
      return ['hex', 'number'];
    case 'bytes': {
      const out: FormatName[] = ['hex', 'string'];
      if (size === 4) out.push('ipv4');
      if (size === 16) out.push('ipv6');
      if (size === 6) out.push('mac');
      return out;
    }
    case 'array': {
      const out: FormatName[] = ['number', 'hex'];
      if (leaf.elemSize === 1) out.push('string');
      if (size === 4 && leaf.elemSize <= 4) out.push('ipv4');
      if (size === 16) out.push('ipv6');
      if (size === 6 && leaf.elemSize === 1) out.push('mac');
      return out;
    }
  }
}

/** Whether the leaf is read as one integer (so byte order applies and it can be sorted as a number). */
export const isScalarInt = (c: Pick<ColumnSource, 'leaf'>): boolean => c.leaf.kind === 'int' || c.leaf.kind === 'enum';
