// BTF-defined maps: the variables of the .maps DATASEC, each a struct whose members encode the map's
// attributes the way bpf_helpers.h writes them (__uint(name, N) = int (*name)[N], __type(name, T) = T *name,
// __array(values, T) = T *values[]: the inner map of a map-in-map), as libbpf's parse_btf_map_def reads them.

import { MAP_TYPES, type MapTypeName, mapFlagNames, mapTypeName } from '../bpf/types.js';
import { type Btf, parseBtf } from '../btf/btf.js';
import { BpfError } from '../errors.js';
import { elfError } from './elf64.js';
import type { InternalKind } from './global-data.js';

export interface MapDef {
  /** The name libbpf shows (bpf_map__name), which names the pin. */
  name: string;
  /** The name the kernel gets, when it is not the first 15 characters of `name` (libbpf's internal maps). */
  kernelName?: string;
  type: MapTypeName;
  keySize: number;
  valueSize: number;
  maxEntries: number;
  flags: string[];
  /** `__uint(pinning, LIBBPF_PIN_BY_NAME)` (1): pinned under the pin root by name, or an existing pin reused. */
  pinning: number;
  /** BTF type ids of the key and value in the object's BTF (0: none), as libbpf passes them to the kernel. */
  btfKeyTypeId?: number;
  btfValueTypeId?: number;
  mapExtra?: number;
  /** The inner map's definition of a map-in-map (`__array(values, ...)`). */
  inner?: MapDef;
  /** `__array(values, ...)`: a map-in-map's inner map or a prog_array's programs, set up by the loader. */
  declaresValues?: true;
  /** libbpf's global-data maps: the section behind it and its initial bytes (none for .bss and .kconfig). */
  internal?: { kind: InternalKind; section: string; sectionIndex: number; init?: Uint8Array };
}

/** The maps declared in `.maps`, in section order. */
export function mapsFromBtf(btfOrBytes: Btf | Uint8Array): MapDef[] {
  const btf = btfOrBytes instanceof Uint8Array ? parseBtf(btfOrBytes) : btfOrBytes;
  const sec = btf.findByName('.maps', 'datasec');
  if (!sec || sec.kind !== 'datasec') return [];
  return sec.vars.map((v) => {
    const variable = btf.type(v.type);
    if (variable.kind !== 'var') throw elfError(`.maps entry at offset ${v.offset} is not a variable`);
    return mapOf(btf, variable.name, variable.type);
  });
}

function mapOf(btf: Btf, name: string, typeId: number): MapDef {
  const def = btf.resolve(typeId);
  if (def.kind !== 'struct') throw elfError(`map "${name}" is not a struct in BTF`);
  const attrs = new Map<string, number>();
  let inner: MapDef | undefined;
  for (const m of def.members) {
    // __ulong(name, N) declares an anonymous one-value enum instead of a pointer (libbpf's get_map_field_long).
    const member = btf.resolve(m.type);
    if ((member.kind === 'enum' || member.kind === 'enum64') && member.values.length === 1) {
      attrs.set(m.name, Number(member.values[0]!.value));
      continue;
    }
    if (m.name === 'values') {
      attrs.set('values', 1);
      const arr = btf.resolve(m.type);
      const ptr = arr.kind === 'array' ? btf.resolve(arr.elemType) : arr;
      if (ptr.kind !== 'ptr') throw elfError(`map "${name}" member "values" is not an array of pointers (__array)`);
      const target = btf.resolve(ptr.type);
      if (target.kind === 'struct') inner = mapOf(btf, `${name}.inner`, ptr.type);
      continue;
    }
    const ptr = btf.resolve(m.type);
    if (ptr.kind !== 'ptr') throw elfError(`map "${name}" member "${m.name}" is not a pointer (__uint/__type)`);
    const target = btf.resolve(ptr.type);
    if (m.name === 'key' || m.name === 'value') {
      attrs.set(`${m.name}_size`, btf.sizeof(ptr.type));
      attrs.set(`${m.name}_type`, ptr.type);
    } else if (target.kind === 'array') attrs.set(m.name, target.nelems);
    else throw elfError(`map "${name}" member "${m.name}" is neither __uint nor __type`);
  }
  const typeNumber = attrs.get('type');
  const type = typeNumber === undefined ? undefined : mapTypeName(typeNumber);
  if (type === undefined || !(type in MAP_TYPES))
    throw elfError(`map "${name}" has no known type (${typeNumber ?? 'missing'})`);
  const isMapInMap = type === 'array_of_maps' || type === 'hash_of_maps';
  // libbpf knows LIBBPF_PIN_NONE (0) and LIBBPF_PIN_BY_NAME (1) only, and refuses the object otherwise.
  const pinning = attrs.get('pinning') ?? 0;
  if (pinning !== 0 && pinning !== 1)
    throw new BpfError('EINVAL', `Map "${name}" asks for pinning ${pinning}, which libbpf does not know.`, {
      hint: 'libbpf pins a map by name (LIBBPF_PIN_BY_NAME, 1) or not at all (LIBBPF_PIN_NONE, 0): fix the definition.',
    });
  return {
    name,
    type: type as MapTypeName,
    keySize: attrs.get('key_size') ?? 0,
    // libbpf gives maps declaring their values a 4-byte value (an inner map's fd or a program's).
    valueSize: attrs.has('values') ? 4 : (attrs.get('value_size') ?? 0),
    maxEntries: attrs.get('max_entries') ?? 0,
    flags: mapFlagNames(attrs.get('map_flags') ?? 0),
    pinning,
    btfKeyTypeId: attrs.get('key_type') ?? 0,
    btfValueTypeId: attrs.get('value_type') ?? 0,
    ...(attrs.has('map_extra') ? { mapExtra: attrs.get('map_extra')! } : {}),
    ...(inner && isMapInMap ? { inner } : {}),
    ...(attrs.has('values') ? { declaresValues: true as const } : {}),
  };
}
