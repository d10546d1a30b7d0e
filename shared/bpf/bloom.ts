// A bloom filter's geometry and hashing as kernel/bpf/bloom_filter.c computes them: map_extra's low 4 bits pick the
// number of hash functions (0 means 5), the bit array holds max_entries * k * 7 / 5 bits rounded up to a power of two
// (at least 64, at most 2^32), and hash function i is jhash2 (or jhash for values not a whole number of u32s) with
// seed + i, masked to the array.
import { jhash, jhash2 } from './jhash.js';

const U32_MAX = 0xffffffff;

export interface BloomGeometry {
  nrHashFuncs: number;
  /** Bit array size minus one: a hash is masked with it. */
  bitsetMask: number;
  /** Bytes of the bit array, rounded up to whole longs. */
  bitsetBytes: number;
}

export function bloomGeometry(maxEntries: number, mapExtra: number): BloomGeometry {
  const nrHashFuncs = mapExtra & 0xf || 5;
  const product = maxEntries * nrHashFuncs;
  const nrBits = Math.floor(product / 5) * 7;
  if (product > U32_MAX || nrBits > U32_MAX || nrBits > 2 ** 31) {
    // The kernel's U32_MAX bits round up to 2^29 bytes.
    return { nrHashFuncs, bitsetMask: U32_MAX, bitsetBytes: 2 ** 29 };
  }
  const bits = nrBits <= 64 ? 64 : 2 ** Math.ceil(Math.log2(nrBits));
  return { nrHashFuncs, bitsetMask: bits - 1, bitsetBytes: Math.ceil(bits / 64) * 8 };
}

/** The bit hash function `index` sets for `value` (bloom_filter.c's hash()). */
export function bloomBit(value: Uint8Array, seed: number, index: number, mask: number): number {
  const s = (seed + index) >>> 0;
  const h = value.length % 4 === 0 ? jhash2(value, s) : jhash(value, s);
  return (h & mask) >>> 0;
}
