// The scenario file format: a name and a list of operations on labels and mount-relative paths.
// Validated strictly so a typo in a hand-written scenario is reported, not silently ignored.
import { z } from 'zod';

import { ATTACH_TYPES } from '../shared/bpf/link-target.js';
import { MAP_FLAGS, MAP_TYPES, PROG_TYPES } from '../shared/bpf/types.js';

import { batchOpSchemas } from './batch.js';
import { elemFlagFields, mapBtfSchema } from './btf-lock.js';
import { asUserProblem, credentialOpSchemas } from './credentials.js';
import { progMapOpSchemas, progMapsField } from './prog-maps.js';
import { tokenField, tokenOpSchemas } from './token.js';

const path = z.string();
const label = z.string().min(1);
const hex = z.string().regex(/^([0-9a-fA-F]{2})*$/, 'must be hex bytes (an even number of hex digits)');
const u32 = z.number().int().min(0).max(0xffffffff);
const mapType = z.enum(Object.keys(MAP_TYPES) as [keyof typeof MAP_TYPES, ...(keyof typeof MAP_TYPES)[]]);
const progType = z.enum(Object.keys(PROG_TYPES) as [keyof typeof PROG_TYPES, ...(keyof typeof PROG_TYPES)[]]);
const mapFlag = z.enum(Object.keys(MAP_FLAGS) as [keyof typeof MAP_FLAGS, ...(keyof typeof MAP_FLAGS)[]]);
const onHandle = { handle: label };
const accessFlags = z
  .array(z.enum(['rdonly', 'wronly']))
  .max(1, 'at most one of rdonly, wronly (the API has no way to ask for both)')
  .optional();
/** Compare hash iteration order as is where it is deterministic: maps with BPF_F_ZERO_SEED (jhash, seed 0). */
const ordered = z.literal(true).optional();

export const opSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('mkdir'), path, mode: z.number().int().min(0).max(0o7777).optional() }),
  z.strictObject({ op: z.literal('rmdir'), path }),
  z.strictObject({ op: z.literal('unlink'), path }),
  z.strictObject({
    op: z.literal('rename'),
    from: path,
    to: path,
    noreplace: z.boolean().optional(),
    exchange: z.boolean().optional(),
  }),
  z.strictObject({ op: z.literal('link'), from: path, to: path }),
  z.strictObject({ op: z.literal('symlink'), target: z.string(), path }),
  z.strictObject({ op: z.literal('stat'), path }),
  z.strictObject({ op: z.literal('list'), path }),
  z.strictObject({
    op: z.literal('map_create'),
    as: label,
    type: mapType,
    key_size: u32,
    value_size: u32,
    max_entries: u32,
    flags: z.array(mapFlag),
    name: z.string(),
    inner: label.optional(),
    map_extra: u32.optional(),
    btf: mapBtfSchema.optional(),
    token: tokenField,
  }),
  z.strictObject({
    op: z.literal('prog_load'),
    as: label,
    type: progType,
    name: z.string(),
    insns: hex,
    license: z.string(),
    expected_attach_type: z.enum(ATTACH_TYPES as [string, ...string[]]).optional(),
    maps: progMapsField.optional(),
    token: tokenField,
  }),
  z.strictObject({ op: z.literal('pin'), ...onHandle, path }),
  z.strictObject({
    op: z.literal('get'),
    as: label,
    path,
    flags: accessFlags,
    /** BPF_OBJ_GET file_flags as raw bits (RDONLY 8, WRONLY 16, PATH_FD 16384...), instead of `flags`. */
    raw_flags: u32.optional(),
  }),
  /** *_GET_FD_BY_ID of the object a label names (even after its handle was closed). */
  z.strictObject({ op: z.literal('get_by_id'), as: label, of: label, flags: accessFlags }),
  z.strictObject({ op: z.literal('close'), ...onHandle }),
  z.strictObject({ op: z.literal('info'), ...onHandle }),
  /** `value`: what the value buffer holds going in; a bloom filter peeks it (zeros when absent). */
  z.strictObject({
    op: z.literal('lookup'),
    ...onHandle,
    key: hex.nullable(),
    value: hex.optional(),
    ...elemFlagFields,
  }),
  z.strictObject({ op: z.literal('lookup_and_delete'), ...onHandle, key: hex.nullable(), ...elemFlagFields }),
  z.strictObject({
    op: z.literal('update'),
    ...onHandle,
    key: hex.nullable(),
    value: z.union([hex, z.strictObject({ handle: label })]),
    flag: z.enum(['any', 'noexist', 'exist']),
    ...elemFlagFields,
  }),
  z.strictObject({ op: z.literal('delete'), ...onHandle, key: hex }),
  z.strictObject({ op: z.literal('next_key'), ...onHandle, key: hex.nullable(), ordered }),
  z.strictObject({ op: z.literal('dump'), ...onHandle, ordered }),
  z.strictObject({ op: z.literal('freeze'), ...onHandle }),
  z.strictObject({ op: z.literal('alive'), ...onHandle }),
  ...credentialOpSchemas,
  ...batchOpSchemas,
  ...progMapOpSchemas,
  ...tokenOpSchemas,
]);

export const scenarioSchema = z.strictObject({
  name: z.string().min(1),
  ops: z.array(opSchema).min(1),
});

export type ScenarioOp = z.infer<typeof opSchema>;
export type Scenario = z.infer<typeof scenarioSchema>;
export type OpName = ScenarioOp['op'];

/** Parses scenario JSON text; throws an Error whose message says what is wrong and where. */
export function parseScenario(text: string, source: string): Scenario {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${source}: not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${source}: not a valid scenario:\n${z.prettifyError(parsed.error)}`);
  const both = parsed.data.ops.findIndex((op) => op.op === 'get' && op.flags && op.raw_flags !== undefined);
  if (both >= 0)
    throw new Error(`${source}: not a valid scenario:\nops[${both}]: flags and raw_flags exclude each other`);
  const inner = asUserProblem(parsed.data.ops, (op) => {
    const r = opSchema.safeParse(op);
    return r.success ? undefined : z.prettifyError(r.error);
  });
  if (inner) throw new Error(`${source}: not a valid scenario:\n${inner}`);
  return parsed.data;
}
