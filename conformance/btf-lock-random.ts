// Random-run pieces for map BTF and element flags: maps whose BTF has a spin lock, a timer or a kptr, and
// BPF_F_LOCK / raw flag bits on lookups and updates.
import fc from 'fast-check';

import type { MapBtfDesc } from '../shared/btf/describe.js';

import type { ScenarioOp } from './scenario.js';

type MapCreate = Extract<ScenarioOp, { op: 'map_create' }>;
type Shape = Omit<MapCreate, 'op' | 'as' | 'name'>;

const LOCKED: Pick<MapBtfDesc, 'types'> = {
  types: {
    val: {
      struct: [
        ['lock', 'bpf_spin_lock'],
        ['cnt', 'u32'],
        ['data', 'u64'],
      ],
    },
  },
};
const TIMED: Pick<MapBtfDesc, 'types'> = { types: { val: { struct: [['t', 'bpf_timer']] } } };
const KPTR: Pick<MapBtfDesc, 'types'> = {
  types: { bpfscope_node: { struct: [['x', 'u64']] }, val: { struct: [['p', { kptr: 'bpfscope_node' }]] } },
};
const lockedBtf: MapBtfDesc = { ...LOCKED, key: 'u32', value: 'val' };
const timedBtf: MapBtfDesc = { ...TIMED, key: 'u32', value: 'val' };
const kptrBtf: MapBtfDesc = { ...KPTR, key: 'u32', value: 'val' };

/** Map shapes with BTF; 16-byte values fit the random values of two u64s. */
export const BTF_MAP_SHAPES: Shape[] = [
  { type: 'hash', key_size: 4, value_size: 16, max_entries: 4, flags: [], btf: lockedBtf },
  { type: 'hash', key_size: 4, value_size: 16, max_entries: 1, flags: ['zero_seed'], btf: lockedBtf },
  { type: 'array', key_size: 4, value_size: 16, max_entries: 4, flags: [], btf: lockedBtf },
  { type: 'array', key_size: 4, value_size: 16, max_entries: 3, flags: [], btf: timedBtf },
  { type: 'lru_hash', key_size: 4, value_size: 16, max_entries: 3, flags: [], btf: timedBtf },
  { type: 'percpu_hash', key_size: 4, value_size: 16, max_entries: 4, flags: [], btf: lockedBtf },
  { type: 'percpu_array', key_size: 4, value_size: 8, max_entries: 2, flags: [], btf: kptrBtf },
  { type: 'hash', key_size: 4, value_size: 8, max_entries: 4, flags: [], btf: { key: 'u32', value: 'u64' } },
  { type: 'array', key_size: 4, value_size: 8, max_entries: 4, flags: ['rdonly_prog'], btf: lockedBtf },
];

/** Element flags of a lookup or lookup_and_delete: mostly none, often BPF_F_LOCK, sometimes refused bits. */
export const lookupFlags: fc.Arbitrary<{ lock?: true; raw_flags?: number }> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({}) },
  { weight: 3, arbitrary: fc.constant({ lock: true as const }) },
  { weight: 1, arbitrary: fc.constantFrom(1, 2, 8).map((raw_flags) => ({ raw_flags })) },
);

/** Extra update flags: BPF_F_LOCK beside any/noexist/exist, or raw bits (noexist|exist, bits above the lock). */
export const updateFlags: fc.Arbitrary<{ lock?: true; raw_flags?: number }> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({}) },
  { weight: 3, arbitrary: fc.constant({ lock: true as const }) },
  { weight: 1, arbitrary: fc.constantFrom(3, 7, 8).map((raw_flags) => ({ raw_flags })) },
);
