// Which context accesses a program type may make (the *_is_valid_access callbacks of Linux 6.18) and how many
// instructions the kernel's rewrite of each one takes (convert_ctx_access), for the types whose context the
// emulator models; other types accept any access, as the emulator cannot say, and keep their instructions.
import { CTX_READ, CTX_WRITE, type CtxField } from './ctx-fields.js';

/** Contexts read in place (no rewrite): any aligned read inside, no writes. */
const PLAIN_SIZE: Readonly<Record<string, number>> = {
  kprobe: 168,
  perf_event: 184,
  tracepoint: 8192,
  raw_tracepoint: 96,
};

/** How the kernel rewrites one context access: instructions of the field access, then a shift and a mask. */
export interface CtxRewrite {
  insns: number;
  shift: number;
  mask: boolean;
  /** The field's size: a shift of an 8-byte field is a 64-bit one. */
  fieldSize: number;
}

function fieldAccess(fields: readonly CtxField[], off: number, size: number): CtxRewrite | undefined {
  const around = fields.filter(([o, s]) => off >= o && off + size <= o + s).sort((a, b) => a[1] - b[1]);
  const whole = around.find(([o, s]) => o === off && s === size);
  if (whole) return { insns: whole[2], shift: 0, mask: false, fieldSize: size };
  const narrow = around.find(([, s, , n]) => n > 0 && size < s);
  if (!narrow) return undefined;
  const [o, s, insns, width] = narrow;
  // bpf_ctx_narrow_access_offset on little-endian: the byte offset inside the field.
  const shift = size < width ? ((off - o) % s) * 8 : 0;
  return { insns, shift, mask: size < width, fieldSize: s };
}

/** What the kernel makes of `size` bytes at `off` of this type's context, or undefined when it refuses them. */
export function ctxAccess(progType: string, off: number, size: number, write: boolean): CtxRewrite | undefined {
  if (off < 0 || off % size !== 0) return undefined;
  const fields = CTX_READ[progType];
  if (fields) return fieldAccess(write ? (CTX_WRITE[progType] ?? []) : fields, off, size);
  const plain = PLAIN_SIZE[progType];
  const inPlace = { insns: 1, shift: 0, mask: false, fieldSize: size };
  if (plain === undefined) return inPlace;
  return !write && off + size <= plain ? inPlace : undefined;
}

/** True when the kernel lets a program of this type access `size` bytes of its context at `off`. */
export const ctxAccessOk = (progType: string, off: number, size: number, write: boolean): boolean =>
  ctxAccess(progType, off, size, write) !== undefined;

/** Instructions the kernel's rewrite of an accepted context access takes. */
export function ctxAccessInsns(progType: string, off: number, size: number, write: boolean): number {
  const r = ctxAccess(progType, off, size, write);
  return r ? r.insns + (r.shift ? 1 : 0) + (r.mask ? 1 : 0) : 1;
}
