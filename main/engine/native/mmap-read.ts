// BPF_F_MMAPABLE arrays read through a shared read-only mapping of the map fd: the whole array is one memory copy,
// with no bpf(2) call per batch. Values sit round_up(value_size, 8) apart from offset 0, as bpf_map_mmap lays them.
import koffi from 'koffi';

import type { PackedEntries } from '../../../shared/engine.js';

import { SyscallError } from './sys.js';

/** BPF_F_MMAPABLE in map_flags. */
export const BPF_F_MMAPABLE = 1 << 10;
const PROT_READ = 1;
const MAP_SHARED = 1;
const PAGE = 4096;

type NativeFunction = ReturnType<ReturnType<typeof koffi.load>['func']>;
let calls: { mmap: NativeFunction; munmap: NativeFunction } | undefined;

function libc(): { mmap: NativeFunction; munmap: NativeFunction } {
  if (calls) return calls;
  const lib = koffi.load('libc.so.6');
  calls = {
    mmap: lib.func('void *mmap(void *addr, size_t length, int prot, int flags, int fd, long offset)'),
    munmap: lib.func('int munmap(void *addr, size_t length)'),
  };
  return calls;
}

/** Whether a map of this type and flags is read through mmap. */
export const isMmapable = (type: string, flags: number | undefined): boolean =>
  type === 'array' && ((flags ?? 0) & BPF_F_MMAPABLE) !== 0;

/** Every element of an mmapable array (keys 0..max_entries-1); a SyscallError when the mapping fails. */
export function readMmapArray(fd: number, valueSize: number, maxEntries: number): PackedEntries {
  const stride = Math.ceil(valueSize / 8) * 8;
  const length = Math.max(PAGE, Math.ceil((stride * maxEntries) / PAGE) * PAGE);
  const { mmap, munmap } = libc();
  const addr: unknown = mmap(null, length, PROT_READ, MAP_SHARED, fd, 0);
  // MAP_FAILED is (void *)-1.
  if (addr === null || BigInt(koffi.address(addr)) === 0xffffffffffffffffn)
    throw new SyscallError(koffi.errno(), 'mmap');
  const values = new Uint8Array(maxEntries * valueSize);
  try {
    const mem = new Uint8Array(koffi.view(addr, stride * maxEntries));
    if (stride === valueSize) values.set(mem);
    else
      for (let i = 0; i < maxEntries; i++) values.set(mem.subarray(i * stride, i * stride + valueSize), i * valueSize);
  } finally {
    munmap(addr, length);
  }
  const keys = new Uint8Array(maxEntries * 4);
  const dv = new DataView(keys.buffer);
  for (let i = 0; i < maxEntries; i++) dv.setUint32(i * 4, i, true);
  return { count: maxEntries, keySize: 4, valueSize, keys, values };
}
