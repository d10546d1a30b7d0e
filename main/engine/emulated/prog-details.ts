// Program details on the emulated engine: the xlated image the kernel would report, and simulated run stats.
import type { BpfObject, MapObject, ProgObject } from './objects.js';

const LD_IMM64 = 0x18;
const PSEUDO_MAP_FD = 1,
  PSEUDO_MAP_VALUE = 2;

/**
 * The instructions as bpf_insn_prepare_dump() returns them: ld_imm64 map references carry the map's id in
 * imm, and the second half's imm the value offset (0 for a plain map). Helper calls stay as loaded.
 */
export function xlatedInsns(insns: Uint8Array, mapOf: (imm: number) => MapObject): Uint8Array {
  const out = insns.slice();
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  for (let i = 0; i + 1 < out.length / 8; i++) {
    if (out[i * 8] !== LD_IMM64) continue;
    const src = out[i * 8 + 1]! >> 4;
    if (src === PSEUDO_MAP_FD || src === PSEUDO_MAP_VALUE) {
      dv.setInt32(i * 8 + 4, mapOf(dv.getInt32(i * 8 + 4, true)).id, true);
      if (src === PSEUDO_MAP_FD) dv.setInt32(i * 8 + 12, 0, true);
    }
    i++;
  }
  return out;
}

/** One second of simulated runs while statistics are on: every program that is not an iterator runs. */
export function bumpRunStats(objects: BpfObject[]): void {
  for (const obj of objects) {
    if (obj.kind !== 'prog' || obj.type === 'tracing') continue;
    const runs = runsPerTick(obj);
    obj.runCnt += runs;
    obj.runTimeNs += runs * (40 + (obj.insns.length / 8) * 3);
  }
}

/** A steady, program-specific rate so the live rate reads the same each second. */
function runsPerTick(prog: ProgObject): number {
  return 100 + (prog.id % 7) * 150;
}
