// BPF_MAP_*_BATCH as the kernel implements them (kernel/bpf/syscall.c bpf_map_do_batch, generic_map_*_batch,
// hashtab.c __htab_map_lookup_and_delete_batch): which map types have which command, and the argument checks.
import type { ErrnoCode } from '../errors.js';

export type BatchOp = 'lookup' | 'lookup_and_delete' | 'update' | 'delete';

/** bpf(2) command numbers. */
export const BATCH_CMD: Record<BatchOp, number> = { lookup: 24, lookup_and_delete: 25, update: 26, delete: 27 };

/** The only element flag a batch takes; it needs a bpf_spin_lock in the value. */
export const BPF_F_LOCK = 4;

/** Names a scenario may use for elem_flags / flags bits. */
export const BATCH_FLAG_NAMES: Record<string, number> = { lock: BPF_F_LOCK, noexist: 1, exist: 2 };

/** 'htab': bucket-granular lookups whose token is a bucket index; 'generic': get_next_key + lookup, token a key. */
export type BatchImpl = 'generic' | 'htab';

const HTAB: ReadonlySet<string> = new Set(['hash', 'percpu_hash', 'lru_hash', 'lru_percpu_hash', 'hash_of_maps']);

/** The function behind a batch command for a map type; undefined when the type has none (ENOTSUPP). */
export function batchImpl(type: string, op: BatchOp): BatchImpl | undefined {
  if (HTAB.has(type)) return op === 'lookup' || op === 'lookup_and_delete' ? 'htab' : 'generic';
  if (type === 'array' || type === 'percpu_array' || type === 'array_of_maps')
    return op === 'lookup' || op === 'update' ? 'generic' : undefined;
  if (type === 'lpm_trie') return op === 'lookup_and_delete' ? undefined : 'generic';
  return undefined;
}

/** Bytes of in_batch / out_batch the kernel reads and writes: a u32 bucket index for htab, else a key. */
export function batchTokenSize(type: string, keySize: number): number {
  return HTAB.has(type) ? 4 : keySize;
}

/** Whether the command reads elements out (FMODE_CAN_READ) and changes the map (FMODE_CAN_WRITE). */
export function batchAccess(op: BatchOp): { read: boolean; write: boolean } {
  return { read: op === 'lookup' || op === 'lookup_and_delete', write: op !== 'lookup' };
}

/**
 * The checks each batch function makes before it writes count back: elem_flags other than BPF_F_LOCK, LOCK on a
 * value without a spin lock, then (htab lookups only: the generic functions never look at it) batch.flags.
 */
export function batchFlagsProblem(
  impl: BatchImpl,
  elemFlags: number,
  flags: number,
  spinLock: boolean,
): { code: ErrnoCode; text: string } | undefined {
  if (elemFlags !== (elemFlags & BPF_F_LOCK))
    return { code: 'EINVAL', text: 'elem_flags may only hold BPF_F_LOCK (4); a batch update is always "any"' };
  if (elemFlags & BPF_F_LOCK && !spinLock)
    return { code: 'EINVAL', text: 'BPF_F_LOCK needs a bpf_spin_lock in the map value' };
  if (impl === 'htab' && flags !== 0) return { code: 'EINVAL', text: 'flags must be 0' };
  return undefined;
}

/** A batch the caller asks for; keys and values are per element (update and delete read the first `count`). */
export interface BatchArgs {
  op: BatchOp;
  count: number;
  keys?: readonly unknown[] | undefined;
  values?: readonly unknown[] | undefined;
}

/** update and delete read `count` keys (and values): more than were given would be whatever memory follows. */
export function batchArgsProblem(a: BatchArgs): string | undefined {
  if (a.op === 'update' || a.op === 'delete') {
    if ((a.keys?.length ?? 0) < a.count) return `count ${a.count} is more than the ${a.keys?.length ?? 0} keys given`;
  }
  if (a.op === 'update' && (a.values?.length ?? 0) < a.count)
    return `count ${a.count} is more than the ${a.values?.length ?? 0} values given`;
  return undefined;
}

/** `bytes` in a zeroed buffer of `size` bytes (cut when longer): how a fixed-size slot of the kernel reads it. */
export function fitBytes(bytes: Uint8Array | null | undefined, size: number): Uint8Array {
  const out = new Uint8Array(size);
  if (bytes) out.set(bytes.subarray(0, size));
  return out;
}
