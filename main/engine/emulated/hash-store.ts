// The hash family (hash, percpu_hash, lru_hash, lru_percpu_hash, hash_of_maps): keyed elements, full at max_entries.

import { BPF_F_LOCK } from '../../../shared/bpf/elem-flags.js';
import { htabBuckets, htabMapHash } from '../../../shared/bpf/jhash.js';
import type { MapEntry } from '../../../shared/engine.js';

import { BpfLru, type LruNode } from './bpf-lru.js';
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
  /** LRU maps: the node the element uses in the LRU lists. */
  node?: LruNode;
  /** When the element was added at the head of its bucket (newer elements come first in a bucket). */
  seq: number;
  /** BPF_F_ZERO_SEED: the bucket htab_map_hash picks; iteration walks the buckets in order. */
  bucket: number;
}

export interface LruHashOptions {
  possibleCpus: number;
  /** The CPU every bpf(2) call of the caller runs on (which per-CPU lists the kernel uses). */
  cpu: number;
  /** BPF_F_NO_COMMON_LRU. */
  noCommonLru: boolean;
  /** lru_percpu_hash: updates an existing key in place, and takes no node for an "exist" update. */
  percpuValues: boolean;
}

export interface HashOptions {
  maxEntries: number;
  /** LRU maps take a node from the kernel's LRU (evicting) instead of failing with E2BIG. */
  lru?: LruHashOptions;
  /** BPF_F_ZERO_SEED: iterate in the kernel's bucket order (jhash with seed 0); else in insertion order. */
  zeroSeed?: boolean;
  /** The hash seed without ZERO_SEED (the kernel's is random): places elements in buckets for batch lookups. */
  seed?: number;
  /** percpu_hash: an update of an existing key is done in place (the element keeps its bucket position). */
  inPlace?: boolean;
  /** hash_of_maps: values are maps, checked and referenced. */
  fdValues?: { refs: EntryRefs; check: (obj: BpfObject) => void };
}

export class HashStore implements ElemStore {
  readonly batch = true;
  /** Insertion order; for LRU maps the oldest (least recently updated) element comes first. */
  private readonly elems = new Map<string, HashElem>();

  private readonly lru: BpfLru | undefined;
  private seq = 0;
  private readonly buckets: number;

  constructor(private readonly opts: HashOptions) {
    this.buckets = htabBuckets(opts.maxEntries);
    const lru = opts.lru;
    if (!lru) return;
    this.lru = new BpfLru({
      nrElems: opts.maxEntries,
      possibleCpus: lru.possibleCpus,
      percpu: lru.noCommonLru,
      delFromHtab: (node) => {
        // htab_lru_map_delete_node: evicts the element if it still uses this node.
        if (this.elems.get(node.owner)?.node !== node) return false;
        this.elems.delete(node.owner);
        return true;
      },
    });
  }

  get size(): number {
    return this.elems.size;
  }

  lookup(key: Uint8Array | null): Uint8Array {
    // A syscall lookup does not mark an LRU element as used (htab_lru_map_lookup_elem_sys).
    const e = this.elems.get(hexKey(key ?? new Uint8Array()));
    if (!e) fail('ENOENT', 'No element has this key.');
    return valueBytes(e.value);
  }

  update(key: Uint8Array | null, update: UpdateValue | BpfObject, flags: number): void {
    // BPF_F_LOCK updates an existing element in place (it keeps its bucket position).
    const locked = (flags & BPF_F_LOCK) !== 0;
    const flag = flags & ~BPF_F_LOCK;
    const k = key ?? new Uint8Array();
    const id = hexKey(k);
    if (this.lru) return this.lruUpdate(this.lru, k, id, update, flag);
    const fd = this.opts.fdValues;
    // hash_of_maps resolves the inner map before the flags are looked at (bpf_fd_htab_map_update_elem).
    let value: StoredValue;
    if (fd) {
      value = resolveObject(update);
      fd.check(value);
    } else if (update instanceof Uint8Array) value = update;
    else return fail('EINVAL', 'value must be bytes');
    const old = this.elems.get(id);
    checkFlags(old !== undefined, flag);
    if (!old && this.elems.size >= this.opts.maxEntries)
      fail('E2BIG', `The map is full (max_entries ${this.opts.maxEntries}).`);
    if (fd) fd.refs.hold(value as BpfObject);
    const stored = value instanceof Uint8Array ? value.slice() : value;
    const previous = old?.value;
    if (old) {
      old.value = stored;
      // htab_map_update_elem adds a new element at the bucket head; percpu_hash copies in place.
      if (!this.opts.inPlace && !locked) old.seq = ++this.seq;
    } else this.elems.set(id, this.elem(k, stored));
    // The replaced inner map loses the entry's reference, not the one just stored.
    if (previous !== undefined && fd) fd.refs.drop(previous as BpfObject);
  }

  /**
   * htab_lru_map_update_elem / __htab_lru_percpu_map_update_elem: a node is taken from the LRU (which may
   * evict several keys, the updated one too) before the old element and the flags are looked at.
   */
  private lruUpdate(lru: BpfLru, k: Uint8Array, id: string, update: UpdateValue | BpfObject, flag: number): void {
    if (!(update instanceof Uint8Array)) return fail('EINVAL', 'value must be bytes');
    const { cpu, percpuValues } = this.opts.lru!;
    let node = percpuValues && flag === BPF_EXIST ? undefined : lru.popFree(cpu, id);
    if (!node && !(percpuValues && flag === BPF_EXIST))
      fail('ENOMEM', 'No free LRU node on this CPU (every node is in use on other CPUs).');
    const old = this.elems.get(id);
    try {
      checkFlags(old !== undefined, flag);
    } catch (e) {
      if (node) lru.pushFree(node);
      throw e;
    }
    if (percpuValues && old) {
      // The per-CPU variant updates in place and marks the element referenced; the spare node goes back.
      lru.setRef(old.node!);
      old.value = update.slice();
      if (node) lru.pushFree(node);
      return;
    }
    node = node!;
    if (old) {
      lru.setRef(node);
      this.elems.delete(id);
    }
    this.elems.set(id, { ...this.elem(k, update.slice()), node });
    if (old && !percpuValues) lru.pushFree(old.node!);
  }

  delete(key: Uint8Array | null): void {
    const id = hexKey(key ?? new Uint8Array());
    const old = this.elems.get(id);
    if (!old) fail('ENOENT', 'No element has this key.');
    this.elems.delete(id);
    if (old.node) this.lru?.pushFree(old.node);
    if (this.opts.fdValues) this.opts.fdValues.refs.drop(old.value as BpfObject);
  }

  private elem(k: Uint8Array, value: StoredValue): HashElem {
    const bucket = htabMapHash(k, this.opts.zeroSeed ? 0 : (this.opts.seed ?? 0)) & (this.buckets - 1);
    return { key: k.slice(), value, seq: ++this.seq, bucket };
  }

  /** Elements in iteration order: by bucket, newest first in a bucket (zero seed), else insertion order. */
  private ordered(): HashElem[] {
    const all = [...this.elems.values()];
    return this.opts.zeroSeed ? all.sort((a, b) => a.bucket - b.bucket || b.seq - a.seq) : all;
  }

  /** Keys by bucket, buckets ascending, each newest first (its hlist order): what htab's batch lookups walk. */
  bucketGroups(): { nBuckets: number; groups: [number, Uint8Array[]][] } {
    const all = [...this.elems.values()].sort((a, b) => a.bucket - b.bucket || b.seq - a.seq);
    const groups: [number, Uint8Array[]][] = [];
    for (const e of all) {
      const last = groups.at(-1);
      if (last?.[0] === e.bucket) last[1].push(e.key.slice());
      else groups.push([e.bucket, [e.key.slice()]]);
    }
    return { nBuckets: this.buckets, groups };
  }

  nextKey(key: Uint8Array | null): Uint8Array {
    const order = this.ordered();
    const keys = order.map((e) => e.key);
    const want = key === null ? '' : hexKey(key);
    const at = key === null ? -1 : order.findIndex((e) => hexKey(e.key) === want);
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
    return this.ordered().map((e) => ({ key: e.key.slice(), value: valueBytes(e.value) }));
  }

  clear(): void {
    const all = [...this.elems.values()];
    this.elems.clear();
    for (const e of all) if (e.node) this.lru?.pushFree(e.node);
    if (this.opts.fdValues) for (const e of all) this.opts.fdValues.refs.drop(e.value as BpfObject);
  }

  /** For the traffic simulator: the live value buffer of a key, if present. */
  raw(key: Uint8Array): Uint8Array | undefined {
    const v = this.elems.get(hexKey(key))?.value;
    return v instanceof Uint8Array ? v : undefined;
  }

  keys(): Uint8Array[] {
    return this.ordered().map((e) => e.key);
  }
}

/** check_flags: NOEXIST on an existing key is EEXIST, EXIST on a missing one ENOENT. */
function checkFlags(exists: boolean, flag: number): void {
  if (exists && flag === BPF_NOEXIST) fail('EEXIST', 'The key already exists ("noexist" was asked).');
  if (!exists && flag === BPF_EXIST) fail('ENOENT', 'The key does not exist ("exist" was asked).');
}
