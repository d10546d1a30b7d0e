// A custom layout -> its columns: one per part, named as the layout names it (f0, f1, ... when unnamed).
import { partName } from '../layouts/decode.js';
import { type Layout, partSize, partText } from '../layouts/layout.js';
import type { ColumnSource } from './types.js';

export function layoutColumns(layout: Layout, part: 'key' | 'value'): ColumnSource[] {
  let offset = 0;
  return layout.parts.map((p, i) => {
    const size = partSize(p);
    const path = partName(layout, i, part);
    const base = { part, path, name: path, offset, size, typeText: partText(p).replace(/^[^:]*:\s*/, '') };
    offset += size;
    if ('endian' in p) {
      const signed = p.type.startsWith('i');
      return {
        ...base,
        leaf: { kind: 'int', signed, bool: false, char: false },
        typeNames: [`${signed ? '__s' : p.endian === 'be' ? '__be' : '__u'}${size * 8}`],
        endian: p.endian,
      };
    }
    return {
      ...base,
      leaf: { kind: 'bytes', char: p.type === 'ascii' },
      // The layout's own word for the part (ipv4, mac, ...) is a type name inference reads.
      typeNames: [p.type],
      endian: 'be',
    };
  });
}
