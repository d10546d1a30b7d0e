// Scenario fields for BTF on maps and element flags (BPF_F_LOCK, raw bits): their schemas and what they send.
import { z } from 'zod';

import { BPF_F_LOCK } from '../shared/bpf/elem-flags.js';
import { buildMapBtf, KPTR_TAGS, type MapBtfDesc } from '../shared/btf/describe.js';
import type { MapBtfSpec } from '../shared/engine.js';

const name = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a C identifier');
/** A builtin (u8..u64, s8..s64, char, bpf_spin_lock, bpf_res_spin_lock, bpf_timer, bpf_wq, bpf_refcount) or a name of `types`. */
const typeRef: z.ZodType<MapBtfDesc['value'] & {}> = z.lazy(() =>
  z.union([
    name,
    z.strictObject({
      array: typeRef,
      len: z
        .number()
        .int()
        .min(0)
        .max(1 << 20),
    }),
    /** A pointer tagged for the kernel (`__kptr`, `__kptr_untrusted`...) to the struct called `kptr`. */
    z.strictObject({ kptr: name, tag: z.enum(KPTR_TAGS).optional() }),
  ]),
);
/** [name, type] or [name, type, byte offset]. */
const member = z.union([z.tuple([name, typeRef]), z.tuple([name, typeRef, z.number().int().min(0)])]);
const size = z
  .number()
  .int()
  .min(0)
  .max(1 << 24)
  .optional();
const typeDesc = z.union([
  z.strictObject({ struct: z.array(member), size }),
  z.strictObject({ union: z.array(member), size }),
  z.strictObject({ typedef: typeRef }),
  z.strictObject({
    int: z.strictObject({
      size: z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(8)]),
      signed: z.boolean().optional(),
    }),
  }),
]);
/** A top-level key/value: a type, null (type id 0), or { id } for a raw (possibly invalid) type id. */
const topRef = z.union([typeRef, z.null(), z.strictObject({ id: z.number().int().min(0).max(0xffffffff) })]);

/** BTF loaded with the map (BPF_BTF_LOAD, then btf_fd/btf_key_type_id/btf_value_type_id of MAP_CREATE). */
export const mapBtfSchema = z
  .strictObject({ types: z.record(name, typeDesc).optional(), key: topRef, value: topRef })
  .superRefine((desc, ctx) => {
    try {
      buildMapBtf(desc as MapBtfDesc);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: `not buildable BTF: ${(e as Error).message}` });
    }
  });

/** Element-flag fields of lookup, lookup_and_delete and update. */
export const elemFlagFields = {
  /** BPF_F_LOCK: copy the value under the element's bpf_spin_lock. */
  lock: z.literal(true).optional(),
  /** More flag bits as a number, ORed into what the other fields give (for combinations the kernel refuses). */
  raw_flags: z.number().int().min(0).max(0xffffffff).optional(),
};

export function mapBtfSpec(desc: z.infer<typeof mapBtfSchema>): MapBtfSpec {
  return buildMapBtf(desc as MapBtfDesc);
}

/** The flag bits an operation's lock/raw_flags fields add. */
export function elemFlags(op: { lock?: true | undefined; raw_flags?: number | undefined }): number {
  return ((op.lock ? BPF_F_LOCK : 0) | (op.raw_flags ?? 0)) >>> 0;
}
