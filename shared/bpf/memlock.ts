// The memory the kernel charges a map or program (fdinfo's memlock, bpftool's bytes_memlock), as Linux 6.18 on a
// 64-bit machine with 4 KiB pages computes it: each type's map_mem_usage, and bpf_prog_size. The struct sizes are
// this kernel's; the per-type functions are named where they are used.
import { bloomGeometry } from './bloom.js';

const PAGE = 4096;
const POINTER = 8;
/** sizeof(struct bpf_array), struct bpf_queue_stack and struct bpf_bloom_filter: a bpf_map and a few words. */
const ARRAY_HEADER = 312;
const HTAB_HEADER = 832;
const HTAB_ELEM = 48;
const HTAB_BUCKET = 16;
const HTAB_LOCKS = 8;
const LLIST_NODE = 8;
/** offsetof(struct bpf_prog, insns). */
const PROG_HEADER = 72;
/** The headers of the other map types: sizeof(struct bpf_stack_map), bpf_dtab, bpf_stab, ... */
const HEADER = {
  stack_trace: 320,
  dtab: 344,
  sockmap: 376,
  sockhash: 384,
  xskmap: 304,
  reuseport: 296,
  cpumap: 304,
  ringbuf: 304,
  local_storage: 480,
  cgroup_storage: 328,
} as const;
/** sizeof(struct stack_map_bucket), struct bpf_shtab_bucket, struct bpf_local_storage_map_bucket. */
const STACK_BUCKET = 16;
const SHTAB_BUCKET = 16;
const STORAGE_BUCKET = 16;
/** sizeof(struct lpm_trie_node), before its data and value. */
const LPM_NODE = 24;
/** The ring buffer's header pages (bpf_ringbuf up to consumer_pos, consumer and producer pages). */
const RINGBUF_META_PAGES = 3;

const up = (n: number, to: number): number => Math.ceil(n / to) * to;
const pow2 = (n: number): number => (n <= 1 ? 1 : 2 ** Math.ceil(Math.log2(n)));

export interface MemlockMap {
  type: string;
  keySize: number;
  valueSize: number;
  /** As the kernel keeps it (an LRU hash with no_common_lru rounds it up to whole CPUs). */
  maxEntries: number;
  noPrealloc: boolean;
  mmapable: boolean;
  /** Elements in the map now (a hash without prealloc and an lpm_trie are charged per element). */
  count: number;
  mapExtra?: number | undefined;
}

/** array_map_mem_usage (fd arrays and maps-of-maps included: their slots are pointers). */
function arrayUsage(m: MemlockMap, cpus: number, percpu: boolean): number {
  const elem = up(m.valueSize, 8);
  if (percpu) return ARRAY_HEADER + m.maxEntries * POINTER + m.maxEntries * elem * cpus;
  if (m.mmapable) return up(ARRAY_HEADER, PAGE) + up(m.maxEntries * elem, PAGE);
  return ARRAY_HEADER + m.maxEntries * elem;
}

/** htab_map_mem_usage. */
function hashUsage(m: MemlockMap, cpus: number, percpu: boolean, lru: boolean): number {
  const value = up(m.valueSize, 8);
  const elem = HTAB_ELEM + up(m.keySize, 8) + (percpu ? POINTER : value);
  let usage = HTAB_HEADER + HTAB_BUCKET * pow2(m.maxEntries) + 4 * cpus * HTAB_LOCKS;
  if (m.noPrealloc && !lru) {
    usage += (elem + LLIST_NODE) * m.count;
    // Per-CPU values from bpf_mem_alloc carry its 8-byte list node on every CPU.
    return percpu ? usage + (value + LLIST_NODE) * cpus * m.count : usage;
  }
  // htab_has_extra_elems: a plain hash keeps one spare element per CPU for updates (not hash_of_maps).
  const entries = m.maxEntries + (percpu || lru || m.type === 'hash_of_maps' ? 0 : cpus);
  usage += elem * entries;
  if (percpu) return usage + value * cpus * entries;
  return lru ? usage : usage + POINTER * cpus;
}

/** ringbuf_map_mem_usage: the pages, and the page pointers of a data area mapped twice. */
function ringbufUsage(m: MemlockMap): number {
  const data = m.maxEntries / PAGE;
  return HEADER.ringbuf + (RINGBUF_META_PAGES + data) * PAGE + (RINGBUF_META_PAGES + 2 * data) * POINTER;
}

/** Map types whose usage depends only on the shape: a header and a few words per slot. */
function slotUsage(m: MemlockMap, cpus: number): number | undefined {
  switch (m.type) {
    case 'queue':
    case 'stack':
      return ARRAY_HEADER + (m.maxEntries + 1) * m.valueSize;
    case 'bloom_filter':
      return ARRAY_HEADER + bloomGeometry(m.maxEntries, m.mapExtra ?? 0).bitsetBytes;
    case 'stack_trace':
      return HEADER.stack_trace + pow2(m.maxEntries) * POINTER + m.maxEntries * (STACK_BUCKET + m.valueSize);
    case 'devmap':
      return HEADER.dtab + m.maxEntries * POINTER;
    case 'devmap_hash':
      return HEADER.dtab + pow2(m.maxEntries) * POINTER;
    case 'sockmap':
      return HEADER.sockmap + m.maxEntries * POINTER;
    case 'sockhash':
      return HEADER.sockhash + pow2(m.maxEntries) * SHTAB_BUCKET;
    case 'xskmap':
      return HEADER.xskmap + m.maxEntries * POINTER;
    case 'reuseport_sockarray':
      return HEADER.reuseport + m.maxEntries * POINTER;
    case 'cpumap':
      return HEADER.cpumap + m.maxEntries * POINTER;
    case 'ringbuf':
    case 'user_ringbuf':
      return ringbufUsage(m);
    case 'lpm_trie':
      return m.count * (LPM_NODE + m.keySize - 4 + m.valueSize);
    case 'sk_storage':
    case 'inode_storage':
    case 'task_storage':
    case 'cgrp_storage':
      return HEADER.local_storage + STORAGE_BUCKET * Math.max(2, pow2(cpus));
    // Elements of cgroup storage are not charged (cgroup_storage_map_usage).
    case 'cgroup_storage':
    case 'percpu_cgroup_storage':
      return HEADER.cgroup_storage;
    default:
      return undefined;
  }
}

/** A map's memlock in bytes, or undefined when its type is not modelled (struct_ops, arena). */
export function mapMemlock(m: MemlockMap, possibleCpus: number): number | undefined {
  switch (m.type) {
    case 'array':
    case 'prog_array':
    case 'perf_event_array':
    case 'cgroup_array':
    case 'array_of_maps':
      return arrayUsage(m, possibleCpus, false);
    case 'percpu_array':
      return arrayUsage(m, possibleCpus, true);
    case 'hash':
    case 'hash_of_maps':
      return hashUsage(m, possibleCpus, false, false);
    case 'percpu_hash':
      return hashUsage(m, possibleCpus, true, false);
    case 'lru_hash':
      return hashUsage(m, possibleCpus, false, true);
    case 'lru_percpu_hash':
      return hashUsage(m, possibleCpus, true, true);
    default:
      return slotUsage(m, possibleCpus);
  }
}

/** Whether a map's figure moves with its element count (so the engine must count them). */
export const memlockCountsElements = (type: string, noPrealloc: boolean): boolean =>
  type === 'lpm_trie' || (noPrealloc && (type === 'hash' || type === 'percpu_hash' || type === 'hash_of_maps'));

/** A program's memlock: its header and translated instructions, in whole pages (bpf_prog_size). */
export function progMemlock(xlatedLen: number): number {
  return up(PROG_HEADER + xlatedLen, PAGE);
}
