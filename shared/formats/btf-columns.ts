// A BTF type -> its columns: one per scalar member (nested structs dotted, anonymous members read as the
// parent's), bitfields included, scalar arrays as one list column, byte arrays and in6_addr as byte strings.
import type { Btf } from '../btf/btf.js';
import { isBigEndianType, isCharInt } from '../btf/decode.js';
import { BtfError, type BtfType } from '../btf/types.js';
import type { ColumnSource, Leaf } from './types.js';

const MAX_DEPTH = 32;
const MAX_COLUMNS = 512;
/** Arrays of structs with at most this many elements get columns per element; longer ones one hex column. */
const STRUCT_ARRAY_COLUMNS = 4;
/** Structs read as one address rather than as their members. */
const ADDRESS_STRUCTS: ReadonlySet<string> = new Set(['in6_addr', 'in_addr']);

const join = (path: string, name: string): string => (path ? `${path}.${name}` : name);
const lastName = (path: string): string => path.replace(/\[\d+\]$/, '').replace(/^.*\./, '');

function scalarLeaf(t: BtfType): (Leaf & { kind: 'int' | 'enum' | 'float' }) | null {
  if (t.kind === 'int') return { kind: 'int', signed: t.signed, bool: t.bool, char: isCharInt(t) };
  if (t.kind === 'enum' || t.kind === 'enum64')
    return { kind: 'enum', signed: t.signed, name: t.name, values: t.values };
  if (t.kind === 'float' && (t.size === 4 || t.size === 8)) return { kind: 'float' };
  return null;
}

export function btfColumns(btf: Btf, typeId: number, part: 'key' | 'value'): ColumnSource[] {
  const out: ColumnSource[] = [];
  const open = new Set<number>();
  const push = (c: Omit<ColumnSource, 'part' | 'name' | 'path'> & { path: string }): void => {
    if (out.length >= MAX_COLUMNS) throw new BtfError(-1, `type ${typeId} has more than ${MAX_COLUMNS} columns`);
    const path = c.path || part;
    out.push({ ...c, part, path, name: c.path ? lastName(c.path) : part });
  };
  const typeNames = (id: number): string[] => [...btf.typedefNames(id), btf.resolve(id).name].filter(Boolean);
  const common = (id: number, path: string, offset: number) => ({
    path,
    offset,
    size: btf.sizeof(id),
    typeNames: typeNames(id),
    typeText: btf.typeText(id),
    endian: isBigEndianType(btf, id) ? ('be' as const) : ('le' as const),
  });

  const walk = (id: number, path: string, offset: number, depth: number): void => {
    if (depth > MAX_DEPTH) throw new BtfError(-1, `type ${id} nests deeper than ${MAX_DEPTH} levels`);
    const t = btf.resolve(id);
    const scalar = scalarLeaf(t);
    if (scalar) return push({ ...common(id, path, offset), leaf: scalar });
    switch (t.kind) {
      case 'ptr':
        return push({ ...common(id, path, offset), leaf: { kind: 'ptr' } });
      case 'array': {
        const elem = btf.resolve(t.elemType);
        const elemScalar = scalarLeaf(elem);
        const elemSize = btf.sizeof(t.elemType);
        if (elemScalar && elemScalar.kind === 'int' && elemSize === 1 && !elemScalar.bool)
          return push({ ...common(id, path, offset), leaf: { kind: 'bytes', char: elemScalar.char } });
        if (elemScalar)
          return push({
            ...common(id, path, offset),
            leaf: { kind: 'array', count: t.nelems, elemSize, elem: elemScalar },
          });
        if ((elem.kind === 'struct' || elem.kind === 'union') && t.nelems <= STRUCT_ARRAY_COLUMNS) {
          for (let i = 0; i < t.nelems; i++)
            walk(t.elemType, `${path || part}[${i}]`, offset + i * elemSize, depth + 1);
          return;
        }
        return push({ ...common(id, path, offset), leaf: { kind: 'bytes', char: false } });
      }
      case 'struct':
      case 'union': {
        if (ADDRESS_STRUCTS.has(t.name))
          return push({ ...common(id, path, offset), leaf: { kind: 'bytes', char: false } });
        if (open.has(t.id)) throw new BtfError(-1, `${t.kind} ${t.name || t.id} contains itself`);
        open.add(t.id);
        for (const m of t.members) {
          const name = m.name === '' ? path : join(path, m.name);
          const mt = btf.resolve(m.type);
          const bitfield = m.bitfieldSize > 0 || m.bitOffset % 8 !== 0;
          const leaf = scalarLeaf(mt);
          if (bitfield && leaf && leaf.kind !== 'float') {
            const count = m.bitfieldSize || btf.sizeof(m.type) * 8;
            const first = Math.floor(m.bitOffset / 8);
            const shift = m.bitOffset - first * 8;
            push({
              ...common(m.type, name, offset + first),
              size: Math.ceil((shift + count) / 8),
              bits: { shift, count },
              leaf,
              endian: 'le',
            });
          } else if (!bitfield) {
            walk(m.type, name, offset + m.bitOffset / 8, depth + 1);
          }
        }
        open.delete(t.id);
        return;
      }
      case 'datasec':
        for (const v of t.vars) walk(v.type, join(path, btf.name(v.type)), offset + v.offset, depth + 1);
        return;
      case 'var':
        return walk(t.type, path, offset, depth + 1);
      default:
        return;
    }
  };
  walk(typeId, '', 0, 0);
  return out;
}
