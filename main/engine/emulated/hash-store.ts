// The hash family (hash, percpu_hash, lru_hash, lru_percpu_hash, hash_of_maps): keyed elements, full at max_entries.
import type { MapEntry } from '../../../shared/engine.js';

import type { BpfObject } from './objects.js';
import {
  BPF_EXIST,
  BPF_NOEXIST,
  type ElemStore,
  type EntryRefs,
  fail,
  hexKey,
  notSupported,
  resolveObject,
  type StoredValue,
  type UpdateValue,
  valueBytes,
} from './stores.js';

interface HashElem {
  key: Uint8Array;
  value: StoredValue;
}

export interface HashOptions {
  maxEntries: number;
  /** LRU maps evict the least recently updated element instead of failing with E2BIG. */
  lru: boolean;
  /** hash_of_maps: values are maps, checked and referenced. */
  fdValues?: { refs: EntryRefs; check: (obj: BpfObject) => void };
}

export class HashStore implements ElemStore {
  readonly batch = true;
  /** Insertion order; for LRU maps the oldest (least recently updated) element comes first. */
  private readonly elems = new Map<string, HashElem>();

  constructor(private readonly opts: HashOptions) {}

  get size(): number {
    return this.elems.size;
  }

  lookup(key: Uint8Array | null): Uint8Array {
    // A syscall lookup does not mark an LRU element as used (htab_lru_map_lookup_elem_sys).
    const e = this.elems.get(hexKey(key ?? new Uint8Array()));
    if (!e) fail('ENOENT', 'No element has this key.');
    return valueBytes(e.value);
  }

  update(key: Uint8Array | null, update: UpdateValue | BpfObject, flag: number): void {
    const k = key ?? new Uint8Array();
    const id = hexKey(k);
    const fd = this.opts.fdValues;
    // hash_of_maps resolves the inner map before the flags are looked at (bpf_fd_htab_map_update_elem).
    let value: StoredValue;
    if (fd) {
      value = resolveObject(update);
      fd.check(value);
    } else if (update instanceof Uint8Array) value = update;
    else return fail('EINVAL', 'value must be bytes');
    const old = this.elems.get(id);
    if (old && flag === BPF_NOEXIST) fail('EEXIST', 'The key already exists ("noexist" was asked).');
    if (!old && flag === BPF_EXIST) fail('ENOENT', 'The key does not exist ("exist" was asked).');
    if (!old && this.elems.size >= this.opts.maxEntries) {
      if (!this.opts.lru) fail('E2BIG', `The map is full (max_entries ${this.opts.maxEntries}).`);
      this.evictOldest();
    }
    if (fd) fd.refs.hold(value as BpfObject);
    const stored = value instanceof Uint8Array ? value.slice() : value;
    // An LRU update allocates a fresh node, so the element becomes the most recently used.
    if (this.opts.lru) this.elems.delete(id);
    const previous = old?.value;
    if (old && !this.opts.lru) old.value = stored;
    else this.elems.set(id, { key: k.slice(), value: stored });
    // The replaced inner map loses the entry's reference, not the one just stored.
    if (previous !== undefined && fd) fd.refs.drop(previous as BpfObject);
  }

  delete(key: Uint8Array | null): void {
    const id = hexKey(key ?? new Uint8Array());
    const old = this.elems.get(id);
    if (!old) fail('ENOENT', 'No element has this key.');
    this.elems.delete(id);
    if (this.opts.fdValues) this.opts.fdValues.refs.drop(old.value as BpfObject);
  }

  nextKey(key: Uint8Array | null): Uint8Array {
    const keys = [...this.elems.values()].map((e) => e.key);
    const at = key === null ? -1 : [...this.elems.keys()].indexOf(hexKey(key));
    // A missing key restarts from the first element, like htab_map_get_next_key.
    const next = keys[at + 1];
    if (!next) fail('ENOENT', keys.length === 0 ? 'The map is empty.' : 'There is no key after this one.');
    return next.slice();
  }

  lookupAndDelete(key: Uint8Array | null): Uint8Array {
    if (this.opts.fdValues) return notSupported('lookup_and_delete');
    const v = this.lookup(key);
    this.delete(key);
    return v;
  }

  entries(): MapEntry[] {
    return [...this.elems.values()].map((e) => ({ key: e.key.slice(), value: valueBytes(e.value) }));
  }

  clear(): void {
    const all = [...this.elems.values()];
    this.elems.clear();
    if (this.opts.fdValues) for (const e of all) this.opts.fdValues.refs.drop(e.value as BpfObject);
  }

  /** For the traffic simulator: the live value buffer of a key, if present. */
  raw(key: Uint8Array): Uint8Array | undefined {
    const v = this.elems.get(hexKey(key))?.value;
    return v instanceof Uint8Array ? v : undefined;
  }

  keys(): Uint8Array[] {
    return [...this.elems.values()].map((e) => e.key);
  }

  private evictOldest(): void {
    const first = this.elems.keys().next();
    if (first.done) return;
    const old = this.elems.get(first.value);
    this.elems.delete(first.value);
    if (old && this.opts.fdValues) this.opts.fdValues.refs.drop(old.value as BpfObject);
  }
}
