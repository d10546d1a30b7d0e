// A program's translated instructions (xlated_prog_insns) and the kallsyms names bpftool prints for its calls.
import { readFileSync } from 'node:fs';

import { decodeInsn } from '../../../shared/bpf/disasm.js';
import { helperName } from '../../../shared/bpf/helper-names.js';
import type { ProgXlated } from '../../../shared/engine.js';

import { objInfo } from './commands.js';
import { addressOf } from './sys.js';

const PROG_INFO_SIZE = 256;
const PSEUDO_CALL = 1;
const U64 = (1n << 64n) - 1n;

/** bpf_prog_info: xlated_prog_len @20 / insns @32, nr_map_ids @52 / map_ids @56, nr_jited_ksyms @104 / @112. */
export function readXlated(fd: number): { insns: Uint8Array; mapIds: number[]; jitedKsyms: bigint[] } {
  const first = Buffer.alloc(PROG_INFO_SIZE);
  objInfo(fd, first);
  const xlatedLen = first.readUInt32LE(20);
  const nrMapIds = first.readUInt32LE(52);
  const nrKsyms = first.readUInt32LE(104);
  const insns = Buffer.alloc(Math.max(xlatedLen, 8));
  const ids = Buffer.alloc(Math.max(nrMapIds, 1) * 4);
  const ksyms = Buffer.alloc(Math.max(nrKsyms, 1) * 8);
  const second = Buffer.alloc(PROG_INFO_SIZE);
  second.writeUInt32LE(xlatedLen, 20);
  second.writeBigUInt64LE(addressOf(insns), 32);
  second.writeUInt32LE(nrMapIds, 52);
  second.writeBigUInt64LE(addressOf(ids), 56);
  second.writeUInt32LE(nrKsyms, 104);
  second.writeBigUInt64LE(addressOf(ksyms), 112);
  objInfo(fd, second);
  // The program cannot change, but the kernel reports what it filled: never read past either length.
  const len = Math.min(xlatedLen, second.readUInt32LE(20));
  const mapIds: number[] = [];
  for (let i = 0; i < Math.min(nrMapIds, second.readUInt32LE(52)); i++) mapIds.push(ids.readUInt32LE(i * 4));
  const jitedKsyms: bigint[] = [];
  for (let i = 0; i < Math.min(nrKsyms, second.readUInt32LE(104)); i++) jitedKsyms.push(ksyms.readBigUInt64LE(i * 8));
  return { insns: new Uint8Array(insns.subarray(0, len)), mapIds, jitedKsyms };
}

/** Address -> symbol name from /proc/kallsyms, like bpftool's kernel_syms_load (first name wins). */
function loadKallsyms(): Map<bigint, string> {
  const syms = new Map<bigint, string>();
  let text: string;
  try {
    text = readFileSync('/proc/kallsyms', 'utf8');
  } catch {
    return syms;
  }
  for (const line of text.split('\n')) {
    const sp1 = line.indexOf(' ');
    const sp2 = line.indexOf(' ', sp1 + 1);
    if (sp1 < 0 || sp2 < 0) continue;
    const end = line.indexOf('\t', sp2 + 1);
    const addr = BigInt(`0x${line.slice(0, sp1)}`);
    if (addr === 0n) continue;
    if (!syms.has(addr)) syms.set(addr, line.slice(sp2 + 1, end < 0 ? undefined : end));
  }
  return syms;
}

const signed = (n: number): string => (n < 0 ? `${n}` : `+${n}`);

/** bpftool's print_call: helper/kfunc names from kallsyms, jited bpf-to-bpf calls as `+off#symbol`. */
export function callNamesOf(insns: Uint8Array, jitedKsyms: bigint[]): Record<number, string> {
  const out: Record<number, string> = {};
  const count = Math.floor(insns.length / 8);
  let syms: Map<bigint, string> | undefined;
  let base = 0n;
  for (let i = 0; i < count; i++) {
    const insn = decodeInsn(insns, i);
    if (insn.code === 0x18) {
      i++;
      continue;
    }
    if (insn.code !== 0x85) continue;
    if (insn.src === 0 && helperName(insn.imm) !== undefined) continue;
    if (!syms) {
      syms = loadKallsyms();
      base = [...syms].find(([, n]) => n === '__bpf_call_base')?.[0] ?? 0n;
    }
    if (insn.src === PSEUDO_CALL) {
      if (jitedKsyms.length === 0) continue;
      const addr = insn.imm >>> 0 < jitedKsyms.length ? jitedKsyms[insn.imm]! : (base + BigInt(insn.imm)) & U64;
      const sym = syms.get(addr);
      out[i] = `${signed(insn.off)}#${sym ?? `0x${addr.toString(16)}`}`;
      continue;
    }
    const addr = (base + BigInt(insn.imm)) & U64;
    out[i] = syms.get(addr) ?? (addr === 0n ? '0' : `0x${addr.toString(16)}`);
  }
  return out;
}

export function progXlatedOf(fd: number): ProgXlated {
  const { insns, mapIds, jitedKsyms } = readXlated(fd);
  return { insns, mapIds, callNames: callNamesOf(insns, jitedKsyms) };
}
