// Element flags in the emulator: the syscall's checks of BPF_F_LOCK and raw bits, and the special fields
// (bpf_spin_lock, bpf_timer, kptrs) that user space never writes and always reads as zero.

import { lockProblem, lookupFlagsProblem, updateFlagsProblem } from '../../../shared/bpf/elem-flags.js';
import { valueWireSize } from '../../../shared/bpf/types.js';

import type { MapObject } from './objects.js';
import { fail, type UpdateValue } from './stores.js';

/** map_lookup_elem / map_lookup_and_delete_elem: unknown flag bits are EINVAL before the fd is looked at. */
export function checkLookupFlags(flags: number): void {
  const problem = lookupFlagsProblem(flags);
  if (problem) fail('EINVAL', `${problem} (EINVAL).`);
}

/** After the handle's access: BPF_F_LOCK needs a bpf_spin_lock in the value. */
export function checkLock(map: MapObject, flags: number): void {
  const problem = lockProblem(flags, map.specialFields?.some((f) => f.kind === 'spin_lock') ?? false);
  if (problem) fail('EINVAL', `${problem} (EINVAL).`);
}

/** lookup_and_delete: queue and stack take no flags at all; then the BPF_F_LOCK rule. */
export function checkLookupAndDeleteFlags(map: MapObject, flags: number): void {
  if (flags && (map.type === 'queue' || map.type === 'stack'))
    fail('EINVAL', `A ${map.type} pop takes no flags (EINVAL).`);
  checkLock(map, flags);
}

/** map_update_elem after the access check: the lock rule, the type's flag bound, and the value as stored. */
export function prepareUpdate(map: MapObject, flags: number, value: UpdateValue, possibleCpus: number): UpdateValue {
  checkLock(map, flags);
  const problem = updateFlagsProblem(map.type, flags);
  if (problem) fail('EINVAL', `${problem} (EINVAL).`);
  const fields = map.specialFields;
  if (!fields?.length || !(value instanceof Uint8Array)) return value;
  // copy_map_value skips the special fields; a reader sees them as zero (check_and_init_map_value).
  const out = value.slice();
  const stride = Math.ceil(map.valueSize / 8) * 8;
  const copies = valueWireSize(map.type, map.valueSize, possibleCpus) === map.valueSize ? 1 : possibleCpus;
  for (let c = 0; c < copies; c++)
    for (const f of fields) out.fill(0, c * stride + f.offset, c * stride + f.offset + f.size);
  return out;
}
