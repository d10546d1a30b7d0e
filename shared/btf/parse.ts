// The kernel's raw BTF format -> BtfType[] (index = type id, 0 = void). Every read is bounds-checked and
// every referenced id range-checked, so a malformed blob gives a BtfError instead of a crash or a hang.
import {
  BTF_HEADER_SIZE,
  BTF_KIND,
  BTF_MAGIC,
  BtfError,
  type BtfKind,
  type BtfType,
  INT_BOOL,
  INT_CHAR,
  INT_SIGNED,
} from './types.js';

const KIND_BY_NUMBER = new Map<number, BtfKind>(Object.entries(BTF_KIND).map(([k, n]) => [n, k as BtfKind]));

export interface RawBtf {
  types: BtfType[];
  /** The header's flags byte (0 today). */
  flags: number;
}

class Reader {
  private readonly view: DataView;
  constructor(
    readonly data: Uint8Array,
    private readonly base: number,
    private readonly end: number,
  ) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }
  u32(at: number, what: string): number {
    if (at + 4 > this.end)
      throw new BtfError(at, `${what} runs past the end of the type section (ends at byte ${this.end})`);
    return this.view.getUint32(at, true);
  }
  i32(at: number, what: string): number {
    this.u32(at, what);
    return this.view.getInt32(at, true);
  }
  get start(): number {
    return this.base;
  }
}

function stringTable(data: Uint8Array, start: number, len: number): (off: number, at: number) => string {
  if (len === 0 || data[start] !== 0)
    throw new BtfError(start, 'the string section must start with a NUL byte (the empty name)');
  if (data[start + len - 1] !== 0) throw new BtfError(start + len - 1, 'the string section must end with a NUL byte');
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const cache = new Map<number, string>();
  return (off, at) => {
    if (off >= len) throw new BtfError(at, `name offset ${off} is past the string section (${len} bytes)`);
    let s = cache.get(off);
    if (s === undefined) {
      const from = start + off;
      const nul = data.indexOf(0, from);
      s = decoder.decode(data.subarray(from, nul));
      cache.set(off, s);
    }
    return s;
  };
}

function header(data: Uint8Array): {
  flags: number;
  typeStart: number;
  typeEnd: number;
  strStart: number;
  strLen: number;
} {
  if (data.length < BTF_HEADER_SIZE)
    throw new BtfError(0, `the header needs ${BTF_HEADER_SIZE} bytes, the blob has ${data.length}`);
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const magic = v.getUint16(0, true);
  if (magic !== BTF_MAGIC)
    throw new BtfError(0, `magic is 0x${magic.toString(16)}, expected 0xeb9f (little-endian BTF)`);
  if (data[2] !== 1) throw new BtfError(2, `version ${data[2]} is not supported (only 1)`);
  const hdrLen = v.getUint32(4, true);
  if (hdrLen < BTF_HEADER_SIZE || hdrLen > data.length)
    throw new BtfError(4, `hdr_len ${hdrLen} is outside ${BTF_HEADER_SIZE}..${data.length}`);
  const [typeOff, typeLen, strOff, strLen] = [8, 12, 16, 20].map((o) => v.getUint32(o, true)) as [
    number,
    number,
    number,
    number,
  ];
  const body = data.length - hdrLen;
  if (typeOff % 4 !== 0) throw new BtfError(8, `type_off ${typeOff} is not 4-byte aligned`);
  if (typeOff + typeLen > body)
    throw new BtfError(
      12,
      `the type section (type_off ${typeOff} + type_len ${typeLen}) runs past the end (${body} bytes after the header)`,
    );
  if (strOff + strLen > body)
    throw new BtfError(
      20,
      `the string section (str_off ${strOff} + str_len ${strLen}) runs past the end (${body} bytes after the header)`,
    );
  if (strOff < typeOff + typeLen && typeOff < strOff + strLen)
    throw new BtfError(16, 'the type and string sections overlap');
  return {
    flags: data[3]!,
    typeStart: hdrLen + typeOff,
    typeEnd: hdrLen + typeOff + typeLen,
    strStart: hdrLen + strOff,
    strLen,
  };
}

export function parseRawBtf(data: Uint8Array): RawBtf {
  const h = header(data);
  const str = stringTable(data, h.strStart, h.strLen);
  const r = new Reader(data, h.typeStart, h.typeEnd);
  const types: BtfType[] = [{ kind: 'void', id: 0, name: '' }];
  const refs: [at: number, id: number][] = [];
  const ref = (at: number, what: string): number => {
    const id = r.u32(at, what);
    refs.push([at, id]);
    return id;
  };
  let at = r.start;
  while (at < h.typeEnd) {
    const id = types.length;
    const start = at;
    const name = str(r.u32(at, 'name_off'), at);
    const info = r.u32(at + 4, 'info');
    const sizeOrType = r.u32(at + 8, 'size/type');
    const vlen = info & 0xffff;
    const kindFlag = info >>> 31 === 1;
    const kind = KIND_BY_NUMBER.get((info >>> 24) & 0x1f);
    if (!kind) throw new BtfError(at + 4, `type ${id} has unknown kind ${(info >>> 24) & 0x1f}`);
    at += 12;
    switch (kind) {
      case 'int': {
        const enc = r.u32(at, 'int encoding');
        const bits = enc & 0xff;
        const bitOffset = (enc >>> 16) & 0xff;
        if (![1, 2, 4, 8, 16].includes(sizeOrType))
          throw new BtfError(start + 8, `int ${id} has size ${sizeOrType} (1, 2, 4, 8 or 16 allowed)`);
        if (bits === 0 || bitOffset + bits > sizeOrType * 8)
          throw new BtfError(at, `int ${id}: offset ${bitOffset} + bits ${bits} do not fit its ${sizeOrType} bytes`);
        const e = enc >>> 24;
        types.push({
          kind,
          id,
          name,
          size: sizeOrType,
          signed: (e & INT_SIGNED) !== 0,
          char: (e & INT_CHAR) !== 0,
          bool: (e & INT_BOOL) !== 0,
          bitOffset,
          bits,
        });
        at += 4;
        break;
      }
      case 'ptr':
      case 'typedef':
      case 'volatile':
      case 'const':
      case 'restrict':
      case 'type_tag':
        refs.push([start + 8, sizeOrType]);
        types.push({ kind, id, name, type: sizeOrType });
        break;
      case 'array':
        types.push({
          kind,
          id,
          name,
          elemType: ref(at, 'array elem type'),
          indexType: ref(at + 4, 'array index type'),
          nelems: r.u32(at + 8, 'array nelems'),
        });
        at += 12;
        break;
      case 'struct':
      case 'union': {
        const members = [];
        for (let i = 0; i < vlen; i++, at += 12) {
          const off = r.u32(at + 8, 'member offset');
          members.push({
            name: str(r.u32(at, 'member name_off'), at),
            type: ref(at + 4, 'member type'),
            bitOffset: kindFlag ? off & 0xffffff : off,
            bitfieldSize: kindFlag ? off >>> 24 : 0,
          });
        }
        types.push({ kind, id, name, size: sizeOrType, members });
        break;
      }
      case 'enum':
      case 'enum64': {
        const values = [];
        const step = kind === 'enum' ? 8 : 12;
        for (let i = 0; i < vlen; i++, at += step) {
          const vName = str(r.u32(at, 'enum value name_off'), at);
          let value: bigint;
          if (kind === 'enum')
            value = kindFlag ? BigInt(r.i32(at + 4, 'enum value')) : BigInt(r.u32(at + 4, 'enum value'));
          else {
            const raw = (BigInt(r.u32(at + 8, 'enum64 value hi')) << 32n) | BigInt(r.u32(at + 4, 'enum64 value lo'));
            value = kindFlag ? BigInt.asIntN(64, raw) : raw;
          }
          values.push({ name: vName, value });
        }
        if (![1, 2, 4, 8].includes(sizeOrType))
          throw new BtfError(start + 8, `${kind} ${id} has size ${sizeOrType} (1, 2, 4 or 8 allowed)`);
        types.push({ kind, id, name, size: sizeOrType, signed: kindFlag, values });
        break;
      }
      case 'fwd':
        types.push({ kind, id, name, union: kindFlag });
        break;
      case 'func':
        refs.push([start + 8, sizeOrType]);
        types.push({ kind, id, name, type: sizeOrType, linkage: vlen });
        break;
      case 'func_proto': {
        refs.push([start + 8, sizeOrType]);
        const params = [];
        for (let i = 0; i < vlen; i++, at += 8)
          params.push({ name: str(r.u32(at, 'param name_off'), at), type: ref(at + 4, 'param type') });
        types.push({ kind, id, name, returnType: sizeOrType, params });
        break;
      }
      case 'var':
        refs.push([start + 8, sizeOrType]);
        types.push({ kind, id, name, type: sizeOrType, linkage: r.u32(at, 'var linkage') });
        at += 4;
        break;
      case 'datasec': {
        const vars = [];
        for (let i = 0; i < vlen; i++, at += 12)
          vars.push({
            type: ref(at, 'datasec var type'),
            offset: r.u32(at + 4, 'datasec offset'),
            size: r.u32(at + 8, 'datasec size'),
          });
        types.push({ kind, id, name, size: sizeOrType, vars });
        break;
      }
      case 'float':
        if (![2, 4, 8, 12, 16].includes(sizeOrType))
          throw new BtfError(start + 8, `float ${id} has size ${sizeOrType}`);
        types.push({ kind, id, name, size: sizeOrType });
        break;
      case 'decl_tag':
        refs.push([start + 8, sizeOrType]);
        types.push({ kind, id, name, type: sizeOrType, componentIdx: r.i32(at, 'decl_tag component_idx') });
        at += 4;
        break;
    }
  }
  if (at !== h.typeEnd) throw new BtfError(h.typeEnd, `the last type runs ${at - h.typeEnd} bytes past type_len`);
  for (const [refAt, id] of refs) {
    if (id >= types.length)
      throw new BtfError(refAt, `type id ${id} does not exist (the blob has ${types.length - 1} types)`);
  }
  return { types, flags: h.flags };
}
