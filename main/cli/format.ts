// Text output for people: ls -l style lines, aligned columns and "field  value" blocks.
import type { DirEntry } from '../../shared/engine.js';

/** `drwxr-xr-x`, `-rw-------`, `lrwxrwxrwx`, with the sticky bit as t/T like ls. */
export function modeString(entry: Pick<DirEntry, 'kind' | 'mode'>): string {
  const type = entry.kind === 'dir' ? 'd' : entry.kind === 'symlink' ? 'l' : '-';
  let bits = '';
  for (let shift = 6; shift >= 0; shift -= 3) {
    const b = (entry.mode >> shift) & 7;
    bits += `${b & 4 ? 'r' : '-'}${b & 2 ? 'w' : '-'}${b & 1 ? 'x' : '-'}`;
  }
  if (entry.mode & 0o1000) bits = bits.slice(0, 8) + (entry.mode & 1 ? 't' : 'T');
  return type + bits;
}

/** Columns padded to the widest cell; numeric columns (by index) are right-aligned. The last column is not padded. */
export function alignRows(rows: string[][], rightAligned: ReadonlySet<number> = new Set()): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => {
        if (i === row.length - 1) return cell;
        return rightAligned.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!);
      })
      .join('  ')
      .trimEnd(),
  );
}

/** One ls -l line per entry: mode, links, owner, group, kind, object id, type and name, then the entry's name. */
export function entryRows(entries: readonly DirEntry[]): string[] {
  const rows = entries.map((e) => {
    const obj = e.object;
    let name = e.kind === 'dir' ? `${e.name}/` : e.name;
    if (e.target !== undefined) name += ` -> ${e.target}`;
    if (e.noAccess) name += `  (${e.noAccess.code}: ${e.noAccess.reason})`;
    if (e.preloaded) name += `  (iterator over ${e.preloaded})`;
    return [
      modeString(e),
      String(e.nlink),
      String(e.uid),
      String(e.gid),
      e.kind,
      obj ? String(obj.id) : '-',
      obj?.type ?? '-',
      obj ? (obj.fullName ?? obj.name) || '-' : '-',
      name,
    ];
  });
  return alignRows(rows, new Set([1, 2, 3, 5]));
}

function valueText(v: unknown): string {
  if (Array.isArray(v)) return v.length === 0 ? '-' : v.map(valueText).join(', ');
  if (v !== null && typeof v === 'object')
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}=${valueText(x)}`)
      .join(' ');
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

/** `field  value` lines, fields aligned, in the order given. */
export function fieldLines(fields: readonly (readonly [string, unknown])[]): string[] {
  return alignRows(fields.map(([k, v]) => [k, valueText(v)]));
}

/** Bytes as bpftool prints them: two hex digits each, space-separated. */
export function hexBytes(hex: string): string {
  return hex.match(/../g)?.join(' ') ?? '';
}
