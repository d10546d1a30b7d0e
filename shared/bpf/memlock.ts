// The memory the kernel charges a map or program (fdinfo's memlock, bpftool's bytes_memlock), as Linux 6.18 on a
// 64-bit machine with 4 KiB pages computes it (array_map_mem_usage, htab_map_mem_usage, queue_stack_map_mem_usage,
// bpf_prog_size). Undefined for map types whose accounting this model does not follow.

const PAGE = 4096;
/** sizeof(struct bpf_array) and sizeof(struct bpf_queue_stack): the map header with its bpf_map. */
const ARRAY_HEADER = 312;
const HTAB_HEADER = 832;
const HTAB_ELEM = 48;
const HTAB_BUCKET = 16;
const HTAB_LOCKS = 8;
const LLIST_NODE = 8;
const POINTER = 8;
/** offsetof(struct bpf_prog, insns). */
const PROG_HEADER = 72;

const up = (n: number, to: number): number => Math.ceil(n / to) * to;
const pow2 = (n: number): number => (n <= 1 ? 1 : 2 ** Math.ceil(Math.log2(n)));

export interface MemlockMap {
  type: string;
  keySize: number;
  valueSize: number;
  maxEntries: number;
  noPrealloc: boolean;
  mmapable: boolean;
  /** Elements in the map now (a hash without prealloc is charged per element). */
  count: number;
}

function arrayUsage(m: MemlockMap, cpus: number, percpu: boolean): number {
  const elem = up(m.valueSize, 8);
  if (percpu) return ARRAY_HEADER + m.maxEntries * POINTER + m.maxEntries * elem * cpus;
  if (m.mmapable) return up(ARRAY_HEADER, PAGE) + up(m.maxEntries * elem, PAGE);
  return ARRAY_HEADER + m.maxEntries * elem;
}

function hashUsage(m: MemlockMap, cpus: number, percpu: boolean, lru: boolean): number {
  const value = up(m.valueSize, 8);
  const elem = HTAB_ELEM + up(m.keySize, 8) + (percpu ? POINTER : value);
  let usage = HTAB_HEADER + HTAB_BUCKET * pow2(m.maxEntries) + 4 * cpus * HTAB_LOCKS;
  if (m.noPrealloc && !lru) {
    usage += (elem + LLIST_NODE) * m.count;
    return percpu ? usage + value * cpus * m.count : usage;
  }
  const entries = m.maxEntries + (percpu || lru ? 0 : cpus);
  usage += elem * entries;
  if (percpu) return usage + value * cpus * entries;
  return lru ? usage : usage + POINTER * cpus;
}

/** A map's memlock in bytes, or undefined when its type is not modelled. */
export function mapMemlock(m: MemlockMap, possibleCpus: number): number | undefined {
  switch (m.type) {
    case 'array':
    case 'prog_array':
    case 'perf_event_array':
    case 'cgroup_array':
    case 'array_of_maps':
      return m.type === 'array' ? arrayUsage(m, possibleCpus, false) : undefined;
    case 'percpu_array':
      return arrayUsage(m, possibleCpus, true);
    case 'hash':
      return hashUsage(m, possibleCpus, false, false);
    case 'percpu_hash':
      return hashUsage(m, possibleCpus, true, false);
    case 'lru_hash':
      return hashUsage(m, possibleCpus, false, true);
    case 'lru_percpu_hash':
      return hashUsage(m, possibleCpus, true, true);
    case 'queue':
    case 'stack':
      return ARRAY_HEADER + (m.maxEntries + 1) * m.valueSize;
    default:
      return undefined;
  }
}

/** A program's memlock: its header and translated instructions, in whole pages (bpf_prog_size). */
export function progMemlock(xlatedLen: number): number {
  return up(PROG_HEADER + xlatedLen, PAGE);
}
