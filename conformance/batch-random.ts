// Random batch operations for the differential run. Lookup-and-delete reads from the start (or from a token past
// every bucket) with room for every element: a part of a hash map without ZERO_SEED is the random seed's choice,
// and deleting it would leave the two engines with different maps. Plain lookups take any count and token
// (their outcome is normalised where it is random, see batch.ts).
import fc from 'fast-check';

import { u32, u64 } from './gen/lib.js';
import type { ScenarioOp } from './scenario.js';

type Value = string | { handle: string };

const count = fc.constantFrom(0, 1, 2, 3, 4, 8, 64);
/** Tokens: indexes and buckets 0-4, one past any bucket of these maps, and a short one the engines zero-pad. */
const token = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 4, arbitrary: fc.constantFrom(0, 1, 2, 3, 4).map(u32) },
  { weight: 1, arbitrary: fc.constantFrom('ffffffff', '01') },
);
const flagBits = fc.oneof(
  { weight: 8, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom(1, 2, 4, 8) },
  { weight: 1, arbitrary: fc.constantFrom(['lock'], ['noexist']) },
);
const batchKey = fc.oneof(
  { weight: 9, arbitrary: fc.integer({ min: 0, max: 5 }).map(u32) },
  { weight: 1, arbitrary: fc.constant('0102') },
);

/** Adds the optional fields only when drawn, as a hand-written scenario would leave them out. */
function withOptional<T extends object>(op: T, extra: Record<string, unknown>): T {
  const out = { ...op } as Record<string, unknown>;
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) out[k] = v;
  return out as T;
}

/** The four batch operations, weighted, over the random run's labels (mostly maps), keys and values. */
export function batchRandomOps(anyLabel: fc.Arbitrary<string>, value: fc.Arbitrary<Value>) {
  const label = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('m0', 'm1', 'm2') },
    { weight: 1, arbitrary: anyLabel },
  );
  const lookupBatch = fc
    .record({ handle: label, count, in_batch: token, elem_flags: flagBits, flags: flagBits })
    .map(({ handle, count, ...rest }) => withOptional({ op: 'lookup_batch', handle, count } as ScenarioOp, rest));
  const lookupAndDeleteBatch = fc
    .record({
      handle: label,
      count: fc.constantFrom(0, 6, 64),
      in_batch: fc.constantFrom(undefined, null, 'ffffffff'),
      elem_flags: flagBits,
      flags: flagBits,
    })
    .map(({ handle, count, ...rest }) =>
      withOptional({ op: 'lookup_and_delete_batch', handle, count } as ScenarioOp, rest),
    );
  const keys = fc.oneof(
    { weight: 8, arbitrary: fc.array(fc.integer({ min: 0, max: 5 }).map(u32), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.array(batchKey, { maxLength: 4 }) },
  );
  // One kind of value per batch, mostly: a mix of sizes would stop nearly every batch at its first element.
  const valuesFor = (n: number): fc.Arbitrary<Value[]> =>
    fc.oneof(
      { weight: 4, arbitrary: fc.array(fc.integer({ min: 0, max: 9 }).map(u64), { minLength: n, maxLength: n }) },
      {
        weight: 2,
        arbitrary: fc.array(
          fc.integer({ min: 0, max: 9 }).map((i) => u64(i) + u64(i + 1)),
          { minLength: n, maxLength: n },
        ),
      },
      {
        weight: 2,
        arbitrary: fc.array(
          fc.constantFrom('m0', 'm1', 'm2', 'p0').map((handle) => ({ handle })),
          { minLength: n, maxLength: n },
        ),
      },
      { weight: 1, arbitrary: fc.array(value, { minLength: n, maxLength: n }) },
    );
  // count: mostly left to the number of keys; sometimes fewer, or more than were given (refused before the call).
  const countFor = (n: number) => fc.constantFrom(undefined, undefined, undefined, 0, Math.max(0, n - 1), n + 1);
  const updateBatch = keys.chain((ks) =>
    fc
      .record({
        handle: label,
        values: valuesFor(ks.length),
        count: countFor(ks.length),
        elem_flags: flagBits,
        flags: flagBits,
      })
      .map((r) =>
        withOptional({ op: 'update_batch', handle: r.handle, keys: ks, values: r.values } as ScenarioOp, {
          count: r.count,
          elem_flags: r.elem_flags,
          flags: r.flags,
        }),
      ),
  );
  const deleteBatch = keys.chain((keys) =>
    fc.record({ handle: label, count: countFor(keys.length), elem_flags: flagBits, flags: flagBits }).map((r) =>
      withOptional({ op: 'delete_batch', handle: r.handle, keys } as ScenarioOp, {
        count: r.count,
        elem_flags: r.elem_flags,
        flags: r.flags,
      }),
    ),
  );
  return [
    { weight: 2, arbitrary: lookupBatch },
    { weight: 1, arbitrary: lookupAndDeleteBatch },
    { weight: 2, arbitrary: updateBatch },
    { weight: 1, arbitrary: deleteBatch },
  ];
}
