// How one view's keys and values are read: the map's BTF when it describes the part, else the layout the user
// picked (remembered per map path). Per-CPU values are decoded one CPU slot at a time.

import { type MapTypeName, PERCPU_MAP_TYPES } from '../../shared/bpf/types.js';
import { type Btf, btfFields, type Decoded, decodeValue, formatDecoded, parseBtf } from '../../shared/btf/index.js';
import type { MapInfo } from '../../shared/engine.js';
import type { FieldRef } from '../../shared/fields.js';
import { btfColumns, type ColumnSource, layoutColumns } from '../../shared/formats/index.js';
import {
  checkLayout,
  decodeWithLayout,
  defaultLayout,
  type Layout,
  layoutFields,
  layoutText,
} from '../../shared/layouts/index.js';

export interface PartCodec {
  part: 'key' | 'value';
  size: number;
  /** 'btf' when the map's BTF describes this part; then the layout picker does not apply. */
  source: 'btf' | 'layout';
  /** What the decoding is called, e.g. "struct ct_entry" or "u32, ipv4". */
  label: string;
  decode(bytes: Uint8Array, offset: number): Decoded;
  text(bytes: Uint8Array, offset: number): string;
  fields: FieldRef[];
  /** One per leaf (nested members dotted), before formats are applied. */
  columns: ColumnSource[];
}

export interface PerCpuShape {
  cpus: number;
  slot: number;
}

export interface ViewCodec {
  key: PartCodec;
  value: PartCodec;
  perCpu: PerCpuShape | null;
}

export interface LayoutChoice {
  key: string;
  value: string;
}

function btfPart(btf: Btf, typeId: number, part: 'key' | 'value', size: number): PartCodec {
  const decode = (b: Uint8Array, o: number): Decoded => decodeValue(btf, typeId, b, o);
  return {
    part,
    size,
    source: 'btf',
    label: btf.typeText(typeId),
    decode,
    text: (b, o) => formatDecoded(decode(b, o), 16),
    fields: btfFields(btf, typeId, part),
    columns: btfColumns(btf, typeId, part),
  };
}

function layoutPart(layout: Layout, text: string, part: 'key' | 'value', size: number): PartCodec {
  const decode = (b: Uint8Array, o: number): Decoded => decodeWithLayout(layout, b, o);
  return {
    part,
    size,
    source: 'layout',
    label: text,
    decode,
    text: (b, o) => formatDecoded(decode(b, o), 16),
    fields: layoutFields(layout, part),
    columns: layoutColumns(layout, part),
  };
}

/** The layout for a part: the user's text when it fits, else the default for its size. */
export function layoutFor(
  text: string | undefined,
  size: number,
  part: 'key' | 'value',
): { layout: Layout; text: string } {
  if (text !== undefined) {
    const checked = checkLayout(text, size, part);
    if ('layout' in checked) return { layout: checked.layout, text };
  }
  const layout = defaultLayout(size);
  return { layout, text: layoutText(layout) };
}

export function isPerCpuMap(info: MapInfo): boolean {
  return PERCPU_MAP_TYPES.has(info.type as MapTypeName);
}

/** Parses the BTF once per view; a blob that does not parse means "no BTF" (layouts apply). */
export function parseViewBtf(raw: Uint8Array | undefined): Btf | null {
  if (!raw) return null;
  try {
    return parseBtf(raw);
  } catch {
    return null;
  }
}

export function makeCodec(info: MapInfo, btf: Btf | null, layouts: Partial<LayoutChoice>): ViewCodec {
  const part = (which: 'key' | 'value', typeId: number, size: number): PartCodec => {
    if (btf && typeId !== 0) {
      try {
        return btfPart(btf, typeId, which, size);
      } catch {
        // a type the parser cannot flatten: fall back to a layout
      }
    }
    const { layout, text } = layoutFor(layouts[which], size, which);
    return layoutPart(layout, text, which, size);
  };
  const perCpu = isPerCpuMap(info) ? { cpus: info.possibleCpus, slot: Math.ceil(info.valueSize / 8) * 8 } : null;
  return {
    key: part('key', info.btfKeyTypeId, info.keySize),
    value: part('value', info.btfValueTypeId, info.valueSize),
    perCpu,
  };
}
