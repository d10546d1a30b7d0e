// A small real program for tests: an XDP counter that looks up key 0 of an array map (ld_imm64 map fd, a lookup
// the kernel inlines, branch), the shape the disassembler, program details and e2e specs all need.
import { bytesToHex } from '../../shared/bpf/hex.js';
import { encodeInsn } from '../../shared/bpf/insn.js';
import type { ApiClient } from '../../shared/contract.js';

/** The program's instructions; `mapHandle` goes into the ld_imm64 (src_reg 1 = BPF_PSEUDO_MAP_FD). */
export function counterInsns(mapHandle: number): Uint8Array {
  const insns = [
    encodeInsn(0x62, 10, 0, -4, 0),
    encodeInsn(0xbf, 2, 10),
    encodeInsn(0x07, 2, 0, 0, -4),
    encodeInsn(0x18, 1, 1, 0, mapHandle),
    encodeInsn(0, 0, 0, 0, 0),
    encodeInsn(0x85, 0, 0, 0, 1),
    encodeInsn(0x15, 0, 0, 1, 0),
    encodeInsn(0xb7, 0, 0, 0, 1),
    encodeInsn(0xb7, 0, 0, 0, 2),
    encodeInsn(0x95),
  ];
  return Uint8Array.from(insns.flatMap((i) => [...i]));
}

/** Creates the array map `hits` pinned at `mapPath` and the program `counter` using it, pinned at `progPath`. */
export async function pinCounterProgram(api: ApiClient, mapPath: string, progPath: string): Promise<void> {
  const map = await api.createMap({ type: 'array', name: 'hits', keySize: 4, valueSize: 8, maxEntries: 1, flags: [] });
  await api.pin({ handle: map.handle, path: mapPath });
  const prog = await api.loadProgram({
    type: 'xdp',
    name: 'counter',
    insns: bytesToHex(counterInsns(map.handle)),
    license: 'GPL',
  });
  await api.pin({ handle: prog.handle, path: progPath });
  await api.close({ handle: prog.handle });
  await api.close({ handle: map.handle });
}
