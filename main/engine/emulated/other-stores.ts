// queue/stack, ringbuf, lpm_trie and the device / socket map element semantics.
import { leUint } from '../../../shared/bpf/hex.js';
import type { MapEntry } from '../../../shared/engine.js';
import type { ErrnoCode } from '../../../shared/errors.js';

import {
  arrayNextKey,
  BPF_EXIST,
  BPF_NOEXIST,
  type ElemStore,
  fail,
  keyIndex,
  notSupported,
  type StoredValue,
} from './stores.js';

/** queue (FIFO) and stack (LIFO): update pushes, lookup peeks, lookup_and_delete pops. */
export class QueueStore implements ElemStore {
  readonly batch = false;
  /** Oldest first. */
  private readonly values: Uint8Array[] = [];

  constructor(
    private readonly maxEntries: number,
    private readonly lifo: boolean,
  ) {}

  private top(): Uint8Array {
    const v = this.lifo ? this.values[this.values.length - 1] : this.values[0];
    if (!v) fail('ENOENT', `The ${this.lifo ? 'stack' : 'queue'} is empty.`);
    return v;
  }

  lookup(): Uint8Array {
    return this.top().slice();
  }

  update(_key: Uint8Array | null, value: StoredValue, flag: number): void {
    if (flag === BPF_NOEXIST) fail('EINVAL', 'Push does not take "noexist" (EINVAL).');
    if (this.values.length >= this.maxEntries) {
      if (flag !== BPF_EXIST)
        fail('E2BIG', `Full (max_entries ${this.maxEntries}); push with "exist" to overwrite the oldest.`);
      this.values.shift();
    }
    this.values.push((value as Uint8Array).slice());
  }

  delete(): void {
    fail('EINVAL', 'Elements of a queue or stack cannot be deleted; pop them (lookup_and_delete).');
  }

  nextKey(): Uint8Array {
    return fail('EINVAL', 'A queue or stack has no keys to iterate (EINVAL).');
  }

  lookupAndDelete(): Uint8Array {
    const v = this.top();
    if (this.lifo) this.values.pop();
    else this.values.shift();
    return v;
  }

  entries(): MapEntry[] {
    return notSupported('batch lookup');
  }

  clear(): void {
    this.values.length = 0;
  }
}

/** ringbuf and user_ringbuf: creatable, but no element command reaches them (ENOTSUPP, 524, if one does). */
export class RingbufStore implements ElemStore {
  readonly batch = false;
  lookup = (): Uint8Array => notSupported('lookup');
  update = (): void => notSupported('update');
  delete = (): void => notSupported('delete');
  nextKey = (): Uint8Array => notSupported('get_next_key');
  lookupAndDelete = (): Uint8Array => notSupported('lookup_and_delete');
  entries = (): MapEntry[] => notSupported('batch lookup');
  clear(): void {}
}

interface LpmElem {
  key: Uint8Array;
  prefixLen: number;
  value: Uint8Array;
}

/** lpm_trie: keys are a u32 prefix length and the data; lookup finds the longest matching prefix. */
export class LpmStore implements ElemStore {
  readonly batch = false;
  private readonly elems = new Map<string, LpmElem>();

  constructor(
    private readonly keySize: number,
    private readonly maxEntries: number,
  ) {}

  private get maxBits(): number {
    return (this.keySize - 4) * 8;
  }

  private parse(key: Uint8Array | null): { prefixLen: number; id: string } {
    const k = key ?? new Uint8Array(this.keySize);
    const prefixLen = Number(leUint(k.subarray(0, 4)));
    return { prefixLen, id: `${prefixLen}/${bitsOf(k.subarray(4), Math.min(prefixLen, this.maxBits))}` };
  }

  lookup(key: Uint8Array | null): Uint8Array {
    const k = key ?? new Uint8Array(this.keySize);
    const { prefixLen } = this.parse(k);
    // trie_lookup_elem: a prefix longer than the trie's matches nothing.
    if (prefixLen > this.maxBits) fail('ENOENT', `The prefix length is over ${this.maxBits}: nothing matches.`);
    const want = bitsOf(k.subarray(4), this.maxBits);
    let best: LpmElem | undefined;
    for (const e of this.elems.values()) {
      if (e.prefixLen > prefixLen || (best && best.prefixLen >= e.prefixLen)) continue;
      if (want.startsWith(bitsOf(e.key.subarray(4), e.prefixLen))) best = e;
    }
    if (!best) fail('ENOENT', 'No prefix matches this key.');
    return best.value.slice();
  }

  update(key: Uint8Array | null, value: StoredValue, flag: number): void {
    const { prefixLen, id } = this.parse(key);
    if (flag > BPF_EXIST || prefixLen > this.maxBits) {
      fail('EINVAL', `The prefix length must be at most ${this.maxBits} (EINVAL).`);
    }
    const old = this.elems.get(id);
    if (old && flag === BPF_NOEXIST) fail('EEXIST', 'The prefix already exists ("noexist" was asked).');
    if (!old && flag === BPF_EXIST) fail('ENOENT', 'The prefix does not exist ("exist" was asked).');
    if (!old && this.elems.size >= this.maxEntries)
      fail('ENOSPC', `The trie is full (max_entries ${this.maxEntries}).`);
    this.elems.set(id, {
      key: (key ?? new Uint8Array(this.keySize)).slice(),
      prefixLen,
      value: (value as Uint8Array).slice(),
    });
  }

  delete(key: Uint8Array | null): void {
    const { prefixLen, id } = this.parse(key);
    if (prefixLen > this.maxBits) fail('EINVAL', `The prefix length must be at most ${this.maxBits} (EINVAL).`);
    if (!this.elems.delete(id)) fail('ENOENT', 'No element has this prefix.');
  }

  private ordered(): LpmElem[] {
    // Post-order like trie_get_next_key: more specific prefixes before the ones that contain them.
    return [...this.elems.values()].sort((a, b) => {
      const ab = bitsOf(a.key.subarray(4), a.prefixLen);
      const bb = bitsOf(b.key.subarray(4), b.prefixLen);
      if (bb.startsWith(ab) && ab !== bb) return 1;
      if (ab.startsWith(bb) && ab !== bb) return -1;
      return ab < bb ? -1 : ab > bb ? 1 : 0;
    });
  }

  nextKey(key: Uint8Array | null): Uint8Array {
    const all = this.ordered();
    const at = key === null ? -1 : all.findIndex((e) => this.parse(e.key).id === this.parse(key).id);
    const next = all[at + 1];
    if (!next) fail('ENOENT', all.length === 0 ? 'The trie is empty.' : 'There is no key after this one.');
    return next.key.slice();
  }

  lookupAndDelete(): Uint8Array {
    return notSupported('lookup_and_delete');
  }

  entries(): MapEntry[] {
    return this.ordered().map((e) => ({ key: e.key.slice(), value: e.value.slice() }));
  }

  clear(): void {
    this.elems.clear();
  }
}

/** The first `n` bits of `data`, most significant bit of each byte first, as a '0'/'1' string. */
function bitsOf(data: Uint8Array, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ((data[i >> 3] ?? 0) >> (7 - (i & 7))) & 1;
  return s;
}

/** How a map of devices, sockets, cgroups or stacks answers the syscall commands while it holds nothing. */
export interface EmptyRules {
  /** Array-like keys (get_next_key walks indexes) or hashed keys (an empty map has none). */
  indexed: boolean;
  maxEntries: number;
  /** What a syscall lookup of a slot says while the map is empty. */
  lookup: ErrnoCode;
  /** What deleting an empty slot says ("ok": the slot is cleared anyway), and an index beyond max_entries. */
  deleteEmpty: ErrnoCode | 'ok';
  deleteBeyond: ErrnoCode;
  batch: boolean;
}

/**
 * devmap, cpumap, sockmap, sockhash, xskmap, cgroup_array, stack_trace, reuseport_sockarray: the emulator has
 * no devices, sockets, cgroups or stacks to store, so these maps stay empty; every read answers like an empty map.
 */
export class EmptyStore implements ElemStore {
  constructor(private readonly rules: EmptyRules) {}

  get batch(): boolean {
    return this.rules.batch;
  }

  lookup(): Uint8Array {
    return fail(this.rules.lookup, 'The map holds nothing here: the emulator has no devices, sockets or stacks.');
  }

  update(): void {
    fail('EOPNOTSUPP', 'The emulated engine cannot store devices, sockets, cgroups or stacks; use the native engine.');
  }

  delete(key: Uint8Array | null): void {
    if (this.rules.indexed && keyIndex(key) >= this.rules.maxEntries)
      fail(this.rules.deleteBeyond, 'The index is beyond max_entries.');
    if (this.rules.deleteEmpty !== 'ok') fail(this.rules.deleteEmpty, 'The map holds nothing to delete.');
  }

  nextKey(key: Uint8Array | null): Uint8Array {
    if (this.rules.indexed) return arrayNextKey(key, this.rules.maxEntries);
    return fail('ENOENT', 'The map is empty.');
  }

  lookupAndDelete(): Uint8Array {
    return notSupported('lookup_and_delete');
  }

  entries(): MapEntry[] {
    return [];
  }

  clear(): void {}
}
