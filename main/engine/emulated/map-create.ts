// BPF_MAP_CREATE as the kernel checks it: generic rules, then the per-type alloc checks, then the name.

import { objectNameProblem } from '../../../shared/bpf/paths.js';
import {
  MAP_FLAGS as F,
  MAP_TYPES,
  type MapTypeName,
  mapFlagsFromNames,
  PERCPU_MAP_TYPES,
  valueWireSize,
} from '../../../shared/bpf/types.js';
import type { MapSpec } from '../../../shared/engine.js';

import { FdArrayStore } from './fd-array-store.js';
import { HashStore } from './hash-store.js';
import type { BpfObject, InnerMeta, MapObject } from './objects.js';
import { BloomStore, LpmStore, QueueStore, RingbufStore } from './other-stores.js';
import { ArrayStore, type ElemStore, type EntryRefs, fail } from './stores.js';

const ACCESS = F.rdonly | F.wronly | F.rdonly_prog | F.wronly_prog;
const ARRAY_MASK = F.numa_node | F.mmapable | ACCESS | F.preserve_elems | F.inner_map;
const HTAB_MASK = F.no_prealloc | F.no_common_lru | F.numa_node | ACCESS | F.zero_seed;
const QUEUE_MASK = F.numa_node | ACCESS;
const LPM_MASK = F.no_prealloc | F.numa_node | ACCESS;
const BLOOM_MASK = F.numa_node | F.zero_seed | ACCESS;
/** KMALLOC_MAX_SIZE on x86_64 and sizeof(struct htab_elem). */
const KMALLOC_MAX = 4 << 20;
const HTAB_ELEM = 48;
const PCPU_MIN_UNIT = 32768;
const PAGE = 4096;

const HASHES: ReadonlySet<MapTypeName> = new Set([
  'hash',
  'percpu_hash',
  'lru_hash',
  'lru_percpu_hash',
  'hash_of_maps',
]);
const ARRAYS: ReadonlySet<MapTypeName> = new Set([
  'array',
  'percpu_array',
  'prog_array',
  'perf_event_array',
  'array_of_maps',
]);
const FD_MAPS: ReadonlySet<MapTypeName> = new Set(['prog_array', 'perf_event_array', 'array_of_maps', 'hash_of_maps']);

const bad = (why: string): never => fail('EINVAL', `${why} (EINVAL).`);
const accessOk = (flags: number): boolean =>
  (flags & (F.rdonly_prog | F.wronly_prog)) !== (F.rdonly_prog | F.wronly_prog);

function checkArray(s: MapSpec, flags: number): void {
  const percpu = s.type === 'percpu_array';
  if (
    s.maxEntries === 0 ||
    s.keySize !== 4 ||
    s.valueSize === 0 ||
    flags & ~ARRAY_MASK ||
    !accessOk(flags) ||
    (percpu && flags & F.numa_node)
  )
    bad('Arrays need key_size 4, value_size > 0, max_entries > 0 and array flags only');
  if (s.type !== 'array' && flags & (F.mmapable | F.inner_map)) bad('mmapable and inner_map are only for plain arrays');
  if (s.type !== 'perf_event_array' && flags & F.preserve_elems) bad('preserve_elems is only for perf_event_array');
  if (s.valueSize > 0x7fffffff) fail('E2BIG', 'value_size is too large (E2BIG).');
  if (percpu && Math.ceil(s.valueSize / 8) * 8 > PCPU_MIN_UNIT)
    fail('E2BIG', 'Per-CPU values are at most 32 KiB (E2BIG).');
}

function checkHash(s: MapSpec, flags: number): void {
  const lru = s.type === 'lru_hash' || s.type === 'lru_percpu_hash';
  const percpu = PERCPU_MAP_TYPES.has(s.type);
  if (flags & ~HTAB_MASK || !accessOk(flags)) bad('Flag not allowed on hash maps');
  if (!lru && flags & F.no_common_lru) bad('no_common_lru is only for LRU maps');
  if (lru && flags & F.no_prealloc) fail('ENOTSUPP', 'LRU maps are always preallocated (ENOTSUPP, 524).');
  if (flags & F.numa_node && (percpu || flags & F.no_common_lru)) bad('numa_node is not allowed on per-CPU maps');
  if (s.maxEntries === 0 || s.keySize === 0 || s.valueSize === 0)
    bad('key_size, value_size and max_entries must be > 0');
  if (s.keySize + s.valueSize >= KMALLOC_MAX - HTAB_ELEM) fail('E2BIG', 'key_size + value_size is too large (E2BIG).');
  if (percpu && Math.ceil(s.valueSize / 8) * 8 > PCPU_MIN_UNIT)
    fail('E2BIG', 'Per-CPU values are at most 32 KiB (E2BIG).');
  if (s.maxEntries > 2 ** 31) fail('E2BIG', 'max_entries is above 2^31 (E2BIG).');
}

/** The kernel's alloc_check / alloc validation for one map type; returns nothing or throws. */
function checkType(s: MapSpec, flags: number): void {
  if (FD_MAPS.has(s.type)) {
    if (s.valueSize !== 4) bad(`${s.type} needs value_size 4`);
    if (s.type !== 'hash_of_maps' && flags & (F.rdonly_prog | F.wronly_prog))
      bad('rdonly_prog/wronly_prog are not allowed on fd maps');
  }
  if (ARRAYS.has(s.type)) return checkArray(s, flags);
  if (HASHES.has(s.type)) return checkHash(s, flags);
  switch (s.type) {
    case 'queue':
    case 'stack':
      if (s.maxEntries === 0 || s.keySize !== 0 || s.valueSize === 0 || flags & ~QUEUE_MASK || !accessOk(flags)) {
        bad('Queues and stacks need key_size 0, value_size > 0 and max_entries > 0');
      }
      if (s.valueSize > KMALLOC_MAX) fail('E2BIG', 'value_size is too large (E2BIG).');
      return;
    case 'ringbuf':
      if (flags & ~F.numa_node) bad('ringbuf only takes the numa_node flag');
      if (s.keySize || s.valueSize || !isPow2(s.maxEntries) || s.maxEntries % PAGE) {
        bad('ringbuf needs key_size 0, value_size 0 and max_entries a power of two multiple of 4096');
      }
      return;
    case 'lpm_trie':
      if (
        s.maxEntries === 0 ||
        !(flags & F.no_prealloc) ||
        flags & ~LPM_MASK ||
        !accessOk(flags) ||
        s.keySize < 5 ||
        s.keySize > 260 ||
        s.valueSize < 1 ||
        s.valueSize > KMALLOC_MAX - 256 - 40
      ) {
        bad('lpm_trie needs the no_prealloc flag, key_size 5..260 and value_size >= 1');
      }
      return;
    case 'bloom_filter':
      if (s.valueSize > KMALLOC_MAX) fail('E2BIG', 'value_size is too large (E2BIG).');
      if (
        s.keySize !== 0 ||
        s.valueSize === 0 ||
        s.maxEntries === 0 ||
        flags & ~BLOOM_MASK ||
        !accessOk(flags) ||
        (s.mapExtra ?? 0) & ~0xf
      )
        bad('bloom_filter needs key_size 0, value_size > 0 and map_extra 0..15');
      return;
    default:
      fail('EOPNOTSUPP', `The emulated engine does not model ${s.type} maps; use the native engine.`);
  }
}

function isPow2(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

/** Validates a spec like BPF_MAP_CREATE; returns the retained map_flags and the open access of the new fd. */
export function checkMapSpec(
  s: MapSpec,
  inner: MapObject | undefined,
  innerGiven: boolean,
): { flags: number; innerMeta?: InnerMeta | undefined } {
  let flags: number;
  try {
    flags = mapFlagsFromNames(s.flags);
  } catch {
    return bad(`Unknown map flag in [${s.flags.join(', ')}]`);
  }
  if (s.type !== 'bloom_filter' && (s.mapExtra ?? 0) !== 0) bad('map_extra is only for bloom filters');
  if (flags & F.rdonly && flags & F.wronly) bad('rdonly and wronly together');
  if (!(s.type in MAP_TYPES)) bad(`Unknown map type ${String(s.type)}`);
  checkType(s, flags);
  let innerMeta: InnerMeta | undefined;
  if (s.type === 'array_of_maps' || s.type === 'hash_of_maps') {
    if (!inner) fail(innerGiven ? 'EBADF' : 'EINVAL', 'Map-in-map needs an inner map template (innerHandle of a map).');
    if (inner.type === 'prog_array') fail('ENOTSUPP', 'A prog_array cannot be an inner map (ENOTSUPP, 524).');
    if (inner.innerMeta) bad('Only one level of map-in-map is allowed');
    innerMeta = {
      type: inner.type,
      keySize: inner.keySize,
      valueSize: inner.valueSize,
      maxEntries: inner.maxEntries,
      flags: inner.flags,
    };
  }
  const problem = objectNameProblem(s.name);
  if (problem) fail('EINVAL', problem);
  return { flags: flags & ~(F.rdonly | F.wronly), innerMeta };
}

/** Whether `obj` may be stored in a map-in-map whose template is `meta` (bpf_map_meta_equal). */
export function innerCompatible(meta: InnerMeta, obj: BpfObject): boolean {
  if (obj.kind !== 'map' || obj.innerMeta) return false;
  const same =
    obj.type === meta.type &&
    obj.keySize === meta.keySize &&
    obj.valueSize === meta.valueSize &&
    obj.flags === meta.flags;
  const arrayLike = meta.type === 'array' || meta.type === 'percpu_array';
  return same && (!arrayLike || meta.flags & F.inner_map ? true : obj.maxEntries === meta.maxEntries);
}

/** The element store for a validated map; `bind` checks what an fd map may hold. */
export function makeStore(map: MapObject, possibleCpus: number, refs: EntryRefs): ElemStore {
  const wire = valueWireSize(map.type, map.valueSize, possibleCpus);
  const checkMapValue = (obj: BpfObject): void => {
    if (!map.innerMeta || !innerCompatible(map.innerMeta, obj)) bad('The map does not match the inner map template');
  };
  const checkProgValue = (obj: BpfObject): void => {
    if (obj.kind !== 'prog') return bad('A prog_array holds programs');
    // The first program binds the array to its program type (bpf_prog_map_compatible).
    map.progOwner ??= obj.type;
    if (map.progOwner !== obj.type) bad(`This prog_array holds ${map.progOwner} programs`);
  };
  switch (map.type) {
    case 'array':
    case 'percpu_array':
      return new ArrayStore(map.maxEntries, wire);
    case 'prog_array':
      return new FdArrayStore(map.maxEntries, refs, checkProgValue, true, true, false);
    case 'array_of_maps':
      return new FdArrayStore(map.maxEntries, refs, checkMapValue, true, false, true);
    case 'perf_event_array':
      return new FdArrayStore(
        map.maxEntries,
        refs,
        () => fail('EBADF', 'A perf_event_array holds perf event fds.'),
        false,
        false,
        false,
      );
    case 'hash_of_maps':
      return new HashStore({ maxEntries: map.maxEntries, lru: false, fdValues: { refs, check: checkMapValue } });
    case 'hash':
    case 'percpu_hash':
      return new HashStore({ maxEntries: map.maxEntries, lru: false });
    case 'lru_hash':
    case 'lru_percpu_hash':
      return new HashStore({ maxEntries: map.maxEntries, lru: true });
    case 'queue':
    case 'stack':
      return new QueueStore(map.maxEntries, map.type === 'stack');
    case 'ringbuf':
      return new RingbufStore();
    case 'lpm_trie':
      return new LpmStore(map.keySize, map.maxEntries);
    case 'bloom_filter':
      return new BloomStore(map.valueSize);
    default:
      return fail('EOPNOTSUPP', `The emulated engine does not model ${map.type} maps.`);
  }
}
