// A primitive field of a map key or value: where it is and how to read it. BTF types and custom layouts are
// flattened into these, so main can sort, filter and chart a million rows without knowing about BTF.

export type FieldEncoding = 'uint' | 'int' | 'float';

export interface FieldRef {
  part: 'key' | 'value';
  /** Display name, e.g. "packets" or "saddr" or "counts[3]". */
  path: string;
  /** Byte offset inside the key, or inside one CPU's slot of a per-CPU value. */
  offset: number;
  size: 1 | 2 | 4 | 8;
  encoding: FieldEncoding;
  endian: 'le' | 'be';
}

/** For per-CPU values: one CPU's slot, or the sum over all CPUs. Ignored for keys and ordinary values. */
export type CpuChoice = number | 'sum';

/** Reads a field as a bigint (integers) or number (floats) from `bytes` at `base + field.offset`. */
export function readField(bytes: Uint8Array, base: number, field: FieldRef): bigint | number {
  const view = new DataView(bytes.buffer, bytes.byteOffset + base + field.offset, field.size);
  const le = field.endian === 'le';
  if (field.encoding === 'float') return field.size === 4 ? view.getFloat32(0, le) : view.getFloat64(0, le);
  const signed = field.encoding === 'int';
  switch (field.size) {
    case 1:
      return BigInt(signed ? view.getInt8(0) : view.getUint8(0));
    case 2:
      return BigInt(signed ? view.getInt16(0, le) : view.getUint16(0, le));
    case 4:
      return BigInt(signed ? view.getInt32(0, le) : view.getUint32(0, le));
    default:
      return signed ? view.getBigInt64(0, le) : view.getBigUint64(0, le);
  }
}
