// Element storage per map family: what one map's elements are and how the element commands treat them.

import { bytesToHex, leUint, uintToLe } from '../../../shared/bpf/hex.js';
import type { MapEntry } from '../../../shared/engine.js';
import { BpfError, type ErrnoCode } from '../../../shared/errors.js';

import type { BpfObject } from './objects.js';

/** Bytes, or for fd-valued maps the object an entry refers to. */
export type StoredValue = Uint8Array | BpfObject;
/** What an update carries: bytes, or for fd-valued maps a resolver the store calls when the kernel would. */
export type UpdateValue = Uint8Array | (() => BpfObject);

/** Flags of BPF_MAP_UPDATE_ELEM. */
export const BPF_ANY = 0;
export const BPF_NOEXIST = 1;
export const BPF_EXIST = 2;

export interface ElemStore {
  /** Whether the map type implements LOOKUP_BATCH. */
  readonly batch: boolean;
  /** `probe`: the value buffer the caller passes in, which a bloom filter's peek tests. */
  lookup(key: Uint8Array | null, probe?: Uint8Array): Uint8Array;
  update(key: Uint8Array | null, value: UpdateValue | BpfObject, flag: number): void;
  delete(key: Uint8Array | null): void;
  nextKey(key: Uint8Array | null): Uint8Array;
  lookupAndDelete(key: Uint8Array | null): Uint8Array;
  /** Every element in iteration order (what LOOKUP_BATCH returns), at most `limit` of them. */
  entries(limit?: number): MapEntry[];
  /** Drops every element (and the references entries hold). */
  clear(): void;
  /** Called when the map's usercnt reaches 0. */
  onUsersGone?(): void;
}

/** refcnt-only references that entries of fd-valued maps take on their objects. */
export interface EntryRefs {
  hold(obj: BpfObject): void;
  drop(obj: BpfObject): void;
}

export function fail(code: ErrnoCode, message: string): never {
  throw new BpfError(code, message);
}

export const notSupported = (what: string): never =>
  fail('ENOTSUPP', `${what} is not supported by this map type (ENOTSUPP, 524).`);

/** What a lookup returns for a stored value: a copy of the bytes, or the referenced object's id (4 bytes LE). */
/** The object an fd-valued update names, resolved now (the kernel's map_fd_get_ptr). */
export function resolveObject(value: UpdateValue | BpfObject): BpfObject {
  if (value instanceof Uint8Array) return fail('EINVAL', 'value must be a handle');
  return typeof value === 'function' ? value() : value;
}

export function valueBytes(v: StoredValue): Uint8Array {
  return v instanceof Uint8Array ? v.slice() : uintToLe(v.id, 4);
}

export function keyIndex(key: Uint8Array | null): number {
  return key === null ? 0 : Number(leUint(key));
}

export const hexKey = (key: Uint8Array): string => bytesToHex(key);

/** get_next_key of every array-like map: NULL or out of range gives 0, the last index ENOENT. */
export function arrayNextKey(key: Uint8Array | null, maxEntries: number): Uint8Array {
  if (key === null) return uintToLe(0, 4);
  const i = keyIndex(key);
  if (i >= maxEntries) return uintToLe(0, 4);
  if (i === maxEntries - 1) fail('ENOENT', 'There is no key after the last index.');
  return uintToLe(i + 1, 4);
}

/** Largest buffer one chunk of an array takes; V8 caps a single ArrayBuffer at 4 GiB. */
const CHUNK_BYTES = 1 << 30;

/** Allocates zeroed bytes like bpf_map_area_alloc: a failed allocation is ENOMEM, never a crash. */
function zeroed(bytes: number): Uint8Array {
  try {
    return new Uint8Array(bytes);
  } catch {
    return fail('ENOMEM', `Cannot allocate ${bytes} bytes for the map (ENOMEM).`);
  }
}

/**
 * array and percpu_array: every index exists, values preallocated and zeroed. Values live in a few large
 * buffers (not one object per element), so 50M entries cost what the kernel's vmalloc area costs.
 */
export class ArrayStore implements ElemStore {
  readonly batch = true;
  private readonly chunks: Uint8Array[] = [];
  private readonly perChunk: number;

  constructor(
    private readonly maxEntries: number,
    private readonly wireSize: number,
  ) {
    this.perChunk = Math.max(1, Math.floor(CHUNK_BYTES / Math.max(1, wireSize)));
    for (let left = maxEntries; left > 0; left -= this.perChunk) {
      this.chunks.push(zeroed(Math.min(left, this.perChunk) * wireSize));
    }
  }

  /** The live bytes of index i (a view into the buffer), or undefined beyond max_entries. */
  raw(i: number): Uint8Array | undefined {
    if (!(i >= 0 && i < this.maxEntries)) return undefined;
    const at = (i % this.perChunk) * this.wireSize;
    return this.chunks[Math.floor(i / this.perChunk)]!.subarray(at, at + this.wireSize);
  }

  lookup(key: Uint8Array | null): Uint8Array {
    const v = this.raw(keyIndex(key));
    if (!v) fail('ENOENT', `Index ${keyIndex(key)} is beyond max_entries ${this.maxEntries}.`);
    return v.slice();
  }

  update(key: Uint8Array | null, value: UpdateValue | BpfObject, flag: number): void {
    const i = keyIndex(key);
    if (i >= this.maxEntries) fail('E2BIG', `Index ${i} is beyond max_entries ${this.maxEntries}.`);
    if (flag & BPF_NOEXIST) fail('EEXIST', 'Every index of an array always exists; use "any" or "exist".');
    if (!(value instanceof Uint8Array)) return fail('EINVAL', 'value must be bytes');
    this.raw(i)!.set(value);
  }

  delete(): void {
    fail('EINVAL', 'Array elements cannot be deleted (EINVAL); write zeroes instead.');
  }

  nextKey(key: Uint8Array | null): Uint8Array {
    return arrayNextKey(key, this.maxEntries);
  }

  lookupAndDelete(): Uint8Array {
    return notSupported('lookup_and_delete');
  }

  entries(limit = Number.POSITIVE_INFINITY): MapEntry[] {
    const out: MapEntry[] = [];
    const n = Math.min(this.maxEntries, limit);
    for (let i = 0; i < n; i++) out.push({ key: uintToLe(i, 4), value: this.raw(i)!.slice() });
    return out;
  }

  clear(): void {
    for (const c of this.chunks) c.fill(0);
  }

  get wire(): number {
    return this.wireSize;
  }
}
