// The filter box's text -> the view's filters, done in main: "packets > 100" (a numeric field compared),
// "^0a00" (hex key prefix), anything else a hex substring of key or value. Several joined with "&&".
import type { FieldRef } from '../../shared/fields.js';
import type { CompareOp, FilterSpec } from '../../shared/mapview.js';

import type { ViewCodec } from './codec.js';

export const fieldId = (f: FieldRef): string => `${f.part}:${f.path}`;

export function allFields(codec: ViewCodec): FieldRef[] {
  return [...codec.key.fields, ...codec.value.fields];
}

/** A field by "path", "value.path" or "key.path"; value fields win over key fields of the same name. */
export function findField(codec: ViewCodec, name: string): FieldRef | undefined {
  const m = /^(key|value)\.(.+)$/.exec(name);
  const byPart = (part: 'key' | 'value', path: string) =>
    (part === 'key' ? codec.key : codec.value).fields.find((f) => f.path === path);
  if (m) return byPart(m[1] as 'key' | 'value', m[2]!);
  return byPart('value', name) ?? byPart('key', name);
}

const COMPARE = /^\s*([A-Za-z_][\w.[\]]*)\s*(<=|>=|==|!=|<|>|=)\s*(-?(?:0x[0-9a-f]+|\d+(?:\.\d+)?))\s*$/i;

export function parseFilter(text: string, codec: ViewCodec): { filters: FilterSpec[] } | { error: string } {
  const filters: FilterSpec[] = [];
  for (const raw of text
    .split('&&')
    .map((t) => t.trim())
    .filter(Boolean)) {
    const cmp = COMPARE.exec(raw);
    if (cmp) {
      const field = findField(codec, cmp[1]!);
      if (!field) {
        const names = allFields(codec)
          .map((f) => f.path)
          .slice(0, 12)
          .join(', ');
        return { error: `"${cmp[1]}" is not a numeric field of this map${names ? `; try one of: ${names}` : ''}.` };
      }
      const op = (cmp[2] === '=' ? '==' : cmp[2]) as CompareOp;
      filters.push({
        kind: 'compare',
        field,
        op,
        value: cmp[3]!,
        ...(field.part === 'value' && codec.perCpu ? { cpu: 'sum' as const } : {}),
      });
      continue;
    }
    const prefix = /^\^\s*(?:0x)?([0-9a-f\s]*)$/i.exec(raw);
    if (prefix) {
      filters.push({ kind: 'keyPrefix', hex: prefix[1]!.replace(/\s+/g, '').toLowerCase() });
      continue;
    }
    const hex = raw.replace(/\s+/g, '').replace(/^0x/i, '').toLowerCase();
    if (!/^[0-9a-f]+$/.test(hex)) {
      return {
        error: `"${raw}" is neither "field op number" (e.g. packets > 100), "^hex" (key prefix) nor hex digits.`,
      };
    }
    filters.push({ kind: 'hex', text: hex, part: 'both' });
  }
  return { filters };
}
