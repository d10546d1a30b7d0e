// The checks before the walk: subprogram boundaries (check_subprogs) and the control-flow graph (check_cfg):
// every jump stays inside its subprogram, each ends in exit or ja, every instruction is reachable, and no jump
// lands in the middle of an ld_imm64.
import { fail } from './stores.js';
import type { Insn } from './verifier-walk.js';

const LD_IMM64 = 0x18;
const isJump = (code: number): boolean => {
  const cls = code & 7;
  return (cls === 5 || cls === 6) && code !== 0x85 && code !== 0x95;
};
const target = (insn: Insn, pc: number): number => pc + 1 + (insn.code === 0x06 ? insn.imm : insn.off);

/** Starts of the subprograms after the main one: targets of bpf-to-bpf calls and of ld_imm64 func references. */
export function subprogStarts(all: Insn[]): number[] {
  const starts = new Set<number>();
  all.forEach((insn, pc) => {
    const pseudoCall = insn.code === 0x85 && insn.src === 1;
    const funcRef = insn.code === LD_IMM64 && insn.src === 4;
    if (!pseudoCall && !funcRef) return;
    const to = pc + 1 + insn.imm;
    if (to < 0 || to >= all.length) fail('EINVAL', `call to invalid destination at insn ${pc} (EINVAL).`);
    if (to !== 0) starts.add(to);
  });
  return [...starts].sort((a, b) => a - b);
}

export function checkSubprogs(all: Insn[], starts: number[]): void {
  const bounds = [0, ...starts, all.length];
  for (let s = 0; s + 1 < bounds.length; s++) {
    const [lo, hi] = [bounds[s]!, bounds[s + 1]!];
    for (let pc = lo; pc < hi; pc++) {
      const insn = all[pc]!;
      if (isJump(insn.code)) {
        const to = target(insn, pc);
        if (to < lo || to >= hi) fail('EINVAL', `jump out of range from insn ${pc} to ${to} (EINVAL).`);
      }
    }
    const last = all[hi - 1]!.code;
    if (last !== 0x95 && last !== 0x05 && last !== 0x06)
      fail('EINVAL', `last insn is not an exit or jmp at insn ${hi - 1} (EINVAL).`);
  }
}

export function checkCfg(all: Insn[]): void {
  const reached = new Array<boolean>(all.length).fill(false);
  const todo = [0];
  const go = (pc: number): void => {
    if (pc >= all.length) fail('EINVAL', `jump out of range to insn ${pc} (EINVAL).`);
    if (!reached[pc]) {
      reached[pc] = true;
      todo.push(pc);
    }
  };
  reached[0] = true;
  while (todo.length) {
    const pc = todo.pop()!;
    const insn = all[pc]!;
    if (insn.code === 0x95) continue;
    if (insn.code === LD_IMM64) go(pc + 2);
    else if (insn.code === 0x05 || insn.code === 0x06) go(target(insn, pc));
    else if (isJump(insn.code)) {
      go(pc + 1);
      go(target(insn, pc));
    } else {
      if (insn.code === 0x85 && insn.src === 1) go(pc + 1 + insn.imm);
      go(pc + 1);
    }
  }
  for (let i = 0; i < all.length; i++) {
    if (!reached[i]) fail('EINVAL', `unreachable insn ${i} (EINVAL).`);
    if (all[i]!.code === LD_IMM64) {
      if (reached[i + 1]) fail('EINVAL', `jump into the middle of ldimm64 insn ${i} (EINVAL).`);
      i++;
    }
  }
}
