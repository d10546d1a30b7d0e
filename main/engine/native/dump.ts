// mapDump: BPF_MAP_LOOKUP_BATCH where the map supports it, else get_next_key + lookup per element.
import type { MapDump, MapEntry } from '../../../shared/engine.js';
import { ERRNO } from '../../../shared/errors.js';

import { type BatchBuffers, CMD, elem, lookupBatch } from './commands.js';
import { errnoError } from './errno.js';
import type { Handle, MapMeta } from './handles.js';
import { SyscallError } from './sys.js';

type MapHandle = Handle & { map: MapMeta };

const BATCH = 4096;

/** Batch results, or 'unsupported' when the map has no batch ops (524, or EINVAL on older kernels). */
function dumpBatch(h: MapHandle, limit: number): MapDump | 'unsupported' {
  const { keySize, wireValueSize } = h.map;
  // The token is a u32 bucket for hash maps and the last key for arrays.
  const tokenSize = Math.max(keySize, 8);
  let size = Math.min(BATCH, Math.max(limit, 1));
  const alloc = (n: number): BatchBuffers => ({
    inBatch: null,
    outBatch: Buffer.alloc(tokenSize),
    keys: Buffer.alloc(Math.max(n * keySize, 8)),
    values: Buffer.alloc(Math.max(n * wireValueSize, 8)),
  });
  let bufs = alloc(size);
  const inToken = Buffer.alloc(tokenSize);
  const entries: MapEntry[] = [];
  let first = true;
  let atLeast = 1;
  for (;;) {
    const want = Math.max(atLeast, Math.min(size, limit - entries.length + 1));
    const { count, errno } = lookupBatch(h.fd, bufs, want);
    if (errno === ERRNO.ENOSPC && count === 0) {
      // The next bucket holds more than `want` entries: grow and retry from the same token.
      atLeast = want * 2;
      if (atLeast > size) {
        size = atLeast;
        bufs = { ...alloc(size), inBatch: bufs.inBatch };
      }
      continue;
    }
    atLeast = 1;
    if (errno !== 0 && errno !== ERRNO.ENOENT) {
      if (first && (errno === ERRNO.ENOTSUPP || errno === ERRNO.EINVAL)) return 'unsupported';
      throw errnoError(errno, 'Dump', h.info.path);
    }
    first = false;
    // Entries are views into this batch's buffers; the next batch gets new ones.
    const { keys, values } = bufs;
    for (let i = 0; i < count; i++) {
      entries.push({
        key: new Uint8Array(keys.buffer, keys.byteOffset + i * keySize, keySize),
        value: new Uint8Array(values.buffer, values.byteOffset + i * wireValueSize, wireValueSize),
      });
    }
    // We ask for one entry beyond the limit so that "truncated" is exact.
    if (entries.length > limit) return { entries: entries.slice(0, limit), truncated: true };
    if (errno === ERRNO.ENOENT) return { entries, truncated: false };
    bufs.outBatch.copy(inToken);
    bufs = { ...alloc(size), inBatch: inToken };
  }
}

function dumpPerElement(h: MapHandle, limit: number): MapDump {
  const { keySize, wireValueSize } = h.map;
  const entries: MapEntry[] = [];
  let key: Buffer | null = null;
  const next = Buffer.alloc(Math.max(keySize, 8));
  const value = Buffer.alloc(Math.max(wireValueSize, 8));
  for (;;) {
    try {
      elem(CMD.MAP_GET_NEXT_KEY, h.fd, key, next);
    } catch (e) {
      if (e instanceof SyscallError && e.errno === ERRNO.ENOENT) return { entries, truncated: false };
      throw e instanceof SyscallError ? errnoError(e.errno, 'Dump', h.info.path) : e;
    }
    if (entries.length === limit) return { entries, truncated: true };
    key = Buffer.from(next.subarray(0, keySize));
    try {
      elem(CMD.MAP_LOOKUP_ELEM, h.fd, key, value);
    } catch (e) {
      // Empty prog_array slots (and elements deleted meanwhile) are skipped.
      if (e instanceof SyscallError && e.errno === ERRNO.ENOENT) continue;
      throw e instanceof SyscallError ? errnoError(e.errno, 'Dump', h.info.path) : e;
    }
    entries.push({ key: new Uint8Array(key), value: new Uint8Array(value.subarray(0, wireValueSize)) });
  }
}

export function dumpMap(h: MapHandle, limit = Number.MAX_SAFE_INTEGER): MapDump {
  const batched = dumpBatch(h, limit);
  return batched === 'unsupported' ? dumpPerElement(h, limit) : batched;
}
