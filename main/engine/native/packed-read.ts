// mapReadPacked: BPF_MAP_LOOKUP_BATCH straight into growing key/value buffers (no per-entry objects),
// falling back to get_next_key + lookup on ENOTSUPP. Yields to the event loop between batches, and sizes
// batches so that one stays well under ~20 ms of main-thread time.
import { closeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

import type { PackedEntries, PackedReadOptions } from '../../../shared/engine.js';
import { BpfError, ERRNO } from '../../../shared/errors.js';

import { CMD, elem, fdById, lookupBatch } from './commands.js';
import { errnoError } from './errno.js';
import type { Handle, MapMeta } from './handles.js';
import { isMmapable, readMmapArray } from './mmap-read.js';
import { SyscallError } from './sys.js';

type MapHandle = Handle & { map: MapMeta };

const MIN_BATCH = 1024;
const MAX_BATCH = 8192;
/** A batch aims at this many ms; the batch size adapts to the map's speed. */
const TARGET_MS = 8;
/** Initial capacity (entries) never above this, so huge sparse maps do not allocate max_entries up front. */
const MAX_INITIAL = 1 << 20;

const yieldToLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Key and value buffers that grow by doubling; `count` entries are valid. */
class Growing {
  keys: Buffer;
  values: Buffer;
  count = 0;
  constructor(
    readonly keySize: number,
    readonly valueSize: number,
    capacity: number,
  ) {
    this.keys = Buffer.allocUnsafe(Math.max(capacity * keySize, 8));
    this.values = Buffer.allocUnsafe(Math.max(capacity * valueSize, 8));
  }
  get capacity(): number {
    return Math.floor(this.keys.length / Math.max(this.keySize, 1));
  }
  ensure(room: number): void {
    const need = this.count + room;
    if (need <= this.capacity) return;
    const cap = Math.max(need, this.capacity * 2);
    const keys = Buffer.allocUnsafe(cap * this.keySize);
    const values = Buffer.allocUnsafe(cap * this.valueSize);
    this.keys.copy(keys, 0, 0, this.count * this.keySize);
    this.values.copy(values, 0, 0, this.count * this.valueSize);
    this.keys = keys;
    this.values = values;
  }
  packed(): PackedEntries {
    const u8 = (b: Buffer, n: number) => new Uint8Array(b.buffer, b.byteOffset, n);
    return {
      count: this.count,
      keySize: this.keySize,
      valueSize: this.valueSize,
      keys: u8(this.keys, this.count * this.keySize),
      values: u8(this.values, this.count * this.valueSize),
    };
  }
}

function checkAbort(signal: AbortSignal | undefined, path: string | undefined): void {
  if (signal?.aborted) {
    throw new BpfError('EINTR', 'The read was cancelled.', path === undefined ? {} : { path });
  }
}

/** Batch read; 'unsupported' when the first batch call says the map has no batch ops. */
async function readBatched(h: MapHandle, out: Growing, opts: PackedReadOptions): Promise<'done' | 'unsupported'> {
  const tokenSize = Math.max(h.map.keySize, 8);
  const inToken = Buffer.alloc(tokenSize);
  const outToken = Buffer.alloc(tokenSize);
  let batch = MIN_BATCH * 4;
  let first = true;
  let atLeast = 1;
  for (;;) {
    // Never more than the room left when that room suffices: growing copies everything read so far.
    const room = out.capacity - out.count;
    const want = room >= atLeast ? Math.max(Math.min(batch, room), atLeast) : Math.max(batch, atLeast);
    out.ensure(want);
    const started = performance.now();
    const { keySize, valueSize, count: at } = out;
    const { count, errno } = lookupBatch(
      h.fd,
      {
        inBatch: first ? null : inToken,
        outBatch: outToken,
        keys: out.keys.subarray(at * keySize),
        values: out.values.subarray(at * valueSize),
      },
      want,
    );
    if (errno === ERRNO.ENOSPC && count === 0) {
      atLeast = want * 2; // one bucket holds more than `want` entries: retry larger from the same token
      continue;
    }
    atLeast = 1;
    if (errno !== 0 && errno !== ERRNO.ENOENT) {
      if (first && (errno === ERRNO.ENOTSUPP || errno === ERRNO.EINVAL)) return 'unsupported';
      throw errnoError(errno, 'Read entries', h.info.path);
    }
    first = false;
    out.count += count;
    const took = performance.now() - started;
    if (took < TARGET_MS / 2) batch = Math.min(batch * 2, MAX_BATCH);
    else if (took > TARGET_MS * 2) batch = Math.max(Math.floor(batch / 2), MIN_BATCH);
    if (errno === ERRNO.ENOENT) return 'done';
    outToken.copy(inToken);
    opts.onChunk?.(out.packed());
    await yieldToLoop();
    checkAbort(opts.signal, h.info.path);
  }
}

async function readPerElement(h: MapHandle, out: Growing, opts: PackedReadOptions): Promise<void> {
  const { keySize, valueSize } = out;
  let key: Buffer | null = null;
  const next = Buffer.alloc(Math.max(keySize, 8));
  const value = Buffer.alloc(Math.max(valueSize, 8));
  let started = performance.now();
  for (;;) {
    try {
      elem(CMD.MAP_GET_NEXT_KEY, h.fd, key, next);
    } catch (e) {
      if (e instanceof SyscallError && e.errno === ERRNO.ENOENT) return;
      throw e instanceof SyscallError ? errnoError(e.errno, 'Read entries', h.info.path) : e;
    }
    key = Buffer.from(next.subarray(0, keySize));
    try {
      elem(CMD.MAP_LOOKUP_ELEM, h.fd, key, value);
      out.ensure(1);
      key.copy(out.keys, out.count * keySize);
      value.copy(out.values, out.count * valueSize, 0, valueSize);
      out.count++;
    } catch (e) {
      // Empty prog_array slots (and elements deleted meanwhile) are skipped.
      if (!(e instanceof SyscallError && e.errno === ERRNO.ENOENT)) {
        throw e instanceof SyscallError ? errnoError(e.errno, 'Read entries', h.info.path) : e;
      }
    }
    if (performance.now() - started > TARGET_MS) {
      opts.onChunk?.(out.packed());
      await yieldToLoop();
      checkAbort(opts.signal, h.info.path);
      started = performance.now();
    }
  }
}

/**
 * The array through mmap when it is mmapable and the mapping works; undefined to read it by batches instead. A
 * read-only fd cannot be mapped shared (the kernel drops VM_SHARED, bpf_map_mmap answers EINVAL), so a read-only
 * handle maps a read-write fd of the same map by id (CAP_SYS_ADMIN), mapped PROT_READ and closed at once.
 */
function tryMmap(h: MapHandle): PackedEntries | undefined {
  const { type, flags, valueSize, maxEntries } = h.map;
  if (!isMmapable(type, flags) || maxEntries === undefined || h.map.wireValueSize !== valueSize) return undefined;
  let fd = h.fd;
  try {
    if (h.info.access !== 'rw') fd = fdById(CMD.MAP_GET_FD_BY_ID, h.info.id, 0);
    return readMmapArray(fd, valueSize, maxEntries);
  } catch (e) {
    if (e instanceof SyscallError) return undefined;
    throw e;
  } finally {
    if (fd !== h.fd) closeSync(fd);
  }
}

export async function readPacked(
  h: MapHandle,
  opts: PackedReadOptions & { mmap?: boolean } = {},
): Promise<PackedEntries> {
  const { keySize, wireValueSize } = h.map;
  checkAbort(opts.signal, h.info.path);
  const mapped = opts.mmap === false ? undefined : tryMmap(h);
  if (mapped) {
    opts.onChunk?.(mapped);
    return mapped;
  }
  // A batch's worth of slack beyond max_entries: the last call (the one answering ENOENT) still has room.
  const capacity = Math.min(Math.max(h.map.maxEntries ?? MIN_BATCH, MIN_BATCH), MAX_INITIAL) + MIN_BATCH;
  const out = new Growing(keySize, wireValueSize, capacity);
  if ((await readBatched(h, out, opts)) === 'unsupported') {
    out.count = 0;
    await readPerElement(h, out, opts);
  }
  const result = out.packed();
  opts.onChunk?.(result);
  return result;
}
