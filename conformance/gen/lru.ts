// LRU hash maps under pressure: which keys the kernel's LRU evicts, checked with every update on one CPU.
import { type Def, del, dump, lookup, map, type Op, pop, u32, u64, update } from './lib.js';

type Flag = 'any' | 'noexist' | 'exist';
type LruType = 'lru_hash' | 'lru_percpu_hash';

/** 2 possible CPUs on the machines the suite runs on; per-CPU values are 8 bytes per CPU. */
const lru = (max: number, o: { type?: LruType; flags?: 'no_common_lru'[] } = {}): Op =>
  map('m', o.type ?? 'lru_hash', { max_entries: max, flags: o.flags ?? [] });
const put = (k: number, flag: Flag = 'any', v = 100 + k): Op => update('m', u32(k), u64(v), flag);
const putCpu = (k: number, flag: Flag = 'any', v = 100 + k): Op => update('m', u32(k), u64(v) + u64(v + 1), flag);
const fill = (from: number, to: number): Op[] => Array.from({ length: to - from }, (_, i) => put(from + i));
const fillCpu = (from: number, to: number): Op[] => Array.from({ length: to - from }, (_, i) => putCpu(from + i));
const look = (k: number): Op => lookup('m', u32(k));
const end = dump('m');

export const lruScenarios: Def[] = [
  ['lru-pressure-2', 'an LRU hash of 2 evicts the oldest key per insert', [lru(2), ...fill(0, 5), end]],
  ['lru-pressure-8-batch', 'an LRU hash of 8 on 2 CPUs evicts two keys at once', [lru(8), ...fill(0, 9), end]],
  ['lru-pressure-8-twice', 'the second eviction batch of an LRU hash of 8', [lru(8), ...fill(0, 11), end]],
  ['lru-pressure-16', 'an LRU hash of 16 evicts four keys at once', [lru(16), ...fill(0, 17), end]],
  ['lru-pressure-16-long', 'an LRU hash of 16 after 40 inserts', [lru(16), ...fill(0, 40), end]],
  ['lru-pressure-3', 'an LRU hash of 3 (odd size) under pressure', [lru(3), ...fill(0, 7), end]],
  ['lru-pressure-300', 'an LRU hash of 300 refills 75 nodes at a time', [lru(300), ...fill(0, 301), end]],
  ['lru-pressure-600-clamp', 'the free target is clamped at 128', [lru(600), ...fill(0, 601), end]],
  [
    'lru-exist-evicts-itself',
    'an EXIST update of the oldest key of a full LRU evicts it first, then fails',
    [lru(2), put(0), put(1), put(0, 'exist'), look(0), look(1), end],
  ],
  [
    'lru-noexist-evicts-other',
    'a refused NOEXIST update of a full LRU still evicts the oldest key',
    [lru(2), put(0), put(1), put(1, 'noexist'), look(0), look(1), end],
  ],
  [
    'lru-exist-not-full',
    'an EXIST update of an LRU with free nodes replaces the value',
    [lru(8), put(0), put(1), put(0, 'exist', 7), look(0), end],
  ],
  [
    'lru-replace-evicts',
    'replacing an existing key of a full LRU can evict another key',
    [lru(2), put(0), put(1), put(1, 'any', 9), look(0), look(1), end],
  ],
  [
    'lru-replace-marks-ref',
    'a replaced key is referenced, so the next shrink passes over it',
    [lru(8), ...fill(0, 8), put(0, 'any', 5), put(1, 'any', 6), ...fill(8, 12), end],
  ],
  [
    'lru-lookup-no-ref',
    'a syscall lookup does not protect a key from eviction',
    [lru(2), put(0), put(1), look(0), put(2), look(0), end],
  ],
  [
    'lru-delete-frees-node',
    'deleting a key of a full LRU frees a node: the next insert evicts nothing',
    [lru(4), ...fill(0, 4), del('m', u32(3)), put(9), end],
  ],
  [
    'lru-delete-old-then-fill',
    'deleted nodes of the common list are reused before eviction',
    [lru(8), ...fill(0, 8), del('m', u32(0)), del('m', u32(1)), del('m', u32(2)), ...fill(8, 13), end],
  ],
  [
    'lru-pop-then-fill',
    'lookup_and_delete frees a node like delete',
    [lru(4), ...fill(0, 4), pop('m', u32(1)), put(7), put(8), end],
  ],
  [
    'lru-delete-all-refill',
    'an LRU emptied by deletes fills again without eviction',
    [lru(4), ...fill(0, 4), ...[0, 1, 2, 3].map((k) => del('m', u32(k))), ...fill(4, 8), end],
  ],
  [
    'lru-reinsert-churn',
    'the same few keys updated over and over in a small LRU',
    [lru(4), ...[0, 1, 2, 0, 1, 2, 3, 0, 4, 1, 5].map((k) => put(k)), end],
  ],
  [
    'lru-noexist-churn',
    'NOEXIST and EXIST updates mixed under pressure',
    [lru(4), put(0), put(1), put(2), put(3), put(0, 'noexist'), put(4, 'noexist'), put(1, 'exist'), put(5), end],
  ],
  [
    'lru-ref-rotation',
    'many referenced keys rotate through the active list before eviction',
    [lru(16), ...fill(0, 16), ...Array.from({ length: 10 }, (_, i) => put(i, 'any', 1)), ...fill(16, 30), end],
  ],
  [
    'lru-ref-alternate',
    'replaces and inserts alternating in an LRU of 8',
    [lru(8), ...Array.from({ length: 30 }, (_, i) => (i % 3 === 2 ? put(i % 5, 'any', i) : put(i))), end],
  ],
  [
    'lru-ref-inactive-scan',
    'referenced keys at the inactive tail move to the active list during a shrink',
    [lru(32), ...fill(0, 32), ...[0, 1, 2, 3, 4, 5, 6, 7].map((k) => put(k, 'exist', 2)), ...fill(32, 60), end],
  ],
  [
    'lru-no-common-churn',
    'NO_COMMON_LRU with replaces and inserts mixed',
    [
      lru(16, { flags: ['no_common_lru'] }),
      ...Array.from({ length: 40 }, (_, i) => (i % 4 === 3 ? put(i % 7, 'any', i) : put(i))),
      end,
    ],
  ],
  [
    'lru-no-common-half',
    'with NO_COMMON_LRU one CPU only uses its own list: half of max_entries on 2 CPUs',
    [lru(4, { flags: ['no_common_lru'] }), ...fill(0, 4), end],
  ],
  [
    'lru-no-common-order',
    'NO_COMMON_LRU evicts from the CPU list in LRU order',
    [lru(8, { flags: ['no_common_lru'] }), ...fill(0, 10), end],
  ],
  [
    'lru-no-common-exist',
    'NO_COMMON_LRU: an EXIST update of the oldest key evicts it first',
    [lru(4, { flags: ['no_common_lru'] }), put(0), put(1), put(0, 'exist'), end],
  ],
  [
    'lru-no-common-replace',
    'NO_COMMON_LRU: replacing a key marks it referenced',
    [lru(16, { flags: ['no_common_lru'] }), ...fill(0, 8), put(0, 'any', 1), ...fill(8, 14), end],
  ],
  [
    'lru-no-common-delete',
    'NO_COMMON_LRU: a deleted node goes back to its CPU list',
    [lru(4, { flags: ['no_common_lru'] }), put(0), put(1), del('m', u32(0)), put(2), put(3), end],
  ],
  [
    'lru-percpu-pressure',
    'an LRU per-CPU hash of 8 evicts two keys at once',
    [lru(8, { type: 'lru_percpu_hash' }), ...fillCpu(0, 9), end],
  ],
  [
    'lru-percpu-exist-no-evict',
    'an EXIST update of a full LRU per-CPU hash takes no node: nothing is evicted',
    [lru(2, { type: 'lru_percpu_hash' }), putCpu(0), putCpu(1), putCpu(0, 'exist', 7), end],
  ],
  [
    'lru-percpu-any-existing-evicts',
    'an ANY update of an existing key of a full LRU per-CPU hash takes a node and may evict',
    [lru(2, { type: 'lru_percpu_hash' }), putCpu(0), putCpu(1), putCpu(1, 'any', 9), end],
  ],
  [
    'lru-percpu-exist-missing',
    'an EXIST update of a missing key of an LRU per-CPU hash is ENOENT without eviction',
    [lru(2, { type: 'lru_percpu_hash' }), putCpu(0), putCpu(1), putCpu(5, 'exist'), end],
  ],
  [
    'lru-percpu-noexist-full',
    'a refused NOEXIST update of a full LRU per-CPU hash evicts',
    [lru(2, { type: 'lru_percpu_hash' }), putCpu(0), putCpu(1), putCpu(1, 'noexist'), end],
  ],
  [
    'lru-percpu-ref-in-place',
    'an in-place update marks the per-CPU element referenced',
    [lru(8, { type: 'lru_percpu_hash' }), ...fillCpu(0, 8), putCpu(0, 'exist', 3), ...fillCpu(8, 12), end],
  ],
  [
    'lru-percpu-no-common',
    'an LRU per-CPU hash with NO_COMMON_LRU uses one CPU list',
    [lru(8, { type: 'lru_percpu_hash', flags: ['no_common_lru'] }), ...fillCpu(0, 7), end],
  ],
  [
    'lru-percpu-no-common-exist',
    'NO_COMMON_LRU per-CPU: EXIST on a full CPU list evicts nothing',
    [lru(4, { type: 'lru_percpu_hash', flags: ['no_common_lru'] }), putCpu(0), putCpu(1), putCpu(0, 'exist'), end],
  ],
];
