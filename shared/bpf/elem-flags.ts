// Element flags of BPF_MAP_LOOKUP_ELEM / UPDATE_ELEM / LOOKUP_AND_DELETE_ELEM beyond any/noexist/exist, and
// the kernel's checks of them (kernel/bpf/syscall.c, hashtab.c, arraymap.c).

/** BPF_F_LOCK: copy the value while holding the element's bpf_spin_lock (and never copy the lock itself). */
export const BPF_F_LOCK = 4;
const BPF_EXIST = 2;

/** Types whose update callback takes BPF_F_LOCK beside any/noexist/exist (everything above is EINVAL). */
const LOCKABLE_UPDATE: ReadonlySet<string> = new Set(['hash', 'array']);
/** Types whose update callback refuses flags above BPF_EXIST before looking at anything else. */
const EXIST_BOUNDED: ReadonlySet<string> = new Set([
  'hash',
  'array',
  'percpu_hash',
  'percpu_array',
  'lru_hash',
  'lru_percpu_hash',
]);

/** Why a lookup (or lookup_and_delete) with these flags is EINVAL before the map is even looked at. */
export function lookupFlagsProblem(flags: number): string | undefined {
  return flags & ~BPF_F_LOCK ? `flags 0x${flags.toString(16)} has bits other than BPF_F_LOCK` : undefined;
}

/** Why BPF_F_LOCK cannot be used on this map (checked after the handle's access). */
export function lockProblem(flags: number, hasSpinLock: boolean): string | undefined {
  return flags & BPF_F_LOCK && !hasSpinLock ? 'BPF_F_LOCK needs a bpf_spin_lock in the map value' : undefined;
}

/** Why this map type's update refuses the flags outright (EINVAL), before its own noexist/exist checks. */
export function updateFlagsProblem(type: string, flags: number): string | undefined {
  if (!EXIST_BOUNDED.has(type)) return undefined;
  const rest = LOCKABLE_UPDATE.has(type) ? flags & ~BPF_F_LOCK : flags;
  return rest > BPF_EXIST || rest < 0 ? `a ${type} update takes only any/noexist/exist (and BPF_F_LOCK)` : undefined;
}
