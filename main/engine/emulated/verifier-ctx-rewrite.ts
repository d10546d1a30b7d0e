// convert_ctx_accesses as far as the xlated image shows it: each context access becomes the instructions the
// kernel emits for its field (the field's own loads are kernel struct offsets the emulator cannot know, so the
// access itself stands in for them), a narrow read gets its shift and mask, and a tc program that writes into
// the packet gets the unclone prologue.
import { ctxAccess } from '../../../shared/bpf/ctx-rules.js';
import { encodeInsn } from '../../../shared/bpf/insn.js';

type Raw = Uint8Array;

export interface CtxUse {
  off: number;
  size: number;
  write: boolean;
}

/** The instructions that replace context access `b` in a program of `progType`. */
export function ctxExpansion(b: Raw, use: CtxUse | undefined, progType: string): Raw[] {
  const r = use && ctxAccess(progType, use.off, use.size, use.write);
  if (!r) return [b];
  const out: Raw[] = new Array<Raw>(r.insns).fill(b);
  const dst = b[1]! & 0xf;
  // An 8-byte field shifts in 64 bits; the mask is always a 32-bit AND.
  if (r.shift) out.push(encodeInsn(r.fieldSize > 4 ? 0x77 : 0x74, dst, 0, 0, r.shift));
  if (r.mask) out.push(encodeInsn(0x54, dst, 0, 0, 2 ** (use!.size * 8) - 1));
  return out;
}

/** Types whose prologue unclones the skb before a program writes into its packet (tc_cls_act_prologue). */
const UNCLONE_TYPES = new Set(['sched_cls', 'sched_act']);

/** bpf_unclone_prologue with TC_ACT_SHOT: pull the skb's data when it is cloned, drop it when that fails. */
export function prologue(progType: string, directWrite: boolean): Raw[] {
  if (!directWrite || !UNCLONE_TYPES.has(progType)) return [];
  return [
    encodeInsn(0x71, 6, 1, 126, 0),
    encodeInsn(0x54, 6, 0, 0, 1),
    encodeInsn(0x15, 6, 0, 7, 0),
    encodeInsn(0xbf, 6, 1, 0, 0),
    encodeInsn(0xaf, 2, 2, 0, 0),
    encodeInsn(0x85, 0, 0, 0, 39),
    encodeInsn(0x15, 0, 0, 2, 0),
    encodeInsn(0xb4, 0, 0, 0, 2),
    encodeInsn(0x95, 0, 0, 0, 0),
    encodeInsn(0xbf, 1, 6, 0, 0),
  ];
}
