// bloom_filter: push sets k bits, peek tests them, as the kernel does, so a value never pushed can be found (a false
// positive). The seed is random unless BPF_F_ZERO_SEED; only set bits are kept, so a huge bit array costs nothing.
import { bloomBit, bloomGeometry } from '../../../shared/bpf/bloom.js';
import type { MapEntry } from '../../../shared/engine.js';

import { BPF_ANY, type ElemStore, fail, notSupported, type StoredValue } from './stores.js';

export class BloomStore implements ElemStore {
  readonly batch = false;
  private readonly bits = new Set<number>();
  private readonly seed: number;
  private readonly nrHashFuncs: number;
  private readonly mask: number;

  constructor(
    private readonly valueSize: number,
    maxEntries: number,
    mapExtra: number,
    zeroSeed: boolean,
  ) {
    const g = bloomGeometry(maxEntries, mapExtra);
    this.nrHashFuncs = g.nrHashFuncs;
    this.mask = g.bitsetMask;
    this.seed = zeroSeed ? 0 : Math.floor(Math.random() * 2 ** 32);
  }

  private bitsOf(value: Uint8Array): number[] {
    return Array.from({ length: this.nrHashFuncs }, (_, i) => bloomBit(value, this.seed, i, this.mask));
  }

  /** The syscall peeks the value the caller passes in the value buffer (zeros when none). */
  lookup(_key: Uint8Array | null, probe?: Uint8Array): Uint8Array {
    const value = probe ?? new Uint8Array(this.valueSize);
    if (!this.bitsOf(value).every((b) => this.bits.has(b))) fail('ENOENT', 'The value is not in the bloom filter.');
    return value.slice();
  }

  update(_key: Uint8Array | null, value: StoredValue, flag: number): void {
    if (flag !== BPF_ANY) fail('EINVAL', 'A bloom filter push only takes "any" (EINVAL).');
    for (const b of this.bitsOf(value as Uint8Array)) this.bits.add(b);
  }

  delete(): void {
    fail('EOPNOTSUPP', 'Bloom filter elements cannot be deleted (EOPNOTSUPP).');
  }

  nextKey(): Uint8Array {
    return fail('EOPNOTSUPP', 'A bloom filter has no keys to iterate (EOPNOTSUPP).');
  }

  lookupAndDelete(): Uint8Array {
    return notSupported('lookup_and_delete');
  }

  entries(): MapEntry[] {
    return notSupported('batch lookup');
  }

  clear(): void {
    this.bits.clear();
  }
}
