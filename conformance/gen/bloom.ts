// Bloom filters with BPF_F_ZERO_SEED: the kernel's bits are predictable, so a peek of a value never pushed is
// found exactly when its k bits were all set by others (a false positive), and missing when one is clear.
import { bloomBit, bloomGeometry } from '../../shared/bpf/bloom.js';
import { hexToBytes } from '../../shared/bpf/hex.js';

import { type Def, le, map, type Op, update } from './lib.js';

interface Shape {
  valueSize: number;
  maxEntries: number;
  mapExtra: number;
}

const bitsOf = (s: Shape, hex: string): number[] => {
  const g = bloomGeometry(s.maxEntries, s.mapExtra);
  const v = hexToBytes(hex) ?? new Uint8Array();
  return Array.from({ length: g.nrHashFuncs }, (_, i) => bloomBit(v, 0, i, g.bitsetMask));
};

const value = (s: Shape, n: number): string => le(n, s.valueSize);

/** Values 1..pushed pushed; the first never-pushed values found (false positives) and not found. */
function probes(s: Shape, pushed: number, want: number): { hits: string[]; misses: string[] } {
  const set = new Set(Array.from({ length: pushed }, (_, i) => bitsOf(s, value(s, i + 1))).flat());
  const hits: string[] = [];
  const misses: string[] = [];
  for (let n = pushed + 1; n < 1 << 20 && (hits.length < want || misses.length < want); n++) {
    const found = bitsOf(s, value(s, n)).every((b) => set.has(b));
    const list = found ? hits : misses;
    if (list.length < want) list.push(value(s, n));
  }
  return { hits, misses };
}

const peek = (v: string): Op => ({ op: 'lookup', handle: 'b', key: null, value: v });

function scenario(file: string, name: string, s: Shape, pushed: number, which: 'hits' | 'misses'): Def {
  const create = map('b', 'bloom_filter', {
    key_size: 0,
    value_size: s.valueSize,
    max_entries: s.maxEntries,
    flags: ['zero_seed'],
    map_extra: s.mapExtra,
  });
  const pushes = Array.from({ length: pushed }, (_, i) => update('b', null, value(s, i + 1)));
  const found = probes(s, pushed, 3);
  const checks = [...found[which].map(peek), peek(value(s, 1)), peek(value(s, pushed))];
  return [file, name, [create, ...pushes, ...checks]];
}

const ONE_HASH: Shape = { valueSize: 4, maxEntries: 1, mapExtra: 1 };
const DEFAULT_K: Shape = { valueSize: 4, maxEntries: 1, mapExtra: 0 };
const UNALIGNED: Shape = { valueSize: 3, maxEntries: 2, mapExtra: 2 };
const WIDE: Shape = { valueSize: 16, maxEntries: 40, mapExtra: 3 };
const BIG: Shape = { valueSize: 8, maxEntries: 100, mapExtra: 7 };

export const bloomScenarios: Def[] = [
  scenario('bloom-fp-one-hash', 'one hash over 64 bits: a value sharing a pushed bit is found', ONE_HASH, 3, 'hits'),
  scenario('bloom-tn-one-hash', 'one hash over 64 bits: a value on a clear bit is not found', ONE_HASH, 3, 'misses'),
  scenario('bloom-fp-default-k', 'map_extra 0 means five hashes: false positives once full', DEFAULT_K, 12, 'hits'),
  scenario('bloom-tn-default-k', 'map_extra 0 means five hashes: most values stay out', DEFAULT_K, 4, 'misses'),
  scenario('bloom-fp-jhash', 'a 3-byte value hashes with jhash: false positives', UNALIGNED, 10, 'hits'),
  scenario('bloom-tn-jhash', 'a 3-byte value hashes with jhash: true negatives', UNALIGNED, 4, 'misses'),
  scenario('bloom-fp-wide', 'a 16-byte value over a 256-bit array: false positives', WIDE, 60, 'hits'),
  scenario('bloom-tn-wide', 'a 16-byte value over a 256-bit array: true negatives', WIDE, 20, 'misses'),
  scenario('bloom-fp-big', '100 entries, 7 hashes, 1024 bits: false positives when overfilled', BIG, 250, 'hits'),
  scenario('bloom-tn-big', '100 entries, 7 hashes, 1024 bits: true negatives', BIG, 100, 'misses'),
];
