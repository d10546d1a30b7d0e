// The filter box's text -> the view's filters, done in main. Clauses joined with "&&":
//   field op value   in the field's format: "proto = tcp", "dport == 443", "bytes > 1.5MiB", "last_seen < 5s"
//   field in prefix  an address column: "daddr in 10.0.0.0/8"
//   changed < 10s    rows that changed in the last 10 s; "changed" alone: since you last looked
//   ^0a00            the key's hex starts with this; anything else: hex anywhere in key or value.
import type { FieldRef } from '../../shared/fields.js';
import { columnFilter, type FilterOp, parseDuration } from '../../shared/formats/index.js';
import type { CompareOp, FilterSpec } from '../../shared/mapview.js';

import type { ViewCodec } from './codec.js';
import type { ViewColumn } from './view-columns.js';

export const fieldId = (f: FieldRef): string => `${f.part}:${f.path}`;

/** The numeric leaves main can sort and chart by (array elements one by one). */
export function allFields(codec: ViewCodec): FieldRef[] {
  return [...codec.key.fields, ...codec.value.fields];
}

const CLAUSE = /^\s*([A-Za-z_][\w.[\]@]*)\s*(<=|>=|==|!=|<|>|=|\bin\b)\s*(.+?)\s*$/i;
const CHANGED = /^\s*changed\s*(?:(<=|<)\s*(.+?))?\s*$/i;

type Parsed = { filters: FilterSpec[] } | { error: string };

/** A column by "path", "key.path" / "value.path", or the last part of a nested path when only one has it. */
export function findColumn(columns: ViewColumn[], name: string): ViewColumn | undefined {
  const fields = columns.filter((c) => c.field !== undefined);
  const m = /^(key|value)\.(.+)$/.exec(name);
  const part = m ? (m[1] as 'key' | 'value') : undefined;
  const path = m ? m[2]! : name;
  const [bare, cpu] = path.split('@');
  const pick = (list: ViewColumn[]) => {
    const atCpu = list.filter((c) =>
      cpu === undefined ? c.cpu === undefined || c.cpu === 'sum' : c.id.endsWith(`@${cpu}`),
    );
    return atCpu.find((c) => c.part === 'value') ?? atCpu[0];
  };
  const inPart = fields.filter((c) => part === undefined || c.part === part);
  const exact = pick(inPart.filter((c) => c.field!.path === bare));
  if (exact) return exact;
  const tail = inPart.filter((c) => c.field!.name === bare);
  return new Set(tail.map((c) => c.field!.path)).size === 1 ? pick(tail) : undefined;
}

/** A numeric leaf the columns do not show one by one (an array element, "counts[3]"). */
function findLegacyField(codec: ViewCodec, name: string): FieldRef | undefined {
  const m = /^(key|value)\.(.+)$/.exec(name);
  const byPart = (part: 'key' | 'value', path: string) =>
    (part === 'key' ? codec.key : codec.value).fields.find((f) => f.path === path);
  if (m) return byPart(m[1] as 'key' | 'value', m[2]!);
  return byPart('value', name) ?? byPart('key', name);
}

function names(columns: ViewColumn[]): string {
  return columns
    .filter((c) => c.field && c.cpu !== 'sum' && !/@cpu\d+$/.test(c.id))
    .concat(columns.filter((c) => c.cpu === 'sum'))
    .map((c) => c.field!.path)
    .slice(0, 12)
    .join(', ');
}

function clause(raw: string, columns: ViewColumn[], codec: ViewCodec): Parsed {
  const changed = CHANGED.exec(raw);
  if (changed) {
    if (!changed[2]) return { filters: [{ kind: 'changed' }] };
    const ns = parseDuration(changed[2]);
    if (ns === undefined) return { error: `"${changed[2]}" is not a duration: write e.g. changed < 10s.` };
    return { filters: [{ kind: 'changed', withinMs: ns / 1e6 }] };
  }
  const cmp = CLAUSE.exec(raw);
  if (cmp) {
    const [, name, opText, value] = cmp as unknown as [string, string, string, string];
    const op = (opText === '=' ? '==' : opText.toLowerCase()) as FilterOp;
    const col = findColumn(columns, name);
    if (col?.field) {
      const cpu = col.cpu === undefined ? undefined : col.cpu;
      return columnFilter(col.field, op, value, codec.perCpu && col.part === 'value' ? (cpu ?? 'sum') : undefined);
    }
    const field = findLegacyField(codec, name);
    if (field && op !== 'in' && /^-?(0x[0-9a-f]+|\d+(\.\d+)?)$/i.test(value)) {
      const cpu = field.part === 'value' && codec.perCpu ? { cpu: 'sum' as const } : {};
      return { filters: [{ kind: 'compare', field, op: op as CompareOp, value, ...cpu }] };
    }
    const known = names(columns);
    return { error: `"${name}" is not a field of this map${known ? `; try one of: ${known}` : ''}.` };
  }
  const prefix = /^\^\s*(?:0x)?([0-9a-f\s]*)$/i.exec(raw);
  if (prefix) return { filters: [{ kind: 'keyPrefix', hex: prefix[1]!.replace(/\s+/g, '').toLowerCase() }] };
  const hex = raw.replace(/\s+/g, '').replace(/^0x/i, '').toLowerCase();
  if (!/^[0-9a-f]+$/.test(hex)) {
    return {
      error: `"${raw}" is neither "field op value" (e.g. proto = tcp, daddr in 10.0.0.0/8), "changed < 10s", "^hex" (key prefix) nor hex digits.`,
    };
  }
  return { filters: [{ kind: 'hex', text: hex, part: 'both' }] };
}

export function parseFilter(text: string, columns: ViewColumn[], codec: ViewCodec): Parsed {
  const filters: FilterSpec[] = [];
  for (const raw of text
    .split('&&')
    .map((t) => t.trim())
    .filter(Boolean)) {
    const one = clause(raw, columns, codec);
    if ('error' in one) return one;
    filters.push(...one.filters);
  }
  return { filters };
}
