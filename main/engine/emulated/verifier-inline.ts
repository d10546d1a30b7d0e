// do_misc_fixups' map_gen_lookup: with the JIT on (always, on this kernel), a bpf_map_lookup_elem whose call
// site always sees the same map becomes that map type's inline lookup. Struct offsets are this kernel's
// (struct bpf_array's value at 0x138); hash lookups keep a call to the map's own lookup function.

import { encodeInsn } from '../../../shared/bpf/insn.js';

import type { MapObject } from './objects.js';

type Raw = Uint8Array;

const BPF_F_INNER_MAP = 1 << 12;
const ARRAY_VALUE = 0x138;
const HTAB_KEY = 48;
const XSK_MAP = 0x140;

const ja1 = (): Raw[] => [encodeInsn(0x05, 0, 0, 1, 0), encodeInsn(0xb7, 0, 0, 0, 0)];
/** BPF_MOV64_PERCPU_REG: this CPU's copy of a per-CPU pointer. */
const percpu = (): Raw => encodeInsn(0xbf, 0, 0, -1, 0);

/** r0 = index (bounds-checked; bypass_spec_v1 for a privileged loader: no index mask), scaled by `elem`. */
function arrayIndex(map: MapObject, skip: number, elem: number): Raw[] {
  const scale = Number.isInteger(Math.log2(elem))
    ? encodeInsn(0x67, 0, 0, 0, Math.log2(elem))
    : encodeInsn(0x27, 0, 0, 0, elem);
  return [
    encodeInsn(0x07, 1, 0, 0, ARRAY_VALUE),
    encodeInsn(0x61, 0, 2, 0, 0),
    encodeInsn(0x35, 0, 0, skip, map.maxEntries),
    scale,
    encodeInsn(0x0f, 0, 1, 0, 0),
  ];
}

/** The instructions that replace `call bpf_map_lookup_elem` (`call`) on `map`. */
export function inlineLookup(call: Raw, map: MapObject): Raw[] {
  const key = HTAB_KEY + Math.ceil(map.keySize / 8) * 8;
  switch (map.type) {
    case 'array':
      if (map.flags & BPF_F_INNER_MAP) return [call];
      return [...arrayIndex(map, 3, Math.ceil(map.valueSize / 8) * 8), ...ja1()];
    case 'percpu_array':
      if (map.flags & BPF_F_INNER_MAP) return [call];
      return [...arrayIndex(map, 5, 8), encodeInsn(0x79, 0, 0, 0, 0), percpu(), ...ja1()];
    case 'array_of_maps':
      return [...arrayIndex(map, 5, 8), encodeInsn(0x79, 0, 0, 0, 0), encodeInsn(0x15, 0, 0, 1, 0), ...ja1()];
    case 'hash':
      return [call, encodeInsn(0x15, 0, 0, 1, 0), encodeInsn(0x07, 0, 0, 0, key)];
    case 'lru_hash':
      return [
        call,
        encodeInsn(0x15, 0, 0, 4, 0),
        encodeInsn(0x71, 1, 0, 0, 0),
        encodeInsn(0x55, 1, 0, 1, 0),
        encodeInsn(0x72, 0, 0, 0, 1),
        encodeInsn(0x07, 0, 0, 0, key),
      ];
    case 'percpu_hash':
      return [
        call,
        encodeInsn(0x15, 0, 0, 3, 0),
        encodeInsn(0x07, 0, 0, 0, key),
        encodeInsn(0x79, 0, 0, 0, 0),
        percpu(),
      ];
    case 'xskmap':
      return [
        encodeInsn(0x61, 0, 2, 0, 0),
        encodeInsn(0x35, 0, 0, 5, map.maxEntries),
        encodeInsn(0x67, 0, 0, 0, 3),
        encodeInsn(0x07, 1, 0, 0, XSK_MAP),
        encodeInsn(0x0f, 0, 1, 0, 0),
        encodeInsn(0x79, 0, 0, 0, 0),
        ...ja1(),
      ];
    case 'hash_of_maps':
      return [call, encodeInsn(0x15, 0, 0, 2, 0), encodeInsn(0x07, 0, 0, 0, key), encodeInsn(0x79, 0, 0, 0, 0)];
    default:
      return [call];
  }
}
