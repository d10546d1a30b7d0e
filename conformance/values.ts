// How keys and values appear in outcomes: hex, except object ids in fd-valued maps (written as labels)
// and hash-family iteration (its order is random on the kernel, so only what is deterministic is kept).

import { bytesToHex, leUint } from '../shared/bpf/hex.js';
import { HASH_FAMILY, type MapTypeName } from '../shared/bpf/types.js';
import type { MapEntry } from '../shared/engine.js';
import { isBpfError } from '../shared/errors.js';

import type { LabelTable } from './labels.js';

const FD_VALUED: Partial<Record<MapTypeName, 'prog' | 'map'>> = {
  prog_array: 'prog',
  array_of_maps: 'map',
  hash_of_maps: 'map',
};

/** Hex bytes; for fd-valued maps the 4-byte object id becomes {ref: label}. */
export function renderValue(type: MapTypeName, value: Uint8Array, labels: LabelTable): unknown {
  const kind = FD_VALUED[type];
  if (kind && value.length === 4) return { ref: labels.labelOf(kind, Number(leUint(value))) };
  return bytesToHex(value);
}

/** [key, value] pairs; hash-family maps sorted by key (their order is random) unless `ordered` is asked. */
export function renderDump(type: MapTypeName, entries: MapEntry[], labels: LabelTable, ordered = false): unknown {
  const rows = entries.map((e) => [bytesToHex(e.key), renderValue(type, e.value, labels)] as const);
  if (HASH_FAMILY.has(type) && !ordered) rows.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return rows;
}

export const SOME_KEY = '(a key: hash order is random)';
export const STEP = '(a key or the end: hash order is random)';

/**
 * get_next_key on a hash-family map. Which key comes first, and whether an existing key is the last,
 * depend on the kernel's random hash seed; so a first key is only "some key", and after a key both
 * another key and ENOENT are one outcome. Everything else (EPERM, EBADF, ENOENT when empty...) stays.
 */
export async function normalizeNextKey(key: string | null, step: () => Promise<Uint8Array>): Promise<string> {
  try {
    await step();
    return key === null ? SOME_KEY : STEP;
  } catch (e) {
    if (key !== null && isBpfError(e) && e.code === 'ENOENT') return STEP;
    throw e;
  }
}
