// The kernel's map_check_btf: BTF key/value types attached to a new map must have the map's sizes, and each
// map type decides which types it takes (arrays a u32 key; global-data arrays no key and a DATASEC value).

import { parseBtf } from '../../../shared/btf/btf.js';
import type { MapSpec } from '../../../shared/engine.js';

import { fail } from './stores.js';

/** Types whose ops have map_check_no_btf or no BTF support at all. */
const NO_BTF: ReadonlySet<string> = new Set([
  'prog_array',
  'perf_event_array',
  'cgroup_array',
  'array_of_maps',
  'hash_of_maps',
  'stack_trace',
  'devmap',
  'devmap_hash',
  'cpumap',
  'xskmap',
  'sockmap',
  'sockhash',
  'reuseport_sockarray',
  'queue',
  'stack',
  'ringbuf',
  'user_ringbuf',
]);
const ARRAYS: ReadonlySet<string> = new Set(['array', 'percpu_array']);

/** Throws what BPF_MAP_CREATE answers for BTF this map cannot carry. */
export function checkMapBtf(spec: MapSpec): void {
  const b = spec.btf;
  if (!b || (b.keyTypeId === 0 && b.valueTypeId === 0)) return;
  if (NO_BTF.has(spec.type)) fail('EOPNOTSUPP', `A ${spec.type} map takes no BTF key/value types (ENOTSUPP).`);
  const btf = parseBtf(b.data);
  const sizeOf = (id: number): number => {
    try {
      return btf.sizeof(id);
    } catch {
      return fail('EINVAL', `BTF type ${id} has no size (EINVAL).`);
    }
  };
  if (b.keyTypeId !== 0 && sizeOf(b.keyTypeId) !== spec.keySize)
    fail('EINVAL', `The BTF key type ${b.keyTypeId} is not ${spec.keySize} bytes (EINVAL).`);
  if (b.valueTypeId === 0 || sizeOf(b.valueTypeId) !== spec.valueSize)
    fail('EINVAL', `The BTF value type ${b.valueTypeId} is not ${spec.valueSize} bytes (EINVAL).`);
  const key = b.keyTypeId === 0 ? undefined : btf.resolve(b.keyTypeId);
  if (ARRAYS.has(spec.type)) {
    if (!key) {
      // Global data: a keyless array of one DATASEC.
      if (spec.type !== 'array' || spec.maxEntries !== 1 || btf.type(b.valueTypeId).kind !== 'datasec')
        fail('EINVAL', 'Only a one-entry array with a DATASEC value may have no BTF key (EINVAL).');
    } else if (key.kind !== 'int' || key.bits !== 32 || key.bitOffset !== 0)
      fail('EINVAL', 'An array map needs a 32-bit integer BTF key (EINVAL).');
    return;
  }
  if (!key && spec.type !== 'bloom_filter') fail('EINVAL', `A ${spec.type} map needs a BTF key type (EINVAL).`);
  if (spec.type === 'lpm_trie' && key?.kind !== 'struct')
    fail('EINVAL', 'An lpm_trie map needs a struct BTF key (EINVAL).');
}
