// A program's full name, as bpftool shows it: the kernel keeps 15 characters, so when a name fills them the
// name of the program's first function in its BTF (func_info[0]) is the real one.
import { parseBtf } from '../../../shared/btf/btf.js';

import { readBtfData } from './btf.js';
import { objInfo } from './commands.js';
import { addressOf } from './sys.js';

/** BPF_OBJ_NAME_LEN - 1: a kernel name this long may have been cut. */
const KERNEL_NAME_MAX = 15;
const PROG_INFO_SIZE = 256;
const FUNC_INFO_REC = 8;
const CACHE_MAX = 4096;

/** By "id:tag": a program's BTF never changes, and an id is only reused by another program (another tag). */
const cache = new Map<string, string | undefined>();

function lookup(fd: number, btfId: number, recSize: number): string | undefined {
  const rec = Buffer.alloc(FUNC_INFO_REC);
  const info = Buffer.alloc(PROG_INFO_SIZE);
  info.writeUInt32LE(Math.min(recSize, FUNC_INFO_REC), 132);
  info.writeBigUInt64LE(addressOf(rec), 136);
  info.writeUInt32LE(1, 144);
  objInfo(fd, info);
  const typeId = rec.readUInt32LE(4);
  const t = parseBtf(readBtfData(btfId)).type(typeId);
  return t.kind === 'func' && t.name !== '' ? t.name : undefined;
}

/**
 * The full name of the program behind `fd`, given its bpf_prog_info; undefined when the kernel's name is
 * whole (shorter than 15 characters) or the program has no BTF to say more.
 */
export function progFullName(fd: number, info: Buffer, kernelName: string): string | undefined {
  if (kernelName.length < KERNEL_NAME_MAX) return undefined;
  const btfId = info.readUInt32LE(128);
  const recSize = info.readUInt32LE(132);
  const nrFuncInfo = info.readUInt32LE(144);
  if (btfId === 0 || nrFuncInfo === 0 || recSize < FUNC_INFO_REC) return undefined;
  const key = `${info.readUInt32LE(4)}:${info.subarray(8, 16).toString('hex')}`;
  if (cache.has(key)) return cache.get(key);
  let full: string | undefined;
  try {
    full = lookup(fd, btfId, recSize);
  } catch {
    full = undefined; // BTF gone or unreadable: the kernel's name is all there is
  }
  if (full !== undefined && !full.startsWith(kernelName)) full = undefined;
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, full);
  return full;
}
