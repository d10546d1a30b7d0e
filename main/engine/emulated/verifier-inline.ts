// do_misc_fixups' map_gen_lookup: with the JIT on (always, on this kernel), a bpf_map_lookup_elem whose call
// site always sees the same map becomes that map type's inline lookup. Struct offsets are this kernel's
// (struct bpf_array's value at 0x138); hash lookups keep a call to the map's own lookup function.
import type { MapObject } from './objects.js';

type Raw = Uint8Array;

const BPF_F_INNER_MAP = 1 << 12;
const ARRAY_VALUE = 0x138;
const HTAB_KEY = 48;
const XSK_MAP = 0x140;

const raw = (code: number, dst: number, src: number, off: number, imm: number): Raw => {
  const b = new Uint8Array(8);
  const dv = new DataView(b.buffer);
  dv.setUint8(0, code);
  dv.setUint8(1, (src << 4) | dst);
  dv.setInt16(2, off, true);
  dv.setInt32(4, imm, true);
  return b;
};
const ja1 = (): Raw[] => [raw(0x05, 0, 0, 1, 0), raw(0xb7, 0, 0, 0, 0)];
/** BPF_MOV64_PERCPU_REG: this CPU's copy of a per-CPU pointer. */
const percpu = (): Raw => raw(0xbf, 0, 0, -1, 0);

/** r0 = index (bounds-checked; bypass_spec_v1 for a privileged loader: no index mask), scaled by `elem`. */
function arrayIndex(map: MapObject, skip: number, elem: number): Raw[] {
  const scale = Number.isInteger(Math.log2(elem)) ? raw(0x67, 0, 0, 0, Math.log2(elem)) : raw(0x27, 0, 0, 0, elem);
  return [
    raw(0x07, 1, 0, 0, ARRAY_VALUE),
    raw(0x61, 0, 2, 0, 0),
    raw(0x35, 0, 0, skip, map.maxEntries),
    scale,
    raw(0x0f, 0, 1, 0, 0),
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
      return [...arrayIndex(map, 5, 8), raw(0x79, 0, 0, 0, 0), percpu(), ...ja1()];
    case 'array_of_maps':
      return [...arrayIndex(map, 5, 8), raw(0x79, 0, 0, 0, 0), raw(0x15, 0, 0, 1, 0), ...ja1()];
    case 'hash':
      return [call, raw(0x15, 0, 0, 1, 0), raw(0x07, 0, 0, 0, key)];
    case 'lru_hash':
      return [
        call,
        raw(0x15, 0, 0, 4, 0),
        raw(0x71, 1, 0, 0, 0),
        raw(0x55, 1, 0, 1, 0),
        raw(0x72, 0, 0, 0, 1),
        raw(0x07, 0, 0, 0, key),
      ];
    case 'percpu_hash':
      return [call, raw(0x15, 0, 0, 3, 0), raw(0x07, 0, 0, 0, key), raw(0x79, 0, 0, 0, 0), percpu()];
    case 'xskmap':
      return [
        raw(0x61, 0, 2, 0, 0),
        raw(0x35, 0, 0, 5, map.maxEntries),
        raw(0x67, 0, 0, 0, 3),
        raw(0x07, 1, 0, 0, XSK_MAP),
        raw(0x0f, 0, 1, 0, 0),
        raw(0x79, 0, 0, 0, 0),
        ...ja1(),
      ];
    case 'hash_of_maps':
      return [call, raw(0x15, 0, 0, 2, 0), raw(0x07, 0, 0, 0, key), raw(0x79, 0, 0, 0, 0)];
    default:
      return [call];
  }
}
