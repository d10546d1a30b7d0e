// BTF on map creation: BPF_BTF_LOAD's struct checks, then the kernel's map_check_btf (kernel/bpf/syscall.c):
// key/value sizes, the value's special fields (bpf_spin_lock, bpf_timer, kptrs) and which map types take them.

import { MAP_FLAGS } from '../../../shared/bpf/types.js';
import type { Btf } from '../../../shared/btf/btf.js';
import { parseBtf } from '../../../shared/btf/btf.js';
import {
  type FieldKind,
  MAP_VALUE_FIELDS,
  parseSpecialFields,
  type SpecialField,
  structMetasProblem,
} from '../../../shared/btf/special-fields.js';
import type { MapSpec } from '../../../shared/engine.js';

import { fail } from './stores.js';

/** Types whose ops have map_check_no_btf: BTF key/value types are ENOTSUPP (524). */
const NO_BTF: ReadonlySet<string> = new Set([
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
]);
/** Types with their own map_check_btf callback (only these may leave btf_key_type_id 0). */
const HAS_CHECK: ReadonlySet<string> = new Set([...NO_BTF, 'array', 'percpu_array', 'bloom_filter', 'lpm_trie']);
const STORAGE = ['cgroup_storage', 'sk_storage', 'inode_storage', 'task_storage', 'cgrp_storage'];
const TIMERS = ['hash', 'lru_hash', 'array'];
const KPTRS = ['hash', 'percpu_hash', 'lru_hash', 'lru_percpu_hash', 'array', 'percpu_array', ...STORAGE.slice(1)];
/** Which map types may have each special field in their values. */
const ALLOWED: Record<FieldKind, readonly string[]> = {
  spin_lock: ['hash', 'array', ...STORAGE],
  res_spin_lock: ['hash', 'array', ...STORAGE],
  timer: TIMERS,
  wq: TIMERS,
  task_work: TIMERS,
  kptr_unref: KPTRS,
  kptr_ref: KPTRS,
  kptr_percpu: KPTRS,
  refcount: KPTRS,
  uptr: ['task_storage'],
  list_head: TIMERS,
  rb_root: TIMERS,
  list_node: [],
  rb_node: [],
};

/** BPF_BTF_LOAD's checks beyond the header, and MAP_CREATE's first BTF rule; both come before any other check. */
export function checkBtfLoad(spec: MapSpec): void {
  const b = spec.btf;
  if (!b) return;
  const btf = parseBtf(b.data);
  if (btf.count === 1) fail('EINVAL', 'BPF_BTF_LOAD refuses BTF without types (EINVAL).');
  const problem = structMetasProblem(btf);
  if (problem) fail(problem.errno, `BPF_BTF_LOAD refuses the BTF: ${problem.why} (${problem.errno}).`);
  if (b.keyTypeId !== 0 && b.valueTypeId === 0) fail('EINVAL', 'A BTF key type needs a BTF value type too (EINVAL).');
}

/** Whether the map keeps the BTF: only when a key or value type id is given (else btf_fd is not looked at). */
export function attachesBtf(spec: MapSpec): boolean {
  return !!spec.btf && (spec.btf.keyTypeId !== 0 || spec.btf.valueTypeId !== 0);
}

/** Throws what BPF_MAP_CREATE answers for BTF this map cannot carry; the value's special fields otherwise. */
export function checkMapBtf(spec: MapSpec, flags: number): SpecialField[] {
  const b = spec.btf;
  if (!b || !attachesBtf(spec)) return [];
  const btf = parseBtf(b.data);
  let key: number | undefined;
  if (b.keyTypeId !== 0) {
    key = sizedType(btf, b.keyTypeId);
    if (key === undefined || btf.sizeof(key) !== spec.keySize)
      fail('EINVAL', `The BTF key type ${b.keyTypeId} does not have the map's key size ${spec.keySize} (EINVAL).`);
  } else if (!HAS_CHECK.has(spec.type)) fail('EINVAL', `A ${spec.type} map needs a BTF key type (EINVAL).`);
  const value = sizedType(btf, b.valueTypeId);
  if (value === undefined || btf.sizeof(value) !== spec.valueSize)
    fail(
      'EINVAL',
      `The BTF value type ${b.valueTypeId} does not have the map's value size ${spec.valueSize} (EINVAL).`,
    );
  const record = parseSpecialFields(btf, value, MAP_VALUE_FIELDS, spec.valueSize);
  // A value the kernel cannot parse keeps no special fields; creation goes on.
  const fields = 'fields' in record ? record.fields : [];
  if (fields.length) {
    if (flags & (MAP_FLAGS.rdonly_prog | MAP_FLAGS.wronly_prog))
      fail('EACCES', 'A map whose value has special fields cannot be read-only or write-only for programs (EACCES).');
    const bad = fields.find((f) => !ALLOWED[f.kind].includes(spec.type));
    if (bad) fail('EOPNOTSUPP', `A ${spec.type} map cannot hold a ${bad.kind} in its value (EOPNOTSUPP).`);
  }
  typeCheck(spec, btf, key, value);
  return fields;
}

/** map_freeze: a map whose value has special fields cannot be frozen (checked before the handle's access). */
export function checkFreezable(fields: readonly SpecialField[] | undefined): void {
  if (fields?.length) fail('ENOTSUPP', 'A map with special fields in its value cannot be frozen (ENOTSUPP, 524).');
}

/** btf_type_id_size: the type behind modifiers if it has a size (void, fwd and functions have none). */
function sizedType(btf: Btf, id: number): number | undefined {
  if (id >= btf.count) return undefined;
  try {
    btf.sizeof(id);
    return btf.resolve(id).id;
  } catch {
    return undefined;
  }
}

/** The map type's own map_check_btf callback. */
function typeCheck(spec: MapSpec, btf: Btf, key: number | undefined, value: number): void {
  if (NO_BTF.has(spec.type)) fail('ENOTSUPP', `A ${spec.type} map takes no BTF key/value types (ENOTSUPP, 524).`);
  const k = key === undefined ? undefined : btf.type(key);
  if (spec.type === 'array' || spec.type === 'percpu_array') {
    if (!k) {
      // Global data: a keyless array of one DATASEC.
      if (spec.type !== 'array' || spec.maxEntries !== 1 || btf.type(value).kind !== 'datasec')
        fail('EINVAL', 'Only a one-entry array with a DATASEC value may have no BTF key (EINVAL).');
    } else if (k.kind !== 'int' || k.size !== 4)
      fail('EINVAL', 'An array map needs a 32-bit integer BTF key (EINVAL).');
  }
  if (spec.type === 'lpm_trie' && k?.kind !== 'struct')
    fail('EINVAL', 'An lpm_trie map needs a struct BTF key (EINVAL).');
  if (spec.type === 'bloom_filter' && k) fail('EINVAL', 'A bloom filter takes no BTF key type (EINVAL).');
}
