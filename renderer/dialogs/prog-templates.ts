// Tiny programs the Load program dialog offers: `mov r0, N; exit` under the names each program type uses.
import { hexToBytes } from '../../shared/bpf/hex.js';
import type { ProgTypeName } from '../../shared/bpf/types.js';

import type { Problem } from './validation.js';

export const PROG_TYPE_CHOICES: ProgTypeName[] = [
  'xdp',
  'sched_cls',
  'sched_act',
  'socket_filter',
  'cgroup_skb',
  'kprobe',
  'tracepoint',
];

export interface ProgTemplate {
  id: string;
  label: string;
  returns: number;
}

const GENERIC: ProgTemplate[] = [
  { id: 'ret0', label: 'return 0', returns: 0 },
  { id: 'ret1', label: 'return 1', returns: 1 },
];

export function templatesFor(type: ProgTypeName): ProgTemplate[] {
  if (type === 'xdp') {
    return [
      { id: 'xdp_pass', label: 'XDP_PASS', returns: 2 },
      { id: 'xdp_drop', label: 'XDP_DROP', returns: 1 },
      ...GENERIC,
    ];
  }
  if (type === 'sched_cls' || type === 'sched_act') {
    return [
      { id: 'tc_ok', label: 'TC_ACT_OK', returns: 0 },
      { id: 'tc_shot', label: 'TC_ACT_SHOT', returns: 2 },
      ...GENERIC,
    ];
  }
  return GENERIC;
}

/** mov r0, imm (BPF_ALU64|BPF_MOV|BPF_K = 0xb7); exit (0x95). */
export function returnInsns(value: number): Uint8Array {
  const insns = new Uint8Array(16);
  insns[0] = 0xb7;
  new DataView(insns.buffer).setInt32(4, value, true);
  insns[8] = 0x95;
  return insns;
}

export function customInsns(hex: string): { insns?: Uint8Array; problem?: Problem } {
  const bytes = hexToBytes(hex);
  if (!bytes) return { problem: { code: 'EINVAL', message: 'Write the instructions as hex bytes.' } };
  if (bytes.length === 0 || bytes.length % 8 !== 0) {
    return { problem: { code: 'EINVAL', message: 'Instructions are 8 bytes each; give at least one.' } };
  }
  return { insns: bytes };
}
