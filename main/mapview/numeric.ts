// Reading a FieldRef out of packed rows as a number, fast (no BigInt on the hot path; u64 beyond 2^53
// loses precision, which sorting breaks ties for and sums tolerate).
import type { CpuChoice, FieldRef } from '../../shared/fields.js';

export interface PackedRows {
  count: number;
  keySize: number;
  valueSize: number;
  keys: Uint8Array;
  values: Uint8Array;
}

const TWO32 = 4294967296;

function scalarReader(view: DataView, field: FieldRef): (at: number) => number {
  const le = field.endian === 'le';
  const signed = field.encoding === 'int';
  if (field.encoding === 'float')
    return field.size === 4 ? (at) => view.getFloat32(at, le) : (at) => view.getFloat64(at, le);
  switch (field.size) {
    case 1:
      return signed ? (at) => view.getInt8(at) : (at) => view.getUint8(at);
    case 2:
      return signed ? (at) => view.getInt16(at, le) : (at) => view.getUint16(at, le);
    case 4:
      return signed ? (at) => view.getInt32(at, le) : (at) => view.getUint32(at, le);
    default: {
      const lo = le ? 0 : 4;
      const hi = le ? 4 : 0;
      return signed
        ? (at) => view.getInt32(at + hi, le) * TWO32 + view.getUint32(at + lo, le)
        : (at) => view.getUint32(at + hi, le) * TWO32 + view.getUint32(at + lo, le);
    }
  }
}

/**
 * A reader of `field` for row i of `rows`. Values of per-CPU maps hold `cpus` slots of `slotSize` bytes:
 * `cpu` picks one slot, or 'sum' adds them all.
 */
export function fieldReader(
  rows: PackedRows,
  field: FieldRef,
  perCpu: { cpus: number; slotSize: number } | null,
  cpu: CpuChoice = 'sum',
): (i: number) => number {
  const bytes = field.part === 'key' ? rows.keys : rows.values;
  const stride = field.part === 'key' ? rows.keySize : rows.valueSize;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = scalarReader(view, field);
  const inBounds = (i: number, base: number) => i * stride + base + field.offset + field.size <= bytes.byteLength;
  if (field.part === 'key' || !perCpu) {
    return (i) => (inBounds(i, 0) ? read(i * stride + field.offset) : Number.NaN);
  }
  const { cpus, slotSize } = perCpu;
  if (cpu !== 'sum') {
    const base = cpu * slotSize;
    return (i) => (cpu < cpus && inBounds(i, base) ? read(i * stride + base + field.offset) : Number.NaN);
  }
  return (i) => {
    let sum = 0;
    for (let c = 0; c < cpus; c++) {
      if (!inBounds(i, c * slotSize)) return Number.NaN;
      sum += read(i * stride + c * slotSize + field.offset);
    }
    return sum;
  };
}
