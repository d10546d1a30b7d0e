// The table's columns for a view: a flow column when the key is a flow tuple, one column per key and value
// field in its format (inferred, or as the user chose), per-CPU values as sums plus one hidden column per CPU;
// each with its width, visibility and sort. The user's choices come from the column prefs (per map name).

import {
  columnSort,
  type FlowColumns,
  type FormatName,
  type FormattedColumn,
  findFlow,
  flowMembers,
  formatColumns,
  isPadding,
} from '../../shared/formats/index.js';
import type { SortDir, SortSpec } from '../../shared/mapview.js';

import type { ColumnPrefs } from '../store/column-prefs-slice.js';
import type { ViewCodec } from './codec.js';

export interface ViewColumn {
  /** Unique in the table: the field's id (`part:path`), with `@cpuN` for one CPU's slot; "key:(flow)". */
  id: string;
  label: string;
  /** The header's tooltip: the C type and how it is shown. */
  title: string;
  part: 'key' | 'value';
  field?: FormattedColumn;
  flow?: FlowColumns;
  /** Per-CPU values: one CPU's slot, or the sum over all. */
  cpu?: number | 'sum';
  width: number;
  hidden: boolean;
  /** Whether per-second rates apply (value counters). */
  counter: boolean;
  sort(dir: SortDir): SortSpec | null;
}

export const FLOW_COLUMN_ID = 'key:(flow)';
/** A per-CPU counter shows one column per CPU up to this many CPUs. */
const MAX_CPU_COLUMNS = 16;
export const CHAR_PX = 7.6;

const FORMAT_PX: Partial<Record<FormatName, number>> = {
  ipv4: 128,
  ipv6: 250,
  mac: 150,
  port: 64,
  proto: 64,
  ethertype: 80,
  age: 120,
  duration: 92,
  bytes: 92,
  bool: 64,
  enum: 150,
  flags: 180,
  string: 150,
};

function defaultWidth(c: FormattedColumn, label: string): number {
  const text =
    FORMAT_PX[c.format] ??
    (c.format === 'hex' || c.leaf.kind === 'bytes' || c.leaf.kind === 'array'
      ? Math.min(300, c.size * 3 * CHAR_PX + 16)
      : c.size <= 2
        ? 64
        : c.size === 4
          ? 96
          : 150);
  return Math.max(text, Math.min(220, label.length * CHAR_PX + 44));
}

const COUNTER_NAME = /count|packets|pkts|bytes|octets|hits|drops|errors|total|sum|calls|events|misses|^[rt]x_/;
const isNumeric = (c: FormattedColumn): boolean => ['int', 'enum', 'float'].includes(c.leaf.kind);
const isCounter = (c: FormattedColumn): boolean =>
  c.part === 'value' && c.leaf.kind !== 'enum' && isNumeric(c) && (c.format === 'number' || c.format === 'bytes');

function labelOf(c: FormattedColumn, valueLabel?: string): string {
  if (c.path === 'key') return 'Key';
  if (c.path === 'value') return valueLabel ?? 'Value';
  return c.path;
}

export function viewColumns(codec: ViewCodec, prefs: ColumnPrefs, valueLabel?: string): ViewColumn[] {
  const keys = formatColumns(codec.key.columns, prefs.formats);
  const values = formatColumns(codec.value.columns, prefs.formats);
  const out: ViewColumn[] = [];
  const hiddenBy = (id: string, byDefault: boolean) => prefs.hidden[id] ?? byDefault;
  const widthOf = (id: string, fallback: number) => prefs.widths[id] ?? fallback;
  const flow = findFlow(keys);
  const members = new Set(flow ? flowMembers(flow).map((c) => c.id) : []);
  if (flow) {
    out.push({
      id: FLOW_COLUMN_ID,
      label: 'Flow',
      title: `The key's ${[...members].map((m) => m.slice(4)).join(', ')} as one flow; sorts by the key's bytes`,
      part: 'key',
      flow,
      width: widthOf(FLOW_COLUMN_ID, flow.src.format === 'ipv6' ? 460 : 330),
      hidden: hiddenBy(FLOW_COLUMN_ID, false),
      counter: false,
      sort: (dir) => ({ by: 'key', dir }),
    });
  }
  const field = (c: FormattedColumn, id: string, label: string, extra: Partial<ViewColumn>, byDefault: boolean) =>
    out.push({
      id,
      label,
      title: `${c.typeText}${c.bits ? `:${c.bits.count}` : ''} as ${c.format}${c.chosen ? ' (your choice)' : ''}`,
      part: c.part,
      field: c,
      // Counters leave room for their rate ("+1.2 KiB/s").
      width: widthOf(id, defaultWidth(c, label) + (isCounter(c) && COUNTER_NAME.test(c.name) ? 72 : 0)),
      hidden: hiddenBy(id, byDefault),
      counter: isCounter(c),
      sort: (dir) => columnSort(c, dir, extra.cpu),
      ...extra,
    });
  for (const c of keys) field(c, c.id, labelOf(c), {}, members.has(c.id) || isPadding(c));
  const perCpu = codec.perCpu;
  for (const c of values) {
    const label = labelOf(c, valueLabel);
    if (!perCpu) {
      field(c, c.id, label, {}, isPadding(c));
      continue;
    }
    // Per-CPU values: each CPU's slot and the sum of numbers (CPU 0's slot for anything else). A scalar (a counter)
    // shows them all; a struct shows its sums, each CPU's values a click away.
    const scalar = c.path === 'value';
    const perCpuShown = scalar && perCpu.cpus <= MAX_CPU_COLUMNS;
    for (let cpu = 0; cpu < perCpu.cpus; cpu++) {
      const shownByDefault = perCpuShown || (!isNumeric(c) && cpu === 0);
      field(
        c,
        `${c.id}@cpu${cpu}`,
        scalar ? `cpu${cpu}` : `${label} cpu${cpu}`,
        { cpu },
        !shownByDefault || isPadding(c),
      );
    }
    if (isNumeric(c)) {
      field(c, c.id, scalar ? 'Sum' : label, { cpu: 'sum' }, isPadding(c));
      out[out.length - 1]!.title += `, summed over ${perCpu.cpus} CPUs`;
    }
  }
  return inUserOrder(out, prefs.order);
}

/** The columns the user ordered first, in that order, then the rest in their natural order. */
function inUserOrder(cols: ViewColumn[], order: string[]): ViewColumn[] {
  if (order.length === 0) return cols;
  const rank = new Map(order.map((id, i) => [id, i]));
  const at = (c: ViewColumn, i: number) => rank.get(c.id) ?? order.length + i;
  return cols
    .map((c, i) => ({ c, r: at(c, i) }))
    .sort((a, b) => a.r - b.r)
    .map((x) => x.c);
}

/** The field columns a filter can name, key and value, shown or hidden (CPU slots by "name@cpuN"). */
export const fieldColumns = (cols: ViewColumn[]): ViewColumn[] => cols.filter((c) => c.field !== undefined);

/** Whether two sorts order the same way, whatever their direction (main echoes specs in its own key order). */
export function sameSortTarget(a: SortSpec, b: SortSpec): boolean {
  if (a.by === 'key' || b.by === 'key') return a.by === b.by;
  if (a.by === 'bytes' || b.by === 'bytes') {
    if (a.by !== 'bytes' || b.by !== 'bytes') return false;
    return a.part === b.part && a.offset === b.offset && a.size === b.size;
  }
  const f = a.field;
  const g = b.field;
  return (
    f.part === g.part &&
    f.offset === g.offset &&
    f.size === g.size &&
    f.encoding === g.encoding &&
    f.endian === g.endian &&
    (a.cpu ?? 'sum') === (b.cpu ?? 'sum')
  );
}

/** The column the view is sorted by, when the sort is one of the columns'. */
export function sortedColumn(cols: ViewColumn[], sort: SortSpec | null): ViewColumn | undefined {
  if (!sort) return undefined;
  return cols.find((c) => {
    const s = c.sort(sort.dir);
    return s !== null && sameSortTarget(s, sort);
  });
}
