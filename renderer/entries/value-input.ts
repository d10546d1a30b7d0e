// What the user types for a key or value -> bytes: hex digits covering the whole size, or a number written
// into one numeric field (the only field, or the one chosen for an edit).
import { bytesToHex } from '../../shared/bpf/hex.js';
import { BpfError } from '../../shared/errors.js';
import type { FieldRef } from '../../shared/fields.js';

import type { PartCodec } from './codec.js';

function parseNumber(text: string, f: FieldRef): bigint | number {
  const t = text.trim();
  if (f.encoding === 'float') {
    const n = Number(t);
    if (t === '' || !Number.isFinite(n))
      throw new BpfError('EINVAL', `"${text}" is not a number.`, { hint: `Type a decimal number for ${f.path}.` });
    return n;
  }
  if (!/^-?(0x[0-9a-f]+|\d+)$/i.test(t))
    throw new BpfError('EINVAL', `"${text}" is not an integer.`, {
      hint: `Type a decimal (or 0x hex) integer for ${f.path}.`,
    });
  const neg = t.startsWith('-');
  const v = neg ? -BigInt(t.slice(1)) : BigInt(t);
  const bits = BigInt(f.size * 8);
  const [lo, hi] = f.encoding === 'int' ? [-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n] : [0n, (1n << bits) - 1n];
  if (v < lo || v > hi)
    throw new BpfError(
      'ERANGE',
      `${t} does not fit ${f.path} (${f.encoding === 'int' ? 'i' : 'u'}${f.size * 8}: ${lo}..${hi}).`,
    );
  return v;
}

/** Writes `text` as the field's number into `bytes` at `base + field.offset`. */
export function writeField(bytes: Uint8Array, base: number, f: FieldRef, text: string): void {
  const v = parseNumber(text, f);
  const view = new DataView(bytes.buffer, bytes.byteOffset + base + f.offset, f.size);
  const le = f.endian === 'le';
  if (typeof v === 'number') {
    if (f.size === 4) view.setFloat32(0, v, le);
    else view.setFloat64(0, v, le);
    return;
  }
  const u = BigInt.asUintN(f.size * 8, v);
  switch (f.size) {
    case 1:
      view.setUint8(0, Number(u));
      break;
    case 2:
      view.setUint16(0, Number(u), le);
      break;
    case 4:
      view.setUint32(0, Number(u), le);
      break;
    default:
      view.setBigUint64(0, u, le);
  }
}

/** The single field that covers the whole part, when there is one (e.g. a u32 key). */
export function wholeField(codec: PartCodec): FieldRef | undefined {
  const [f, ...rest] = codec.fields;
  return f && rest.length === 0 && f.offset === 0 && f.size === codec.size ? f : undefined;
}

/**
 * Hex digits covering exactly `size` bytes (spaces allowed), or a number when the part is one numeric field.
 * `size` is the wire size (per-CPU values: every CPU's slot).
 */
export function partBytes(text: string, codec: PartCodec, size: number): string {
  const hex = text
    .replace(/\s+/g, '')
    .replace(/^0x(?=[0-9a-f]*$)/i, '')
    .toLowerCase();
  if (/^[0-9a-f]*$/.test(hex) && hex.length === size * 2) return hex;
  const f = wholeField(codec);
  if (f && size === codec.size) {
    const out = new Uint8Array(size);
    writeField(out, 0, f, text);
    return bytesToHex(out);
  }
  throw new BpfError(
    'EINVAL',
    `The ${codec.part} needs ${size} bytes: type ${size * 2} hex digits${f ? ' or a number' : ''}.`,
  );
}
