// Layouts for keys and values without BTF: a list of parts the user types as text, e.g.
// "saddr: ipv4, daddr: ipv4, u16 be, u16 be, u8, hex 3". Stored per map path in this text form.
import { BpfError } from '../errors.js';

export type IntPartType = 'u8' | 'u16' | 'u32' | 'u64' | 'i8' | 'i16' | 'i32' | 'i64';
export type Endian = 'le' | 'be';

export type LayoutPart = { name?: string } & (
  | { type: IntPartType; endian: Endian }
  | { type: 'ipv4' | 'ipv6' | 'mac' }
  | { type: 'hex' | 'ascii'; size: number }
);

export interface Layout {
  parts: LayoutPart[];
}

/** A layout text that does not parse, or does not cover the key/value exactly. */
export class LayoutError extends BpfError {
  constructor(
    message: string,
    readonly partIndex?: number,
  ) {
    super('EINVAL', message, {
      hint: 'Write parts separated by commas: u8/u16/u32/u64 or i8..i64 (add "be" for big-endian), ipv4, ipv6, mac, hex N, ascii N; a part may start with "name:".',
    });
    this.name = 'LayoutError';
  }
}

/** The byte size of each fixed-size layout part. */
export const FIXED_SIZE: Readonly<Record<string, number>> = {
  u8: 1,
  u16: 2,
  u32: 4,
  u64: 8,
  i8: 1,
  i16: 2,
  i32: 4,
  i64: 8,
  ipv4: 4,
  ipv6: 16,
  mac: 6,
};
const MAX_BYTES_PART = 1 << 20;

export function partSize(p: LayoutPart): number {
  return 'size' in p ? p.size : FIXED_SIZE[p.type]!;
}

export function layoutSize(layout: Layout): number {
  return layout.parts.reduce((n, p) => n + partSize(p), 0);
}

/** One part's canonical text, e.g. "u16 be", "hex 3", "saddr: ipv4". */
export function partText(p: LayoutPart): string {
  const type = 'size' in p ? `${p.type} ${p.size}` : 'endian' in p && p.endian === 'be' ? `${p.type} be` : p.type;
  return p.name ? `${p.name}: ${type}` : type;
}

export function layoutText(layout: Layout): string {
  return layout.parts.map(partText).join(', ');
}

function parsePart(raw: string, index: number): LayoutPart {
  const where = `Part ${index + 1} ("${raw.trim()}")`;
  const m = /^\s*(?:([A-Za-z_][A-Za-z0-9_.]*)\s*:)?\s*(.*?)\s*$/.exec(raw)!;
  const name = m[1];
  const spec = m[2]!.toLowerCase();
  const named = <T extends LayoutPart>(p: T): T => (name ? { ...p, name } : p);
  if (spec === '') throw new LayoutError(`${where} is empty: remove the extra comma or write a type.`, index);
  const int = /^([ui])(8|16|32|64)(?:\s*[_ ]?\s*(le|be))?$/.exec(spec);
  if (int) return named({ type: `${int[1]}${int[2]}` as IntPartType, endian: (int[3] ?? 'le') as Endian });
  if (spec === 'ipv4' || spec === 'ipv6' || spec === 'mac') return named({ type: spec });
  const sized = /^(hex|ascii)\s*\(?\s*(\d*)\s*\)?$/.exec(spec);
  if (sized) {
    const n = Number(sized[2]);
    if (sized[2] === '' || !Number.isInteger(n) || n < 1 || n > MAX_BYTES_PART) {
      throw new LayoutError(
        `${where} needs a byte count between 1 and ${MAX_BYTES_PART}, e.g. "${sized[1]} 4".`,
        index,
      );
    }
    return named({ type: sized[1] as 'hex' | 'ascii', size: n });
  }
  throw new LayoutError(
    `${where} is not a known type: use u8/u16/u32/u64 or i8/i16/i32/i64 (optionally "be"), ipv4, ipv6, mac, hex N or ascii N.`,
    index,
  );
}

/**
 * Parses a layout text. With `size`, the layout must cover exactly that many bytes (the map's key or
 * value size); otherwise a LayoutError says by how much it is off.
 */
export function parseLayout(text: string, size?: number, what = 'value'): Layout {
  const parts = text.trim() === '' ? [] : text.split(',').map(parsePart);
  const names = new Set<string>();
  parts.forEach((p, i) => {
    if (!p.name) return;
    if (names.has(p.name)) throw new LayoutError(`Part ${i + 1}: the name "${p.name}" is used twice.`, i);
    names.add(p.name);
  });
  const layout = { parts };
  if (size !== undefined) {
    const covered = layoutSize(layout);
    if (covered !== size) {
      const sizes = parts.map((p) => `${partText(p)} = ${partSize(p)}`).join(', ');
      const fix =
        covered < size
          ? `add ${size - covered} byte${size - covered === 1 ? '' : 's'} (e.g. "hex ${size - covered}")`
          : `remove ${covered - size} byte${covered - size === 1 ? '' : 's'}`;
      throw new LayoutError(
        `The layout covers ${covered} bytes${sizes ? ` (${sizes})` : ''} but the ${what} is ${size} bytes: ${fix}.`,
      );
    }
  }
  return layout;
}

/** parseLayout without throwing: the layout, or the message to show next to the text field. */
export function checkLayout(text: string, size?: number, what = 'value'): { layout: Layout } | { error: string } {
  try {
    return { layout: parseLayout(text, size, what) };
  } catch (e) {
    if (e instanceof LayoutError) return { error: e.message };
    throw e;
  }
}

/** What to show before the user picks a layout: a plain integer for 1/2/4/8 bytes, else hex. */
export function defaultLayout(size: number): Layout {
  const int: Record<number, IntPartType> = { 1: 'u8', 2: 'u16', 4: 'u32', 8: 'u64' };
  const t = int[size];
  if (t) return { parts: [{ type: t, endian: 'le' }] };
  return { parts: size > 0 ? [{ type: 'hex', size }] : [] };
}
