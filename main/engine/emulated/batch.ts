// BPF_MAP_*_BATCH on the emulated maps, step for step as kernel/bpf/syscall.c (bpf_map_do_batch and the
// generic_map_*_batch functions) and hashtab.c (__htab_map_lookup_and_delete_batch) do it.
import {
  type BatchImpl,
  BPF_F_LOCK,
  batchAccess,
  batchArgsProblem,
  batchFlagsProblem,
  batchImpl,
  batchTokenSize,
  fitBytes,
} from '../../../shared/bpf/batch.js';
import { leUint, uintToLe } from '../../../shared/bpf/hex.js';
import { type MapTypeName, valueWireSize } from '../../../shared/bpf/types.js';
import type { Access, MapBatchRequest, MapBatchResult } from '../../../shared/engine.js';
import { BpfError, type ErrnoCode } from '../../../shared/errors.js';
import { BATCH_OP, refusal } from '../../../shared/refusal.js';

import { prepareUpdate } from './elem-flags.js';
import type { HashStore } from './hash-store.js';
import type { BpfObject, MapObject } from './objects.js';
import { type ElemStore, fail, type UpdateValue } from './stores.js';

export interface BatchTarget {
  map: MapObject;
  access: Access;
  path?: string | undefined;
  possibleCpus: number;
  /** The object behind a handle given as a value (EBADF when it is not open), resolved when the kernel would. */
  resolve: (handle: number) => BpfObject;
}

const FD_VALUED: ReadonlySet<string> = new Set(['prog_array', 'array_of_maps', 'hash_of_maps']);

interface Progress {
  count: number;
  keys: Uint8Array[];
  values: Uint8Array[];
  outBatch: Uint8Array | null;
  error?: BpfError;
}

/** The engine's own checks before the "syscall", the same the native engine makes: whole keys and values. */
function checkArgs(t: BatchTarget, req: MapBatchRequest): UpdateValue[] {
  const { map } = t;
  const what = BATCH_OP[req.op];
  const problem = batchArgsProblem(req);
  if (problem) fail('EINVAL', `${what}: ${problem}.`);
  if (req.op !== 'update' && req.op !== 'delete') return [];
  for (const k of req.keys!.slice(0, req.count)) {
    if (k.length !== map.keySize)
      fail('EINVAL', `${what}: a key has ${k.length} bytes; this map takes ${map.keySize}.`);
  }
  if (req.op === 'delete') return [];
  const wire = valueWireSize(map.type as MapTypeName, map.valueSize, t.possibleCpus);
  return req.values!.slice(0, req.count).map((v): UpdateValue => {
    if (FD_VALUED.has(map.type)) {
      if (v instanceof Uint8Array) return fail('EINVAL', `${what}: values must be handles for a ${map.type} map.`);
      return () => t.resolve(v.handle);
    }
    if (!(v instanceof Uint8Array)) return fail('EINVAL', `${what}: values must be bytes, not handles.`);
    if (v.length !== wire) fail('EINVAL', `${what}: a value has ${v.length} bytes; this map takes ${wire}.`);
    return v;
  });
}

/** One batch command; refusals of the "syscall" come back in `error`, with the count the kernel leaves. */
export function emulatedBatch(t: BatchTarget, req: MapBatchRequest): MapBatchResult {
  const values = checkArgs(t, req);
  const { map } = t;
  const what = BATCH_OP[req.op];
  const asked = req.count;
  const refuse = (code: ErrnoCode, detail: string, count = asked): MapBatchResult => ({
    count,
    keys: [],
    values: [],
    outBatch: null,
    error: refusal(code, what, { path: t.path, detail }),
  });
  const access = batchAccess(req.op);
  if (access.read && t.access === 'wo') return refuse('EPERM', 'The handle is write-only.');
  if (access.write && t.access === 'ro') return refuse('EPERM', 'The handle is read-only.');
  if (access.write && map.frozen) return refuse('EPERM', 'The map is frozen: user space can no longer change it.');
  const impl = batchImpl(map.type, req.op);
  if (!impl) return refuse('ENOTSUPP', `${map.type} maps have no ${req.op} batch (ENOTSUPP, 524).`);
  const spinLock = t.map.specialFields?.some((f) => f.kind === 'spin_lock') ?? false;
  const flagProblem = batchFlagsProblem(impl, req.elemFlags ?? 0, req.flags ?? 0, spinLock);
  if (flagProblem) return refuse(flagProblem.code, `${flagProblem.text}.`);
  if (asked === 0) return { count: 0, keys: [], values: [], outBatch: null };
  const p = run(impl, t, req, values);
  if (p.error && p.error.code !== 'ENOENT' && p.error.code !== 'ENOSPC') Object.assign(p, { keys: [], values: [] });
  if (p.error) p.error = refusal(p.error.code, what, { path: t.path, detail: p.error.message });
  else delete p.error;
  return p;
}

function run(impl: BatchImpl, t: BatchTarget, req: MapBatchRequest, values: UpdateValue[]): Progress {
  const store = t.map.store;
  switch (req.op) {
    case 'lookup':
    case 'lookup_and_delete':
      if (impl === 'htab') return htabLookup(store as HashStore, t.map, req, req.op === 'lookup_and_delete');
      return genericLookup(store, t.map, req);
    case 'update':
      return eachKey(req, (key, i) => {
        const flags = (req.elemFlags ?? 0) & BPF_F_LOCK;
        store.update(key, prepareUpdate(t.map, flags, values[i]!, t.possibleCpus), flags);
      });
    case 'delete':
      return eachKey(req, (key) => store.delete(key));
  }
}

/** generic_map_update_batch / generic_map_delete_batch: element by element, stopping at the first error. */
function eachKey(req: MapBatchRequest, step: (key: Uint8Array, i: number) => void): Progress {
  for (let cp = 0; cp < req.count; cp++) {
    try {
      step(req.keys![cp]!, cp);
    } catch (e) {
      if (!(e instanceof BpfError)) throw e;
      return { count: cp, keys: [], values: [], outBatch: null, error: e };
    }
  }
  return { count: req.count, keys: [], values: [], outBatch: null };
}

const code = (e: unknown): string | undefined => (e instanceof BpfError ? e.code : undefined);

/** generic_map_lookup_batch: get_next_key from in_batch, skipping keys whose lookup is ENOENT; out = last key. */
function genericLookup(store: ElemStore, map: MapObject, req: MapBatchRequest): Progress {
  let prev: Uint8Array | null = req.inBatch ? fitBytes(req.inBatch, map.keySize) : null;
  const keys: Uint8Array[] = [];
  const values: Uint8Array[] = [];
  let error: BpfError | undefined;
  const done = (): Progress => {
    const p: Progress = { count: keys.length, keys, values, outBatch: keys.length ? prev : null };
    return error ? { ...p, error } : p;
  };
  while (keys.length < req.count) {
    let key: Uint8Array;
    try {
      key = store.nextKey(prev);
    } catch (e) {
      if (!(e instanceof BpfError)) throw e;
      error = e;
      break;
    }
    try {
      values.push(store.lookup(key));
      keys.push(key);
    } catch (e) {
      // Any error but ENOENT leaves count at 0 and out_batch untouched (goto free_buf).
      if (code(e) !== 'ENOENT') return { count: 0, keys: [], values: [], outBatch: null, error: e as BpfError };
    }
    prev = key;
  }
  return done();
}

/**
 * __htab_map_lookup_and_delete_batch: whole buckets from bucket in_batch on; a bucket that does not fit in what
 * is left of count ends the call (ENOSPC when nothing was copied); out_batch is the next bucket; ENOENT at the end.
 */
function htabLookup(store: HashStore, map: MapObject, req: MapBatchRequest, remove: boolean): Progress {
  const { nBuckets, groups } = store.bucketGroups();
  const tokenSize = batchTokenSize(map.type, map.keySize);
  let batch = req.inBatch ? Number(leUint(fitBytes(req.inBatch, tokenSize))) : 0;
  const enoent = (): BpfError => new BpfError('ENOENT', 'There are no more elements.');
  if (batch >= nBuckets) return { count: 0, keys: [], values: [], outBatch: null, error: enoent() };
  const keys: Uint8Array[] = [];
  const values: Uint8Array[] = [];
  let error: BpfError | undefined;
  let g = groups.findIndex(([b]) => b >= batch);
  for (;;) {
    const group = g >= 0 ? groups[g] : undefined;
    if (!group) {
      batch = nBuckets;
      error = enoent();
      break;
    }
    const [bucket, inBucket] = group;
    batch = bucket;
    if (inBucket.length > req.count - keys.length) {
      if (keys.length === 0) error = new BpfError('ENOSPC', `Bucket ${bucket} holds more elements than count.`);
      break;
    }
    for (const k of inBucket) {
      keys.push(k);
      values.push(store.lookup(k));
    }
    // The bucket's elements are freed after it is unlocked, last unlinked first (LRU nodes go back in that order).
    if (remove) for (const k of [...inBucket].reverse()) store.delete(k);
    batch++;
    g++;
    if (batch >= nBuckets) {
      error = enoent();
      break;
    }
  }
  const p: Progress = { count: keys.length, keys, values, outBatch: uintToLe(batch, 4) };
  return error ? { ...p, error } : p;
}
