// Direct packet access: pointers into the packet carry the range a comparison with data_end proved
// (find_good_pkt_pointers, try_match_pkt_pointers, mark_pkt_end), and every access must stay inside it.
import { fail } from './stores.js';
import type { Reg } from './verifier-regs.js';

export type PktReg = Reg & { t: 'pkt' | 'pkt_meta' };

const MAX_PACKET_OFF = 0xffff;
const MAX_VAR_OFF = 1 << 29;
/** reg->range after `pkt > pkt_end` (at least one byte beyond) and `pkt >= pkt_end`. */
const BEYOND_PKT_END = -1;
const AT_PKT_END = -2;

/** Program types whose programs may write into the packet (may_access_direct_pkt_data for BPF_WRITE). */
const PKT_WRITE = new Set(['xdp', 'sched_cls', 'sched_act', 'lwt_xmit', 'sk_skb', 'sk_msg']);

export const isPkt = (r: Reg): r is PktReg => r.t === 'pkt' || r.t === 'pkt_meta';

/** check_packet_access: `size` bytes at `off` past the pointer in register `regno`. */
export function pktAccess(r: PktReg, regno: number, off: number, size: number, write: boolean, progType: string): void {
  if (write && !PKT_WRITE.has(progType)) fail('EACCES', 'cannot write into packet (EACCES).');
  if (r.vmin < 0)
    fail('EACCES', `R${regno} min value is negative, either use unsigned index or do a if (index >=0) check (EACCES).`);
  if (r.range < 0) fail('EINVAL', `R${regno} offset is outside of the packet (EINVAL).`);
  const at = r.off + off;
  if (at < 0 || at + size > r.range) {
    fail(
      'EACCES',
      `invalid access to packet, off=${at} size=${size}, R${regno}(id=${r.id},off=${r.off},r=${r.range}) (EACCES).`,
    );
  }
}

/** `pkt += scalar` / `pkt -= scalar`: a constant moves the pointer; anything else gives it a new id and no range. */
export function pktMove(p: PktReg, sub: boolean, min: bigint, max: bigint, dst: number, newId: () => number): Reg {
  // check_reg_sane_offset: EINVAL, where most pointer arithmetic refusals are EACCES.
  if (max >= 1n << 63n)
    fail(
      'EINVAL',
      `R${dst} math between ${p.t} pointer and register with unbounded min value is not allowed (EINVAL).`,
    );
  if (min >= BigInt(MAX_VAR_OFF))
    fail('EINVAL', `R${dst} value ${min} makes ${p.t} pointer be out of bounds (EINVAL).`);
  if (min === max) {
    const off = p.off + (sub ? -Number(min) : Number(min));
    if (off >= MAX_VAR_OFF || off <= -MAX_VAR_OFF)
      fail('EINVAL', `${p.t} pointer offset ${off} is not allowed (EINVAL).`);
    return { ...p, off };
  }
  const lo = Number(min),
    hi = Number(max);
  const vmin = sub ? p.vmin - hi : p.vmin + lo;
  const vmax = sub ? p.vmax - lo : p.vmax + hi;
  return { ...p, id: newId(), range: 0, vmin, vmax };
}

/** reg_is_init_pkt_pointer: data itself, as loaded from the context. */
const initPkt = (r: Reg): boolean => r.t === 'pkt' && r.off === 0 && r.vmin === 0 && r.vmax === 0;

interface Slots {
  regs: Reg[];
  stack: Map<number, { size: number; reg: Reg }>;
}

/** find_good_pkt_pointers: every pointer with the checked one's type and id may now access `off` (+1) bytes. */
function widen(fr: Slots, p: PktReg, open: boolean): void {
  if (p.off < 0 || (p.off === 0 && open)) return;
  if (p.vmax > MAX_PACKET_OFF || p.vmax + p.off > MAX_PACKET_OFF) return;
  const range = p.off + (open ? 1 : 0);
  const grow = (r: Reg): Reg => (r.t === p.t && r.id === p.id ? { ...r, range: Math.max(r.range, range) } : r);
  fr.regs = fr.regs.map(grow);
  for (const [at, v] of fr.stack) fr.stack.set(at, { size: v.size, reg: grow(v.reg) });
}

/** mark_pkt_end: the register itself is now known to be at or beyond data_end (PTR_TO_PACKET only). */
function markEnd(fr: Slots, regno: number, beyond: boolean): void {
  const r = fr.regs[regno]!;
  if (r.t === 'pkt') fr.regs[regno] = { ...r, range: beyond ? BEYOND_PKT_END : AT_PKT_END };
}

/** What `pkt op end` tells: 'le' (pkt <= end), 'lt', 'gt', 'ge' for each of taken / fall-through. */
const OUTCOME: Readonly<Record<number, [string, string]>> = {
  0x20: ['gt', 'le'],
  0xa0: ['lt', 'ge'],
  0x30: ['ge', 'lt'],
  0xb0: ['le', 'gt'],
};
const FLIP: Readonly<Record<number, number>> = { 0x20: 0xa0, 0xa0: 0x20, 0x30: 0xb0, 0xb0: 0x30 };

/**
 * A 64-bit register compare of a packet pointer with data_end (or pkt_meta with data). Returns undefined when the
 * comparison is not one of those; else which ways can be taken, each frame refined.
 */
export function pktCompare(
  op: number,
  dst: number,
  src: number,
  taken: Slots,
  fall: Slots,
): { taken: boolean; fall: boolean } | undefined {
  const d = fall.regs[dst]!,
    s = fall.regs[src]!;
  const o = OUTCOME[op];
  if (!o) return undefined;
  let pkt: number, rel: number;
  if ((d.t === 'pkt' && s.t === 'pkt_end') || (d.t === 'pkt_meta' && initPkt(s))) [pkt, rel] = [dst, op];
  else if ((d.t === 'pkt_end' && s.t === 'pkt') || (initPkt(d) && s.t === 'pkt_meta')) [pkt, rel] = [src, FLIP[op]!];
  else return undefined;
  const p = fall.regs[pkt] as PktReg;
  // is_pkt_ptr_branch_taken: a pointer already known at or beyond the end decides the compare.
  if (s.t === 'pkt_end' || d.t === 'pkt_end') {
    if (p.range === BEYOND_PKT_END && (rel === 0x20 || rel === 0xb0))
      return { taken: rel === 0x20, fall: rel !== 0x20 };
    if (p.range < 0 && (rel === 0x30 || rel === 0xa0)) return { taken: rel === 0x30, fall: rel !== 0x30 };
  }
  const [onTaken, onFall] = [OUTCOME[rel]![0], OUTCOME[rel]![1]];
  const refine = (fr: Slots, what: string): void => {
    if (what === 'le' || what === 'lt') widen(fr, p, what === 'lt');
    else markEnd(fr, pkt, what === 'gt');
  };
  refine(taken, onTaken);
  refine(fall, onFall);
  return { taken: true, fall: true };
}
