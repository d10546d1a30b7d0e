// BPF_MAP_CREATE's per-type rules (docs/bpffs-semantics.md §5), as field problems for the New map dialog.
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

const einval = (message: string): Problem => ({ code: 'EINVAL', message });
const ARRAYS = new Set(['array', 'percpu_array']);
const HASHES = new Set(['hash', 'percpu_hash', 'lru_hash', 'lru_percpu_hash']);
const LRU = new Set(['lru_hash', 'lru_percpu_hash']);
const PERCPU = new Set(['percpu_array', 'percpu_hash', 'lru_percpu_hash']);

function exactly(field: string, size: number, want: number): Problem | undefined {
  return size === want ? undefined : einval(`${field} must be ${want} for this map type.`);
}
const positive = (field: string, n: number): Problem | undefined =>
  n > 0 ? undefined : einval(`${field} must be greater than 0.`);

function flagProblem(m: MapShape): Problem | undefined {
  const has = (f: string): boolean => m.flags.includes(f);
  if (has('rdonly') && has('wronly')) return einval('rdonly and wronly exclude each other.');
  if (ARRAYS.has(m.type) && (has('no_prealloc') || has('zero_seed')))
    return einval('Arrays refuse no_prealloc and zero_seed.');
  if (has('mmapable') && m.type !== 'array') return einval('mmapable is only allowed on array maps.');
  if (has('no_common_lru') && !LRU.has(m.type)) return einval('no_common_lru is only allowed on LRU maps.');
  if (LRU.has(m.type) && has('no_prealloc')) return { code: 'ENOTSUPP', message: 'LRU maps cannot use no_prealloc.' };
  if (m.type === 'lpm_trie' && !has('no_prealloc')) return einval('lpm_trie requires no_prealloc.');
  return undefined;
}

export function mapProblems(m: MapShape): MapProblems {
  const p: MapProblems = {};
  const set = (field: MapField, problem: Problem | undefined): void => {
    if (problem && !p[field]) p[field] = problem;
  };
  set('flags', flagProblem(m));
  set('maxEntries', positive('Max entries', m.maxEntries));
  if (PERCPU.has(m.type) && Math.ceil(m.valueSize / 8) * 8 > 32768) {
    set('valueSize', { code: 'E2BIG', message: 'Per-CPU values are at most 32768 bytes.' });
  }
  if (ARRAYS.has(m.type)) {
    set('keySize', exactly('Key size', m.keySize, 4));
    set('valueSize', positive('Value size', m.valueSize));
  } else if (HASHES.has(m.type)) {
    set('keySize', positive('Key size', m.keySize));
    set('valueSize', positive('Value size', m.valueSize));
    if (m.maxEntries > 2 ** 31) set('maxEntries', { code: 'E2BIG', message: 'Hash maps hold at most 2^31 entries.' });
  } else if (m.type === 'prog_array' || m.type === 'perf_event_array' || m.type === 'array_of_maps') {
    set('keySize', exactly('Key size', m.keySize, 4));
    set('valueSize', exactly('Value size', m.valueSize, 4));
  } else if (m.type === 'hash_of_maps') {
    set('keySize', positive('Key size', m.keySize));
    set('valueSize', exactly('Value size', m.valueSize, 4));
  } else if (m.type === 'ringbuf') {
    set('keySize', exactly('Key size', m.keySize, 0));
    set('valueSize', exactly('Value size', m.valueSize, 0));
    const pow2 = m.maxEntries > 0 && (m.maxEntries & (m.maxEntries - 1)) === 0;
    if (!pow2 || m.maxEntries % 4096 !== 0)
      set('maxEntries', einval('Max entries must be a power of two and a multiple of 4096.'));
  } else if (m.type === 'queue' || m.type === 'stack') {
    set('keySize', exactly('Key size', m.keySize, 0));
    set('valueSize', positive('Value size', m.valueSize));
  } else if (m.type === 'lpm_trie') {
    if (m.keySize < 5 || m.keySize > 260) set('keySize', einval('Key size must be 5 to 260 (prefix length + data).'));
    set('valueSize', positive('Value size', m.valueSize));
  } else if (m.type === 'bloom_filter') {
    set('keySize', exactly('Key size', m.keySize, 0));
    set('valueSize', positive('Value size', m.valueSize));
    if (m.mapExtra > 15) set('mapExtra', einval('The number of hash functions (map extra) is 0 to 15.'));
  }
  return p;
}

export const needsInnerMap = (type: MapTypeName): boolean => type === 'array_of_maps' || type === 'hash_of_maps';
