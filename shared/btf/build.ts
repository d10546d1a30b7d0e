// Builds raw BTF the kernel accepts with BPF_BTF_LOAD: add types (each call returns the new type id), then
// build(). Struct members without explicit offsets are laid out with C's natural alignment.
import {
  BTF_HEADER_SIZE,
  BTF_KIND,
  BTF_MAGIC,
  BtfError,
  type BtfMember,
  type BtfSecInfo,
  type BtfType,
  INT_BOOL,
  INT_CHAR,
  INT_SIGNED,
  MODIFIER_KINDS,
} from './types.js';

export interface MemberSpec {
  name: string;
  type: number;
  /** Offset in bits from the start of the struct; computed when left out. */
  bitOffset?: number;
  /** Bitfield width in bits; 0 or left out for an ordinary member. */
  bits?: number;
}

export interface IntOptions {
  signed?: boolean;
  char?: boolean;
  bool?: boolean;
  bits?: number;
  bitOffset?: number;
}

/** Linkage of FUNC (static/global/extern) and VAR (static/global/extern). */
export const LINKAGE = { static: 0, global: 1, extern: 2 } as const;

type Omitted<T> = T extends BtfType ? Omit<T, 'id'> : never;

export class BtfBuilder {
  private readonly types: BtfType[] = [{ kind: 'void', id: 0, name: '' }];
  private readonly aligns: number[] = [1];
  private indexType: number | undefined;

  private add(t: Omitted<BtfType>, align: number): number {
    const id = this.types.length;
    this.types.push({ ...t, id } as BtfType);
    this.aligns.push(align);
    return id;
  }

  private check(id: number): number {
    if (!Number.isInteger(id) || id < 0 || id >= this.types.length)
      throw new BtfError(-1, `type id ${id} has not been added`);
    return id;
  }

  private resolve(id: number): BtfType {
    let t = this.types[this.check(id)]!;
    while (MODIFIER_KINDS.has(t.kind)) t = this.types[(t as { type: number }).type]!;
    return t;
  }

  /** Size in bytes of an added type (as Btf.sizeof). */
  sizeof(id: number): number {
    const t = this.resolve(id);
    if (t.kind === 'ptr') return 8;
    if (t.kind === 'array') return t.nelems * this.sizeof(t.elemType);
    if (t.kind === 'var') return this.sizeof(t.type);
    if ('size' in t) return t.size;
    throw new BtfError(-1, `type ${id} (${t.kind}) has no size`);
  }

  alignof(id: number): number {
    this.check(id);
    let t = this.types[id]!;
    while (MODIFIER_KINDS.has(t.kind)) t = this.types[(t as { type: number }).type]!;
    return this.aligns[t.id]!;
  }

  addInt(name: string, size: number, o: IntOptions = {}): number {
    const encodings = [o.signed, o.char, o.bool].filter(Boolean).length;
    if (encodings > 1) throw new BtfError(-1, `int ${name}: the kernel allows only one of signed, char and bool`);
    return this.add(
      {
        kind: 'int',
        name,
        size,
        signed: !!o.signed,
        char: !!o.char,
        bool: !!o.bool,
        bitOffset: o.bitOffset ?? 0,
        bits: o.bits ?? size * 8,
      },
      Math.min(size, 8),
    );
  }
  addFloat(name: string, size: number): number {
    return this.add({ kind: 'float', name, size }, Math.min(size, 8));
  }
  addPtr(type: number): number {
    return this.add({ kind: 'ptr', name: '', type: this.check(type) }, 8);
  }
  addFwd(name: string, union = false): number {
    return this.add({ kind: 'fwd', name, union }, 1);
  }
  addTypedef(name: string, type: number): number {
    return this.add({ kind: 'typedef', name, type: this.check(type) }, 1);
  }
  addConst(type: number): number {
    return this.add({ kind: 'const', name: '', type: this.check(type) }, 1);
  }
  addVolatile(type: number): number {
    return this.add({ kind: 'volatile', name: '', type: this.check(type) }, 1);
  }
  addRestrict(type: number): number {
    return this.add({ kind: 'restrict', name: '', type: this.check(type) }, 1);
  }
  addTypeTag(name: string, type: number): number {
    return this.add({ kind: 'type_tag', name, type: this.check(type) }, 1);
  }

  addArray(elemType: number, nelems: number): number {
    this.indexType ??= this.addInt('__ARRAY_SIZE_TYPE__', 4);
    return this.add(
      { kind: 'array', name: '', elemType: this.check(elemType), indexType: this.indexType, nelems },
      this.alignof(elemType),
    );
  }

  addStruct(name: string, members: MemberSpec[], size?: number): number {
    let bit = 0;
    let align = 1;
    const laid: BtfMember[] = members.map((m) => {
      const a = this.alignof(m.type);
      align = Math.max(align, a);
      const bits = m.bits ?? 0;
      let at = m.bitOffset;
      if (at === undefined) {
        const unit = this.sizeof(m.type) * 8;
        // A bitfield stays in the current storage unit when it fits; anything else starts aligned.
        at =
          bits > 0 && Math.floor(bit / unit) === Math.floor((bit + bits - 1) / unit)
            ? bit
            : Math.ceil(bit / (a * 8)) * a * 8;
      }
      bit = at + (bits || this.sizeof(m.type) * 8);
      return { name: m.name, type: this.check(m.type), bitOffset: at, bitfieldSize: bits };
    });
    const computed = Math.ceil(Math.ceil(bit / 8) / align) * align;
    return this.add({ kind: 'struct', name, size: size ?? computed, members: laid }, align);
  }

  addUnion(name: string, members: MemberSpec[], size?: number): number {
    const laid = members.map((m) => ({
      name: m.name,
      type: this.check(m.type),
      bitOffset: m.bitOffset ?? 0,
      bitfieldSize: m.bits ?? 0,
    }));
    const align = Math.max(1, ...members.map((m) => this.alignof(m.type)));
    const biggest = Math.max(0, ...members.map((m) => this.sizeof(m.type)));
    return this.add({ kind: 'union', name, size: size ?? Math.ceil(biggest / align) * align, members: laid }, align);
  }

  addEnum(name: string, values: Record<string, number | bigint>, o: { size?: number; signed?: boolean } = {}): number {
    const size = o.size ?? 4;
    return this.add(
      {
        kind: 'enum',
        name,
        size,
        signed: !!o.signed,
        values: Object.entries(values).map(([n, v]) => ({ name: n, value: BigInt(v) })),
      },
      size,
    );
  }

  addEnum64(name: string, values: Record<string, number | bigint>, o: { signed?: boolean } = {}): number {
    return this.add(
      {
        kind: 'enum64',
        name,
        size: 8,
        signed: !!o.signed,
        values: Object.entries(values).map(([n, v]) => ({ name: n, value: BigInt(v) })),
      },
      8,
    );
  }

  addFuncProto(returnType: number, params: { name: string; type: number }[]): number {
    return this.add(
      {
        kind: 'func_proto',
        name: '',
        returnType: this.check(returnType),
        params: params.map((p) => ({ name: p.name, type: this.check(p.type) })),
      },
      1,
    );
  }
  addFunc(name: string, proto: number, linkage: number = LINKAGE.global): number {
    return this.add({ kind: 'func', name, type: this.check(proto), linkage }, 1);
  }
  addVar(name: string, type: number, linkage: number = LINKAGE.global): number {
    return this.add({ kind: 'var', name, type: this.check(type), linkage }, this.alignof(type));
  }
  addDatasec(name: string, vars: { type: number; offset: number }[], size?: number): number {
    const infos: BtfSecInfo[] = vars.map((v) => ({
      type: this.check(v.type),
      offset: v.offset,
      size: this.sizeof(v.type),
    }));
    const end = Math.max(0, ...infos.map((v) => v.offset + v.size));
    return this.add({ kind: 'datasec', name, size: size ?? end, vars: infos }, 1);
  }
  addDeclTag(name: string, type: number, componentIdx = -1): number {
    return this.add({ kind: 'decl_tag', name, type: this.check(type), componentIdx }, 1);
  }

  /** The raw BTF blob: header, type section, string section. */
  build(): Uint8Array {
    const strings = new StringTable();
    const words: number[] = [];
    const w = (...v: number[]): void => {
      for (const x of v) words.push(x >>> 0);
    };
    for (const t of this.types.slice(1)) {
      const info = (vlen: number, kindFlag = false): number =>
        (((kindFlag ? 1 : 0) << 31) | (BTF_KIND[t.kind as keyof typeof BTF_KIND] << 24) | vlen) >>> 0;
      const name = strings.add(t.name);
      switch (t.kind) {
        case 'void':
          break;
        case 'int': {
          const enc = (t.signed ? INT_SIGNED : 0) | (t.char ? INT_CHAR : 0) | (t.bool ? INT_BOOL : 0);
          w(name, info(0), t.size, (enc << 24) | (t.bitOffset << 16) | t.bits);
          break;
        }
        case 'ptr':
        case 'typedef':
        case 'volatile':
        case 'const':
        case 'restrict':
        case 'type_tag':
          w(name, info(0), t.type);
          break;
        case 'array':
          w(name, info(0), 0, t.elemType, t.indexType, t.nelems);
          break;
        case 'struct':
        case 'union': {
          const kf = t.members.some((m) => m.bitfieldSize > 0);
          w(name, info(t.members.length, kf), t.size);
          for (const m of t.members)
            w(strings.add(m.name), m.type, kf ? (m.bitfieldSize << 24) | m.bitOffset : m.bitOffset);
          break;
        }
        case 'enum':
          w(name, info(t.values.length, t.signed), t.size);
          for (const v of t.values) w(strings.add(v.name), Number(BigInt.asUintN(32, v.value)));
          break;
        case 'enum64':
          w(name, info(t.values.length, t.signed), t.size);
          for (const v of t.values) {
            const u = BigInt.asUintN(64, v.value);
            w(strings.add(v.name), Number(u & 0xffffffffn), Number(u >> 32n));
          }
          break;
        case 'fwd':
          w(name, info(0, t.union), 0);
          break;
        case 'func':
          w(name, info(t.linkage), t.type);
          break;
        case 'func_proto':
          w(name, info(t.params.length), t.returnType);
          for (const p of t.params) w(strings.add(p.name), p.type);
          break;
        case 'var':
          w(name, info(0), t.type, t.linkage);
          break;
        case 'datasec':
          w(name, info(t.vars.length), t.size);
          for (const v of t.vars) w(v.type, v.offset, v.size);
          break;
        case 'float':
          w(name, info(0), t.size);
          break;
        case 'decl_tag':
          w(name, info(0), t.type, t.componentIdx);
          break;
      }
    }
    const str = strings.bytes();
    const out = new Uint8Array(BTF_HEADER_SIZE + words.length * 4 + str.length);
    const v = new DataView(out.buffer);
    v.setUint16(0, BTF_MAGIC, true);
    out[2] = 1;
    v.setUint32(4, BTF_HEADER_SIZE, true);
    v.setUint32(8, 0, true);
    v.setUint32(12, words.length * 4, true);
    v.setUint32(16, words.length * 4, true);
    v.setUint32(20, str.length, true);
    words.forEach((x, i) => v.setUint32(BTF_HEADER_SIZE + i * 4, x, true));
    out.set(str, BTF_HEADER_SIZE + words.length * 4);
    return out;
  }
}

/** NUL-separated strings, offset 0 = "", each string stored once. */
class StringTable {
  private readonly offsets = new Map<string, number>([['', 0]]);
  private readonly chunks: Uint8Array[] = [new Uint8Array(1)];
  private length = 1;
  add(s: string): number {
    let off = this.offsets.get(s);
    if (off === undefined) {
      off = this.length;
      const b = new TextEncoder().encode(`${s}\0`);
      this.chunks.push(b);
      this.length += b.length;
      this.offsets.set(s, off);
    }
    return off;
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}
