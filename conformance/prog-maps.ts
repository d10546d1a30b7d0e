// Scenario pieces for programs that name maps and for id walks: prog_load's `maps` (instruction index ->
// map label, the imm of that ld_imm64 becomes the map's fd) and `next_id` (*_GET_NEXT_ID).
import { z } from 'zod';

import type { MapRef, ObjectKind, PinStore } from '../shared/engine.js';
import { BpfError, isBpfError } from '../shared/errors.js';

import type { LabelTable } from './labels.js';

/** prog_load's `maps`: { "<instruction index>": "<map label>" }; an unbound label stands for a closed fd. */
export const progMapsField = z.record(z.string().regex(/^\d+$/, 'must be an instruction index'), z.string().min(1));

export const progMapOpSchemas = [
  /**
   * The first object of this scenario (one a label names) that *_GET_NEXT_ID walks to from `after`'s id (a label of
   * the same kind, else EINVAL), from `start_id`, or from 0: its label, or null at the end (other processes' objects
   * are skipped).
   */
  z.strictObject({
    op: z.literal('next_id'),
    kind: z.enum(['map', 'prog', 'link']),
    after: z.string().min(1).optional(),
    /** A raw start id: 0, or INT_MAX and above (which the kernel refuses). */
    start_id: z.union([z.literal(0), z.number().int().min(0x7fffffff).max(0xffffffff)]).optional(),
  }),
] as const;

type ProgMapOp = z.infer<(typeof progMapOpSchemas)[number]>;

export function isProgMapOp(op: { op: string }): op is ProgMapOp {
  return op.op === 'next_id';
}

/** The engine's map references of a prog_load: each label's handle, or -1 (closed) when it is unbound. */
export function mapRefsOf(maps: Readonly<Record<string, string>>, labels: LabelTable): MapRef[] {
  return Object.entries(maps).map(([insn, label]) => {
    let handle = -1;
    try {
      handle = labels.resolve(label).handle;
    } catch {
      // An unbound label is a closed fd: the engine answers EBADF where the kernel does.
    }
    return { insn: Number(insn), handle };
  });
}

/** Whether the object still exists after the settle delays (see OpenEngine.settleDelaysMs). */
export async function settledAlive(store: PinStore, kind: ObjectKind, id: number, delaysMs: readonly number[]) {
  for (const ms of delaysMs) {
    if (!(await store.objectAlive(kind, id))) return false;
    await new Promise((r) => setTimeout(r, ms));
  }
  return store.objectAlive(kind, id);
}

export async function performProgMapOp(
  store: PinStore,
  labels: LabelTable,
  op: ProgMapOp,
  settleDelaysMs: readonly number[],
): Promise<unknown> {
  let id = op.start_id ?? 0;
  if (op.after !== undefined) {
    const b = labels.resolve(op.after);
    // Ids of other kinds come from another idr: where they fall is chance, so the runner refuses the walk.
    if (b.kind !== op.kind) throw new BpfError('EINVAL', `label "${op.after}" names a ${b.kind}, not a ${op.kind}`);
    id = b.id;
  }
  for (;;) {
    try {
      id = await store.nextId(op.kind, id);
    } catch (e) {
      if (isBpfError(e) && e.code === 'ENOENT') return null;
      throw e;
    }
    const label = labels.labelOf(op.kind, id);
    if (label !== '?' && (await settledAlive(store, op.kind, id, settleDelaysMs))) return label;
  }
}
