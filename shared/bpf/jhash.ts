// The kernel's jhash and jhash2 (include/linux/jhash.h, Bob Jenkins' lookup3), and htab_map_hash, which
// picks a hash map's bucket: with BPF_F_ZERO_SEED the seed is 0 and iteration order is deterministic.

const JHASH_INITVAL = 0xdeadbeef;

const rol = (w: number, s: number): number => ((w << s) | (w >>> (32 - s))) >>> 0;

function mix(v: Uint32Array): void {
  v[0]! -= v[2]!;
  v[0]! ^= rol(v[2]!, 4);
  v[2]! += v[1]!;
  v[1]! -= v[0]!;
  v[1]! ^= rol(v[0]!, 6);
  v[0]! += v[2]!;
  v[2]! -= v[1]!;
  v[2]! ^= rol(v[1]!, 8);
  v[1]! += v[0]!;
  v[0]! -= v[2]!;
  v[0]! ^= rol(v[2]!, 16);
  v[2]! += v[1]!;
  v[1]! -= v[0]!;
  v[1]! ^= rol(v[0]!, 19);
  v[0]! += v[2]!;
  v[2]! -= v[1]!;
  v[2]! ^= rol(v[1]!, 4);
  v[1]! += v[0]!;
}

function final(v: Uint32Array): void {
  v[2]! ^= v[1]!;
  v[2]! -= rol(v[1]!, 14);
  v[0]! ^= v[2]!;
  v[0]! -= rol(v[2]!, 11);
  v[1]! ^= v[0]!;
  v[1]! -= rol(v[0]!, 25);
  v[2]! ^= v[1]!;
  v[2]! -= rol(v[1]!, 16);
  v[0]! ^= v[2]!;
  v[0]! -= rol(v[2]!, 4);
  v[1]! ^= v[0]!;
  v[1]! -= rol(v[0]!, 14);
  v[2]! ^= v[1]!;
  v[2]! -= rol(v[1]!, 24);
}

/** A little-endian u32 at `at` (x86 and arm64 read keys in CPU order). */
const word = (k: Uint8Array, at: number): number =>
  (k[at]! | (k[at + 1]! << 8) | (k[at + 2]! << 16) | (k[at + 3]! << 24)) >>> 0;

/** jhash(key, length, initval): bytes, the tail added byte by byte. */
export function jhash(k: Uint8Array, initval: number): number {
  const v = new Uint32Array(3).fill(JHASH_INITVAL + k.length + initval);
  let at = 0;
  let left = k.length;
  for (; left > 12; left -= 12, at += 12) {
    v[0]! += word(k, at);
    v[1]! += word(k, at + 4);
    v[2]! += word(k, at + 8);
    mix(v);
  }
  if (left === 0) return v[2]!;
  for (let i = left - 1; i >= 0; i--) v[i >> 2]! += k[at + i]! << ((i & 3) * 8);
  final(v);
  return v[2]!;
}

/** jhash2(words, length, initval): whole u32 words. */
export function jhash2(k: Uint8Array, initval: number): number {
  const n = k.length >> 2;
  const v = new Uint32Array(3).fill(JHASH_INITVAL + (n << 2) + initval);
  let i = 0;
  let left = n;
  for (; left > 3; left -= 3, i += 3) {
    v[0]! += word(k, i * 4);
    v[1]! += word(k, i * 4 + 4);
    v[2]! += word(k, i * 4 + 8);
    mix(v);
  }
  if (left === 0) return v[2]!;
  for (let j = left - 1; j >= 0; j--) v[j]! += word(k, (i + j) * 4);
  final(v);
  return v[2]!;
}

/** htab_map_hash: jhash2 when the key is whole u32 words, else jhash. */
export function htabMapHash(key: Uint8Array, seed: number): number {
  return key.length % 4 === 0 ? jhash2(key, seed) : jhash(key, seed);
}

/** roundup_pow_of_two(max_entries): a hash map's bucket count. */
export function htabBuckets(maxEntries: number): number {
  let n = 1;
  while (n < maxEntries) n *= 2;
  return n;
}
