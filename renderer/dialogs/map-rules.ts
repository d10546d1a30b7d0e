// BPF_MAP_CREATE's per-type rules (docs/bpffs-semantics.md §5), as field problems for the New map dialog.
import { mapCreateRules } from '../../shared/bpf/map-rules.js';
import type { MapTypeName } from '../../shared/bpf/types.js';

import type { Problem } from './validation.js';

export const MAP_TYPE_CHOICES: MapTypeName[] = [
  'hash',
  'array',
  'prog_array',
  'perf_event_array',
  'percpu_hash',
  'percpu_array',
  'lru_hash',
  'lru_percpu_hash',
  'lpm_trie',
  'array_of_maps',
  'hash_of_maps',
  'queue',
  'stack',
  'ringbuf',
  'bloom_filter',
  'devmap',
  'devmap_hash',
  'cpumap',
  'xskmap',
  'sockmap',
  'sockhash',
  'reuseport_sockarray',
  'cgroup_array',
  'stack_trace',
];

export const MAP_FLAG_CHOICES = [
  'no_prealloc',
  'no_common_lru',
  'rdonly',
  'wronly',
  'zero_seed',
  'rdonly_prog',
  'wronly_prog',
  'mmapable',
  'preserve_elems',
  'inner_map',
] as const;

export interface MapShape {
  type: MapTypeName;
  keySize: number;
  valueSize: number;
  maxEntries: number;
  flags: readonly string[];
  mapExtra: number;
}

export type MapField = 'keySize' | 'valueSize' | 'maxEntries' | 'flags' | 'mapExtra';
export type MapProblems = Partial<Record<MapField, Problem>>;

/** Sizes that make a valid map of each type, applied when the type changes. */
export function defaultsFor(type: MapTypeName): Omit<MapShape, 'type'> {
  const base = { keySize: 4, valueSize: 8, maxEntries: 1024, flags: [] as string[], mapExtra: 0 };
  switch (type) {
    case 'prog_array':
    case 'perf_event_array':
    case 'cgroup_array':
    case 'xskmap':
    case 'array_of_maps':
    case 'hash_of_maps':
      return { ...base, valueSize: 4, maxEntries: 16 };
    case 'ringbuf':
      return { ...base, keySize: 0, valueSize: 0, maxEntries: 4096 };
    case 'queue':
    case 'stack':
      return { ...base, keySize: 0, maxEntries: 64 };
    case 'bloom_filter':
      return { ...base, keySize: 0 };
    case 'lpm_trie':
      return { ...base, keySize: 8, flags: ['no_prealloc'] };
    default:
      return base;
  }
}

/** The kernel's first refusal (shared/bpf/map-rules.ts), shown at the field it is about. */
export function mapProblems(m: MapShape): MapProblems {
  // Memory and CPU count are the host's business: the dialog checks the shape only.
  const ruled = mapCreateRules(m, { possibleCpus: 1 });
  if (!('problem' in ruled)) return {};
  const { code, field, message } = ruled.problem;
  return { [field === 'type' ? 'flags' : field]: { code, message } };
}

export const needsInnerMap = (type: MapTypeName): boolean => type === 'array_of_maps' || type === 'hash_of_maps';
