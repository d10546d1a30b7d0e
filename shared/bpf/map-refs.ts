// Programs that name maps: the ld_imm64 instructions whose imm becomes a map's fd, and *_GET_NEXT_ID's rule.
import type { MapRef } from '../engine.js';
import { BpfError } from '../errors.js';

/** A copy of `insns` with the imm of each referenced instruction set to `immOf(handle)`. */
export function patchMapRefs(
  insns: Uint8Array,
  refs: readonly MapRef[],
  immOf: (handle: number) => number,
): Uint8Array {
  const out = insns.slice();
  const dv = new DataView(out.buffer);
  const count = Math.floor(out.length / 8);
  for (const ref of refs) {
    if (!Number.isInteger(ref.insn) || ref.insn < 0 || ref.insn >= count)
      throw new BpfError('EINVAL', `A map reference names instruction ${ref.insn}; the program has ${count}.`);
    dv.setInt32(ref.insn * 8 + 4, immOf(ref.handle), true);
  }
  return out;
}

/** bpf_obj_get_next_id refuses a start id of INT_MAX or more before it looks (EINVAL). */
export function nextIdStartProblem(id: number): string | undefined {
  return Number.isInteger(id) && id >= 0 && id < 0x7fffffff
    ? undefined
    : `The start id must be below 2147483647 (got ${id}).`;
}
