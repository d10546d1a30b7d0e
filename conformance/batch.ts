// Scenario operations for BPF_MAP_*_BATCH: lookup_batch, lookup_and_delete_batch, update_batch, delete_batch.
// The outcome is what the kernel wrote back: count (also on failure), the keys and values read, out_batch.
import { z } from 'zod';

import { BATCH_FLAG_NAMES, type BatchOp, batchImpl } from '../shared/bpf/batch.js';
import { bytesToHex, hexToBytes } from '../shared/bpf/hex.js';
import type { MapTypeName } from '../shared/bpf/types.js';
import type { MapBatchResult, MapValue, PinStore } from '../shared/engine.js';

import { zeroSeed } from './info.js';
import type { LabelTable } from './labels.js';
import { renderValue } from './values.js';

const label = z.string().min(1);
const hex = z.string().regex(/^([0-9a-fA-F]{2})*$/, 'must be hex bytes (an even number of hex digits)');
const u32 = z.number().int().min(0).max(0xffffffff);
const flagName = z.enum(Object.keys(BATCH_FLAG_NAMES) as [string, ...string[]]);
/** elem_flags / flags: raw bits, or names of bits (lock = BPF_F_LOCK; noexist/exist, which batches refuse). */
const flags = z.union([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), z.array(flagName)]).optional();
const common = { handle: label, elem_flags: flags, flags };
/** in_batch: where to resume (a key, or a hash map's u32 bucket index), null or left out to start. */
const lookup = { ...common, count: u32, in_batch: hex.nullable().optional() };
/** count defaults to the number of keys given. */
const write = { ...common, count: u32.optional(), keys: z.array(hex) };

export const batchOpSchemas = [
  z.strictObject({ op: z.literal('lookup_batch'), ...lookup }),
  z.strictObject({ op: z.literal('lookup_and_delete_batch'), ...lookup }),
  z.strictObject({
    op: z.literal('update_batch'),
    ...write,
    values: z.array(z.union([hex, z.strictObject({ handle: label })])),
  }),
  z.strictObject({ op: z.literal('delete_batch'), ...write }),
] as const;

export type BatchScenarioOp = z.infer<(typeof batchOpSchemas)[number]>;

const OPS: Record<BatchScenarioOp['op'], BatchOp> = {
  lookup_batch: 'lookup',
  lookup_and_delete_batch: 'lookup_and_delete',
  update_batch: 'update',
  delete_batch: 'delete',
};

export function isBatchOp(op: { op: string }): op is BatchScenarioOp {
  return op.op in OPS;
}

function flagBits(f: number | string[] | undefined): number {
  if (f === undefined || typeof f === 'number') return f ?? 0;
  return f.reduce((bits, name) => bits | (BATCH_FLAG_NAMES[name] ?? 0), 0);
}

const bytes = (h: string): Uint8Array => hexToBytes(h) ?? new Uint8Array();

/** A part of a hash map read without ZERO_SEED: which elements, and how many fit, depend on the random seed. */
export const SOME_PART = '(some elements: hash order is random)';
export const SOME_BUCKET = '(a bucket: hash order is random)';

export async function performBatchOp(store: PinStore, labels: LabelTable, op: BatchScenarioOp): Promise<unknown> {
  const b = labels.resolve(op.handle);
  const kind = OPS[op.op];
  const lookup = op.op === 'lookup_batch' || op.op === 'lookup_and_delete_batch';
  const keys = lookup ? undefined : op.keys.map(bytes);
  const values: MapValue[] | undefined =
    op.op === 'update_batch'
      ? op.values.map((v) => (typeof v === 'string' ? bytes(v) : { handle: labels.resolve(v.handle).handle }))
      : undefined;
  const r = await store.mapBatch(b.handle, {
    op: kind,
    count: lookup ? op.count : (op.count ?? op.keys.length),
    inBatch: lookup && op.in_batch ? bytes(op.in_batch) : null,
    keys,
    values,
    elemFlags: flagBits(op.elem_flags),
    flags: flagBits(op.flags),
  });
  const errno = r.error ? { errno: r.error.code } : {};
  if (!lookup) return { count: r.count, ...errno };
  const type = b.type as MapTypeName;
  if (batchImpl(type, kind) === 'htab' && !(await zeroSeed(store, b.handle)))
    return randomOrder(r, type, labels, op.in_batch);
  return { count: r.count, ...rendered(r, type, labels, false), out: hexOrNull(r.outBatch), ...errno };
}

const hexOrNull = (b: Uint8Array | null): string | null => (b === null ? null : bytesToHex(b));

function rendered(r: MapBatchResult, type: MapTypeName, labels: LabelTable, sorted: boolean) {
  const rows = r.keys.map((k, i) => [bytesToHex(k), renderValue(type, r.values[i]!, labels)] as const);
  if (sorted) rows.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return { keys: rows.map(([k]) => k), values: rows.map(([, v]) => v) };
}

/**
 * A hash-family map without BPF_F_ZERO_SEED (probed: its buckets follow a random seed). Only a read from the start
 * that reaches the end (ENOENT) is the same on every run, in sorted order, out_batch then being n_buckets; any
 * other read says only that it read some part. Refusals before reading stay as they are.
 */
function randomOrder(r: MapBatchResult, type: MapTypeName, labels: LabelTable, inBatch: string | null | undefined) {
  const code = r.error?.code;
  if (code !== undefined && code !== 'ENOENT' && code !== 'ENOSPC') return { count: r.count, errno: code };
  if (code === 'ENOENT' && !inBatch) {
    return { count: r.count, ...rendered(r, type, labels, true), out: hexOrNull(r.outBatch), errno: code };
  }
  return { part: SOME_PART, out: r.outBatch === null ? null : SOME_BUCKET };
}
