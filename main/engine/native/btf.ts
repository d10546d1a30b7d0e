// BTF objects: loading raw BTF for a new map (BPF_BTF_LOAD) and reading a BTF object's raw bytes by id
// (BPF_BTF_GET_FD_BY_ID, then OBJ_GET_INFO_BY_FD with struct bpf_btf_info).
import { closeSync } from 'node:fs';

import { BpfError } from '../../../shared/errors.js';

import { btfLoad, CMD, fdById, objInfo } from './commands.js';
import { errnoError, wrap } from './errno.js';
import { addressOf, SyscallError } from './sys.js';

const LOG_SIZE = 1 << 16;

/** Loads raw BTF; on refusal, loads again with a log and puts its last lines in the error. */
export function loadBtfFd(data: Uint8Array): number {
  const bytes = Buffer.from(data);
  try {
    return btfLoad(bytes, null);
  } catch (e) {
    if (!(e instanceof SyscallError)) throw e;
    const log = Buffer.alloc(LOG_SIZE);
    try {
      return btfLoad(bytes, log);
    } catch (again) {
      const errno = again instanceof SyscallError ? again.errno : e.errno;
      const text = log
        .subarray(0, Math.max(0, log.indexOf(0)))
        .toString('utf8')
        .trim();
      const base = errnoError(errno, 'Load BTF');
      if (text === '') throw base;
      throw new BpfError(base.code, `${base.message} The kernel said:\n${text.split('\n').slice(-6).join('\n')}`, {
        hint: 'The BTF blob is malformed; check its header, type section and string section.',
      });
    }
  }
}

/** struct bpf_btf_info: btf u64 @0, btf_size u32 @8, id u32 @12, name u64 @16, name_len u32 @24, kernel_btf u32 @28. */
const INFO_SIZE = 32;

export function readBtfData(btfId: number): Uint8Array {
  if (!Number.isInteger(btfId) || btfId <= 0 || btfId > 0xffffffff) {
    throw new BpfError('ENOENT', `There is no BTF object with id ${btfId}.`, {
      hint: 'Maps without BTF have btf id 0.',
    });
  }
  const fd = wrap(`Open BTF ${btfId}`, undefined, () => fdById(CMD.BTF_GET_FD_BY_ID, btfId));
  try {
    return wrap(`Read BTF ${btfId}`, undefined, () => {
      const info = Buffer.alloc(INFO_SIZE);
      objInfo(fd, info);
      const size = info.readUInt32LE(8);
      const data = Buffer.alloc(Math.max(size, 1));
      info.fill(0);
      info.writeBigUInt64LE(addressOf(data), 0);
      info.writeUInt32LE(size, 8);
      objInfo(fd, info);
      return new Uint8Array(data.buffer, data.byteOffset, size);
    });
  } finally {
    closeSync(fd);
  }
}

/** Closes a BTF fd once the map holds its own reference. */
export function closeBtfFd(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already closed: nothing holds it
  }
}
