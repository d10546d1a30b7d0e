// BTF-defined maps: the variables of the .maps DATASEC, each a struct whose members encode the map's
// attributes the way bpf_helpers.h writes them (__uint(name, N) = int (*name)[N], __type(name, T) = T *name).

import { MAP_TYPES, type MapTypeName, mapFlagNames, mapTypeName } from '../bpf/types.js';
import type { Btf } from '../btf/btf.js';
import { parseBtf } from '../btf/btf.js';
import { elfError } from './elf64.js';

export interface MapDef {
  name: string;
  type: MapTypeName;
  keySize: number;
  valueSize: number;
  maxEntries: number;
  flags: string[];
  /** `__uint(pinning, LIBBPF_PIN_BY_NAME)` (1): pinned under the pin root by name, or an existing pin reused. */
  pinning: number;
  /** `map_extra` (bloom filter hash count, arena address), when the object declares it. */
  mapExtra?: number;
  /** `__array(values, ...)`: a map-in-map's inner map or a prog_array's programs, set up by the loader. */
  declaresValues?: true;
}

/** The maps declared in `.maps`, in section order. */
export function mapsFromBtf(btfBytes: Uint8Array): MapDef[] {
  const btf = parseBtf(btfBytes);
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
  for (const m of def.members) {
    // __ulong(name, N) declares an anonymous one-value enum instead of a pointer (libbpf's get_map_field_long).
    const member = btf.resolve(m.type);
    if ((member.kind === 'enum' || member.kind === 'enum64') && member.values.length === 1) {
      attrs.set(m.name, Number(member.values[0]!.value));
      continue;
    }
    // libbpf's "values": a zero-length array of pointers; the value is an id, 4 bytes.
    if (m.name === 'values' && member.kind === 'array') {
      attrs.set('value_size', 4);
      attrs.set('values', 1);
      continue;
    }
    const ptr = member;
    if (ptr.kind !== 'ptr') throw elfError(`map "${name}" member "${m.name}" is not a pointer (__uint/__type)`);
    const target = btf.resolve(ptr.type);
    if (m.name === 'key' || m.name === 'value') attrs.set(`${m.name}_size`, btf.sizeof(ptr.type));
    else if (target.kind === 'array') attrs.set(m.name, target.nelems);
    else throw elfError(`map "${name}" member "${m.name}" is neither __uint nor __type`);
  }
  const typeId_ = attrs.get('type');
  const type = typeId_ === undefined ? undefined : mapTypeName(typeId_);
  if (type === undefined || !(type in MAP_TYPES))
    throw elfError(`map "${name}" has no known type (${typeId_ ?? 'missing'})`);
  return {
    name,
    type: type as MapTypeName,
    keySize: attrs.get('key_size') ?? 0,
    valueSize: attrs.get('value_size') ?? 0,
    maxEntries: attrs.get('max_entries') ?? 0,
    flags: mapFlagNames(attrs.get('map_flags') ?? 0),
    pinning: attrs.get('pinning') ?? 0,
    ...(attrs.has('map_extra') ? { mapExtra: attrs.get('map_extra')! } : {}),
    ...(attrs.has('values') ? { declaresValues: true as const } : {}),
  };
}
