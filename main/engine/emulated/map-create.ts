// BPF_MAP_CREATE as the kernel checks it: generic rules, then the per-type alloc checks, then the name.

import { type MapRuleEnv, mapCreateRules } from '../../../shared/bpf/map-rules.js';
import { objectNameProblem } from '../../../shared/bpf/paths.js';
import { MAP_FLAGS as F, valueWireSize } from '../../../shared/bpf/types.js';
import type { MapSpec } from '../../../shared/engine.js';
import type { ErrnoCode } from '../../../shared/errors.js';
import { createMapOp, refusal } from '../../../shared/refusal.js';

import { BloomStore } from './bloom-store.js';
import { FdArrayStore } from './fd-array-store.js';
import { HashStore } from './hash-store.js';
import type { BpfObject, InnerMeta, MapObject } from './objects.js';
import { EmptyStore, LpmStore, QueueStore, RingbufStore } from './other-stores.js';
import { ArrayStore, type ElemStore, type EntryRefs, fail } from './stores.js';

const bad = (why: string): never => fail('EINVAL', `${why} (EINVAL).`);

/** Validates a spec like BPF_MAP_CREATE; returns the retained map_flags and the open access of the new fd. */
export function checkMapSpec(
  s: MapSpec,
  inner: MapObject | undefined,
  innerGiven: boolean,
  env: MapRuleEnv,
): { flags: number; innerMeta?: InnerMeta | undefined } {
  const ruled = mapCreateRules(s, env);
  if ('problem' in ruled) return fail(ruled.problem.code, ruled.problem.message);
  const { flags } = ruled;
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
  // What is wrong with the name is the hint, as in the native engine, which learns only the EINVAL.
  if (problem) throw refusal('EINVAL', createMapOp(s.type), { hint: problem });
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

const HASHED_EMPTY = new Set(['devmap_hash', 'sockhash', 'stack_trace']);
/** Per type: what deleting an empty slot says, then an index beyond max_entries (each type's delete_elem). */
const EMPTY_DELETE: Record<string, [ErrnoCode | 'ok', ErrnoCode]> = {
  devmap: ['ok', 'EINVAL'],
  cpumap: ['ok', 'EINVAL'],
  xskmap: ['ok', 'EINVAL'],
  sockmap: ['EINVAL', 'EINVAL'],
  reuseport_sockarray: ['ENOENT', 'E2BIG'],
  cgroup_array: ['ENOENT', 'E2BIG'],
};
function emptyStore(map: MapObject, lookup: ErrnoCode): EmptyStore {
  const [deleteEmpty, deleteBeyond] = EMPTY_DELETE[map.type] ?? ['ENOENT', 'E2BIG'];
  const indexed = !HASHED_EMPTY.has(map.type);
  return new EmptyStore({ indexed, maxEntries: map.maxEntries, lookup, batch: false, deleteEmpty, deleteBeyond });
}

/** The element store for a validated map; `bind` checks what an fd map may hold. */
export function makeStore(map: MapObject, possibleCpus: number, refs: EntryRefs, cpu = 0): ElemStore {
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
  const zeroSeed = (map.flags & F.zero_seed) !== 0;
  // A fixed per-map stand-in for the kernel's random hashrnd, so the emulator stays reproducible.
  const seed = Math.imul(map.id, 0x9e3779b1) >>> 0;
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
      return new HashStore({ maxEntries: map.maxEntries, zeroSeed, seed, fdValues: { refs, check: checkMapValue } });
    case 'hash':
    case 'percpu_hash':
      return new HashStore({ maxEntries: map.maxEntries, zeroSeed, seed, inPlace: map.type === 'percpu_hash' });
    case 'lru_hash':
    case 'lru_percpu_hash': {
      const noCommonLru = (map.flags & F.no_common_lru) !== 0;
      const percpuValues = map.type === 'lru_percpu_hash';
      const lru = { possibleCpus, cpu, noCommonLru, percpuValues };
      return new HashStore({ maxEntries: map.maxEntries, zeroSeed, seed, inPlace: percpuValues, lru });
    }
    case 'queue':
    case 'stack':
      return new QueueStore(map.maxEntries, map.type === 'stack');
    case 'ringbuf':
    case 'user_ringbuf':
      return new RingbufStore();
    case 'lpm_trie':
      return new LpmStore(map.keySize, map.maxEntries);
    case 'bloom_filter':
      return new BloomStore(map.valueSize, map.maxEntries, map.mapExtra, zeroSeed);
    case 'devmap':
    case 'cpumap':
    case 'devmap_hash':
    case 'stack_trace':
      return emptyStore(map, 'ENOENT');
    // Socket maps copy out a u64 cookie: a 4-byte value has no room for it (ENOSPC).
    case 'sockmap':
    case 'sockhash':
    case 'reuseport_sockarray':
      return emptyStore(map, map.valueSize === 8 ? 'ENOENT' : 'ENOSPC');
    case 'xskmap':
      return emptyStore(map, 'EOPNOTSUPP');
    case 'cgroup_array':
      return emptyStore(map, 'ENOTSUPP');
    default:
      return fail('EOPNOTSUPP', `The emulated engine does not model ${map.type} maps.`);
  }
}
