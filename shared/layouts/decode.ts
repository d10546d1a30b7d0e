// Decoding bytes with a layout into the same Decoded tree as BTF, and a layout's sortable fields.
import type { Decoded } from '../btf/decoded.js';
import type { FieldRef } from '../fields.js';
import { type Layout, LayoutError, type LayoutPart, layoutSize, partSize } from './layout.js';

/** The name a part shows under: its own, the part ("key"/"value") when it is the only one, else f0, f1, ... */
export function partName(layout: Layout, index: number, part: 'key' | 'value' = 'value'): string {
  const p = layout.parts[index];
  if (p?.name) return p.name;
  return layout.parts.length === 1 ? part : `f${index}`;
}

function readUint(bytes: Uint8Array, at: number, size: number, bigEndian: boolean): bigint {
  let v = 0n;
  for (let i = 0; i < size; i++) v = (v << 8n) | BigInt(bytes[at + (bigEndian ? i : size - 1 - i)]!);
  return v;
}

const hex2 = (b: number): string => b.toString(16).padStart(2, '0');

/** RFC 5952 text: lowercase, leading zeros dropped, the longest run of 2+ zero groups as "::". */
export function ipv6Text(b: Uint8Array): string {
  const groups = Array.from({ length: 8 }, (_, i) => ((b[i * 2]! << 8) | b[i * 2 + 1]!).toString(16));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

function decodePart(p: LayoutPart, bytes: Uint8Array, at: number): Decoded {
  const size = partSize(p);
  const b = bytes.slice(at, at + size);
  switch (p.type) {
    case 'ipv4':
      return { kind: 'address', format: 'ipv4', bytes: b, text: [...b].join('.') };
    case 'ipv6':
      return { kind: 'address', format: 'ipv6', bytes: b, text: ipv6Text(b) };
    case 'mac':
      return { kind: 'address', format: 'mac', bytes: b, text: [...b].map(hex2).join(':') };
    case 'hex':
      return { kind: 'bytes', bytes: b, text: [...b].map(hex2).join(' ') };
    case 'ascii': {
      const end = b.indexOf(0);
      const text = [...b.subarray(0, end < 0 ? b.length : end)]
        .map((c) => (c >= 0x20 && c <= 0x7e ? String.fromCharCode(c) : '.'))
        .join('');
      return { kind: 'string', text };
    }
    default: {
      const raw = readUint(bytes, at, size, p.endian === 'be');
      const value = p.type.startsWith('i') ? BigInt.asIntN(size * 8, raw) : raw;
      return { kind: 'int', value, text: value.toString() };
    }
  }
}

/** Decodes `bytes` at `offset` (e.g. one CPU's slot) with a layout; one unnamed part decodes to a bare leaf. */
export function decodeWithLayout(layout: Layout, bytes: Uint8Array, offset = 0): Decoded {
  const size = layoutSize(layout);
  if (offset < 0 || offset + size > bytes.length) {
    throw new LayoutError(`The layout needs ${size} bytes at offset ${offset}, but the data has ${bytes.length}.`);
  }
  const only = layout.parts[0];
  if (layout.parts.length === 1 && only && !only.name) return decodePart(only, bytes, offset);
  let at = offset;
  const fields = layout.parts.map((p, i) => {
    const value = decodePart(p, bytes, at);
    at += partSize(p);
    return { name: partName(layout, i), value };
  });
  return { kind: 'struct', union: false, fields };
}

/** The sortable parts: integers as they are, ipv4 as a big-endian u32. */
export function layoutFields(layout: Layout, part: 'key' | 'value'): FieldRef[] {
  const out: FieldRef[] = [];
  let offset = 0;
  layout.parts.forEach((p, i) => {
    const size = partSize(p);
    const path = partName(layout, i, part);
    if (p.type === 'ipv4') out.push({ part, path, offset, size: 4, encoding: 'uint', endian: 'be' });
    else if ('endian' in p)
      out.push({
        part,
        path,
        offset,
        size: size as FieldRef['size'],
        encoding: p.type.startsWith('i') ? 'int' : 'uint',
        endian: p.endian,
      });
    offset += size;
  });
  return out;
}
