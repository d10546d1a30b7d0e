// BTF type -> the numeric leaves a user can sort, filter and chart by, as FieldRefs with dotted paths.
import type { FieldRef } from '../fields.js';
import type { Btf } from './btf.js';
import { isBigEndianType } from './decode.js';
import { BtfError } from './types.js';

/** Arrays longer than this contribute only their first elements. */
export const FIELD_ARRAY_CAP = 16;
const MAX_DEPTH = 64;
const MAX_FIELDS = 100_000;

type Size = FieldRef['size'];
const join = (path: string, name: string): string => (path ? `${path}.${name}` : name);
const isFieldSize = (n: number): n is Size => n === 1 || n === 2 || n === 4 || n === 8;

/**
 * The numeric leaves of `typeId`: whole ints of 1/2/4/8 bytes, enums, floats of 4/8 bytes, array elements
 * (the first FIELD_ARRAY_CAP), nested struct members; bitfields that are not whole, byte-aligned ints are left out.
 * A plain scalar is one field named after the part ("key" / "value").
 */
export function btfFields(btf: Btf, typeId: number, part: 'key' | 'value'): FieldRef[] {
  const out: FieldRef[] = [];
  const open = new Set<number>();
  let visited = 0;
  const walk = (id: number, path: string, offset: number, depth: number): void => {
    if (depth > MAX_DEPTH) throw new BtfError(-1, `type ${id} nests deeper than ${MAX_DEPTH} levels`);
    if (++visited > MAX_FIELDS) throw new BtfError(-1, `type ${typeId} has more than ${MAX_FIELDS} fields`);
    const t = btf.resolve(id);
    const endian = isBigEndianType(btf, id) ? 'be' : 'le';
    switch (t.kind) {
      case 'int':
        if (isFieldSize(t.size) && t.bitOffset === 0 && t.bits === t.size * 8) {
          out.push({ part, path: path || part, offset, size: t.size, encoding: t.signed ? 'int' : 'uint', endian });
        }
        return;
      case 'enum':
      case 'enum64':
        if (isFieldSize(t.size))
          out.push({ part, path: path || part, offset, size: t.size, encoding: t.signed ? 'int' : 'uint', endian });
        return;
      case 'float':
        if (t.size === 4 || t.size === 8)
          out.push({ part, path: path || part, offset, size: t.size, encoding: 'float', endian: 'le' });
        return;
      case 'array': {
        const elemSize = btf.sizeof(t.elemType);
        for (let i = 0; i < Math.min(t.nelems, FIELD_ARRAY_CAP); i++)
          walk(t.elemType, `${path || part}[${i}]`, offset + i * elemSize, depth + 1);
        return;
      }
      case 'struct':
      case 'union':
        if (open.has(t.id)) throw new BtfError(-1, `${t.kind} ${t.name || t.id} contains itself`);
        open.add(t.id);
        for (const m of t.members) {
          const mt = btf.resolve(m.type);
          if (m.bitOffset % 8 !== 0) continue;
          // A bitfield counts only when it fills its whole declared int, e.g. `u32 x:32`.
          if (
            m.bitfieldSize > 0 &&
            !(mt.kind !== 'struct' && mt.kind !== 'union' && m.bitfieldSize === btf.sizeof(m.type) * 8)
          )
            continue;
          const name = m.name === '' ? path : join(path, m.name);
          walk(m.type, name, offset + m.bitOffset / 8, depth + 1);
        }
        open.delete(t.id);
        return;
      case 'datasec':
        for (const v of t.vars) walk(v.type, join(path, btf.name(v.type)), offset + v.offset, depth + 1);
        return;
      case 'var':
        walk(t.type, path, offset, depth + 1);
        return;
      default:
        return;
    }
  };
  walk(typeId, '', 0, 0);
  return out;
}
