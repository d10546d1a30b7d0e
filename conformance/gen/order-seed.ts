// Hash iteration order with BPF_F_ZERO_SEED: jhash with seed 0 picks the bucket, buckets are walked in order
// and each bucket newest first, so dumps and get_next_key are compared as they come.
import { type Def, del, le, map, type Op, u32, u64, update } from './lib.js';

type HashType = 'hash' | 'percpu_hash' | 'lru_hash' | 'lru_percpu_hash';
const seeded = (max: number, o: { type?: HashType; key_size?: number; flags?: 'no_prealloc'[] } = {}): Op =>
  map('m', o.type ?? 'hash', {
    max_entries: max,
    key_size: o.key_size ?? 4,
    flags: ['zero_seed', ...(o.flags ?? [])],
  });
const dumpOrdered: Op = { op: 'dump', handle: 'm', ordered: true };
const next = (key: string | null): Op => ({ op: 'next_key', handle: 'm', key, ordered: true });
/** A key of `size` bytes made from n (little endian, then a pattern so long keys differ everywhere). */
const key = (n: number, size: number): string => {
  let s = le(n, Math.min(size, 4));
  for (let i = 4; i < size; i++) s += ((n * 7 + i) & 0xff).toString(16).padStart(2, '0');
  return s;
};
const fill = (n: number, size = 4, cpus = false): Op[] =>
  Array.from({ length: n }, (_, i) => update('m', key(i, size), cpus ? u64(i) + u64(i + 1) : u64(i)));

export const orderScenarios: Def[] = [
  ['iter-zero-seed-dump', 'a ZERO_SEED hash dumps in bucket order', [seeded(16), ...fill(10), dumpOrdered]],
  ['iter-zero-seed-full', 'a full ZERO_SEED hash of 8 in bucket order', [seeded(8), ...fill(8), dumpOrdered]],
  [
    'iter-zero-seed-collide',
    'keys sharing a bucket iterate newest first',
    [seeded(4), ...[5, 6, 0, 7].map((k) => update('m', u32(k), u64(k))), dumpOrdered],
  ],
  [
    'iter-zero-seed-next-key',
    'get_next_key walks a ZERO_SEED hash in bucket order',
    [seeded(8), ...fill(4), next(null), next(u32(0)), next(u32(1)), next(u32(2)), next(u32(3)), next(u32(9))],
  ],
  [
    'iter-zero-seed-replace',
    'replacing a key of a hash moves it to the head of its bucket',
    [
      seeded(4),
      ...[5, 6, 1].map((k) => update('m', u32(k), u64(k))),
      update('m', u32(5), u64(9)),
      dumpOrdered,
      update('m', u32(6), u64(8), 'exist'),
      dumpOrdered,
    ],
  ],
  [
    'iter-zero-seed-percpu-in-place',
    'a per-CPU hash updates in place: the bucket order stays',
    [
      seeded(2, { type: 'percpu_hash' }),
      ...[0, 2].map((k) => update('m', u32(k), u64(k) + u64(k))),
      update('m', u32(0), u64(5) + u64(6)),
      dumpOrdered,
    ],
  ],
  [
    'iter-zero-seed-no-prealloc',
    'a ZERO_SEED hash without preallocation dumps in bucket order',
    [seeded(8, { flags: ['no_prealloc'] }), ...fill(6), del('m', u32(2)), dumpOrdered],
  ],
  [
    'iter-zero-seed-key-3',
    'a 3-byte key is hashed with jhash',
    [seeded(16, { key_size: 3 }), ...fill(9, 3), dumpOrdered],
  ],
  [
    'iter-zero-seed-key-13',
    'a 13-byte key takes jhash through its 12-byte rounds',
    [seeded(16, { key_size: 13 }), ...fill(9, 13), dumpOrdered],
  ],
  [
    'iter-zero-seed-key-16',
    'a 16-byte key is hashed as four words with jhash2',
    [seeded(16, { key_size: 16 }), ...fill(9, 16), dumpOrdered],
  ],
  [
    'iter-zero-seed-key-24',
    'a 24-byte key takes jhash2 through two rounds',
    [seeded(16, { key_size: 24 }), ...fill(9, 24), dumpOrdered],
  ],
  [
    'iter-zero-seed-lru',
    'an LRU hash with ZERO_SEED in bucket order after evictions',
    [seeded(8, { type: 'lru_hash' }), ...fill(12), dumpOrdered],
  ],
  [
    'iter-zero-seed-lru-replace',
    'an LRU replace puts the new element at its bucket head',
    [
      seeded(4, { type: 'lru_hash' }),
      ...[5, 6, 7].map((k) => update('m', u32(k), u64(k))),
      update('m', u32(6), u64(1)),
      dumpOrdered,
    ],
  ],
  [
    'iter-zero-seed-lru-percpu-in-place',
    'an LRU per-CPU update in place keeps the bucket order',
    [
      seeded(4, { type: 'lru_percpu_hash' }),
      ...[5, 6, 7].map((k) => update('m', u32(k), u64(k) + u64(k))),
      update('m', u32(6), u64(1) + u64(2), 'exist'),
      dumpOrdered,
    ],
  ],
  [
    'iter-zero-seed-lru-percpu',
    'an LRU per-CPU hash with ZERO_SEED in bucket order',
    [seeded(8, { type: 'lru_percpu_hash' }), ...fill(6, 4, true), dumpOrdered],
  ],
  ['iter-zero-seed-large', 'a ZERO_SEED hash of 1024 with 200 keys', [seeded(1024), ...fill(200), dumpOrdered]],
];
