// Decodes bytes as a BTF type into a Decoded tree (ints, chars, bools, enums, floats, pointers, structs with
// bitfields, unions, arrays, datasecs). Typedefs named __be16/__be32/__be64 are read big-endian.
import type { Btf } from './btf.js';
import { asciiText, type Decoded, type DecodedField } from './decoded.js';
import { BtfError, type BtfInt, type BtfType } from './types.js';

const MAX_DEPTH = 64;
/** More nodes than this means a malformed blob (e.g. a huge array of empty structs), not a real value. */
const MAX_NODES = 1_000_000;
const BIG_ENDIAN_TYPEDEFS: ReadonlySet<string> = new Set(['__be16', '__be32', '__be64']);

/** Whether values of this type are stored in network byte order (by the kernel's naming convention). */
export function isBigEndianType(btf: Btf, id: number): boolean {
  return btf.typedefNames(id).some((n) => BIG_ENDIAN_TYPEDEFS.has(n));
}

/** An unsigned integer of `size` bytes at `at`. */
function readUint(bytes: Uint8Array, at: number, size: number, bigEndian: boolean): bigint {
  let v = 0n;
  for (let i = 0; i < size; i++) v = (v << 8n) | BigInt(bytes[at + (bigEndian ? i : size - 1 - i)]!);
  return v;
}

/** `nbits` bits starting at absolute bit `bitStart` of a little-endian byte array (bitfield storage). */
function readBits(bytes: Uint8Array, bitStart: number, nbits: number): bigint {
  const first = Math.floor(bitStart / 8);
  const last = Math.ceil((bitStart + nbits) / 8);
  const raw = readUint(bytes, first, last - first, false);
  return (raw >> BigInt(bitStart - first * 8)) & ((1n << BigInt(nbits)) - 1n);
}

export const isCharInt = (t: BtfType): t is BtfInt => t.kind === 'int' && t.size === 1 && (t.char || t.name === 'char');

function intLeaf(t: BtfInt, raw: bigint, bits: number): Decoded {
  const value = t.signed ? BigInt.asIntN(bits, raw) : raw;
  if (t.bool) return { kind: 'int', value, text: value === 0n ? 'false' : 'true' };
  if (isCharInt(t)) {
    const c = Number(raw & 0xffn);
    const text =
      c >= 0x20 && c <= 0x7e && c !== 0x27 && c !== 0x5c
        ? `'${String.fromCharCode(c)}'`
        : `'\\x${c.toString(16).padStart(2, '0')}'`;
    return { kind: 'int', value, text };
  }
  return { kind: 'int', value, text: value.toString() };
}

function halfToNumber(h: number): number {
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  const sign = h & 0x8000 ? -1 : 1;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

class Decoder {
  private nodes = 0;
  /** Structs/unions being decoded: one that contains itself by value is malformed. */
  private readonly open = new Set<number>();

  constructor(
    private readonly btf: Btf,
    private readonly bytes: Uint8Array,
  ) {}

  decode(id: number, at: number, depth: number): Decoded {
    if (depth > MAX_DEPTH) throw new BtfError(-1, `type ${id} nests deeper than ${MAX_DEPTH} levels`);
    if (++this.nodes > MAX_NODES) throw new BtfError(-1, `type ${id} decodes to more than ${MAX_NODES} values`);
    const t = this.btf.resolve(id);
    switch (t.kind) {
      case 'int': {
        const raw = readUint(this.bytes, at, t.size, isBigEndianType(this.btf, id));
        return intLeaf(t, (raw >> BigInt(t.bitOffset)) & ((1n << BigInt(t.bits)) - 1n), t.bits);
      }
      case 'enum':
      case 'enum64': {
        const raw = readUint(this.bytes, at, t.size, isBigEndianType(this.btf, id));
        const value = t.signed ? BigInt.asIntN(t.size * 8, raw) : raw;
        const name = t.values.find((v) => v.value === value)?.name;
        return name !== undefined
          ? { kind: 'enum', value, name, text: name }
          : { kind: 'enum', value, text: value.toString() };
      }
      case 'float': {
        const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + at, t.size);
        const value =
          t.size === 4
            ? view.getFloat32(0, true)
            : t.size === 8
              ? view.getFloat64(0, true)
              : t.size === 2
                ? halfToNumber(view.getUint16(0, true))
                : undefined;
        if (value === undefined) return this.hex(at, t.size);
        return { kind: 'float', value, text: String(value) };
      }
      case 'ptr': {
        const value = readUint(this.bytes, at, 8, false);
        return { kind: 'pointer', value, text: `0x${value.toString(16)}` };
      }
      case 'array': {
        const elemSize = this.btf.sizeof(t.elemType);
        const items: Decoded[] = [];
        for (let i = 0; i < t.nelems; i++) items.push(this.decode(t.elemType, at + i * elemSize, depth + 1));
        const elem = this.btf.resolve(t.elemType);
        const text = isCharInt(elem) ? asciiText(this.bytes.subarray(at, at + t.nelems)) : undefined;
        return text !== undefined ? { kind: 'array', items, string: text } : { kind: 'array', items };
      }
      case 'struct':
      case 'union': {
        if (this.open.has(t.id)) throw new BtfError(-1, `${t.kind} ${t.name || t.id} contains itself`);
        this.open.add(t.id);
        const fields = this.members(t, at, depth);
        this.open.delete(t.id);
        return { kind: 'struct', union: t.kind === 'union', fields };
      }
      case 'datasec':
        return {
          kind: 'struct',
          union: false,
          fields: t.vars.map((v) => ({
            name: this.btf.name(v.type),
            value: this.decode(v.type, at + v.offset, depth + 1),
          })),
        };
      case 'var':
        return this.decode(t.type, at, depth + 1);
      default:
        throw new BtfError(-1, `type ${t.id} (${t.kind}) has no value to decode`);
    }
  }

  private members(t: Extract<BtfType, { kind: 'struct' | 'union' }>, at: number, depth: number): DecodedField[] {
    const fields: DecodedField[] = [];
    for (const m of t.members) {
      const mt = this.btf.resolve(m.type);
      const bitfield = m.bitfieldSize > 0 || m.bitOffset % 8 !== 0;
      let value: Decoded;
      if (bitfield && (mt.kind === 'int' || mt.kind === 'enum' || mt.kind === 'enum64')) {
        const nbits = m.bitfieldSize || (mt.kind === 'int' ? mt.bits : mt.size * 8);
        const raw = readBits(this.bytes, at * 8 + m.bitOffset, nbits);
        if (mt.kind === 'int') value = intLeaf(mt, raw, nbits);
        else {
          const v = mt.signed ? BigInt.asIntN(nbits, raw) : raw;
          const name = mt.values.find((e) => e.value === v)?.name;
          value =
            name !== undefined
              ? { kind: 'enum', value: v, name, text: name }
              : { kind: 'enum', value: v, text: v.toString() };
        }
      } else {
        value = this.decode(m.type, at + Math.floor(m.bitOffset / 8), depth + 1);
      }
      // Anonymous nested structs/unions: their members read as the parent's, as in C.
      if (m.name === '' && value.kind === 'struct') fields.push(...value.fields);
      else fields.push({ name: m.name, value });
    }
    return fields;
  }

  hex(at: number, size: number): Decoded {
    const bytes = this.bytes.slice(at, at + size);
    return { kind: 'bytes', bytes, text: [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ') };
  }
}

/** Decodes `bytes` at `offset` (e.g. one CPU's slot of a per-CPU value) as type `typeId`. */
export function decodeValue(btf: Btf, typeId: number, bytes: Uint8Array, offset = 0): Decoded {
  const size = btf.sizeof(typeId);
  if (offset < 0 || offset + size > bytes.length) {
    throw new BtfError(
      -1,
      `${btf.typeText(typeId)} needs ${size} bytes at offset ${offset}, but the data has ${bytes.length}`,
    );
  }
  return new Decoder(btf, bytes).decode(typeId, offset, 0);
}
