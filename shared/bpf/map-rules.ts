// BPF_MAP_CREATE's rules, once: the generic checks, each type's map_alloc_check / map_alloc checks, the
// hash bucket limit and allocation failures. The emulator enforces them; the New map dialog shows them.
import type { ErrnoCode } from '../errors.js';
import { MAP_FLAGS as F, MAP_TYPES, type MapTypeName, mapFlagsFromNames, PERCPU_MAP_TYPES } from './types.js';

export interface MapCreateShape {
  type: MapTypeName;
  keySize: number;
  valueSize: number;
  maxEntries: number;
  flags: readonly string[];
  mapExtra?: number | undefined;
}

export type MapRuleField = 'type' | 'keySize' | 'valueSize' | 'maxEntries' | 'flags' | 'mapExtra';

export interface MapRuleProblem {
  code: ErrnoCode;
  field: MapRuleField;
  message: string;
}

export interface MapRuleEnv {
  possibleCpus: number;
  /** Bytes of RAM: vmalloc refuses one allocation larger than this (ENOMEM). Unknown: not checked. */
  totalMemory?: number | undefined;
  /** CONFIG_NR_CPUS, cpumap's limit on max_entries. */
  nrCpus?: number | undefined;
  /** Runs where map_create looks up a BPF_F_TOKEN_FD token: after the type's map_alloc_check, before map_alloc. */
  afterAllocCheck?: (() => void) | undefined;
}

const ACCESS = F.rdonly | F.wronly | F.rdonly_prog | F.wronly_prog;
const ARRAY_MASK = F.numa_node | F.mmapable | ACCESS | F.preserve_elems | F.inner_map;
const HTAB_MASK = F.no_prealloc | F.no_common_lru | F.numa_node | ACCESS | F.zero_seed;
const QUEUE_MASK = F.numa_node | ACCESS;
const LPM_MASK = F.no_prealloc | F.numa_node | ACCESS;
const BLOOM_MASK = F.numa_node | F.zero_seed | ACCESS;
const DEV_MASK = F.numa_node | F.rdonly | F.wronly;
const STACK_MASK = DEV_MASK | F.stack_build_id;
/** KMALLOC_MAX_SIZE on x86_64, sizeof(struct htab_elem), sizeof(struct bucket), PCPU_MIN_UNIT_SIZE. */
const KMALLOC_MAX = 4 << 20;
const HTAB_ELEM = 48;
const BUCKET = 16;
const PCPU_MIN_UNIT = 32768;
const PAGE = 4096;
const U32_MAX = 0xffffffff;
/** sysctl_perf_event_max_stack's default and sizeof(struct bpf_stack_build_id). */
const MAX_STACK = 127;
const BUILD_ID = 32;

export const HASH_TYPES: ReadonlySet<MapTypeName> = new Set([
  'hash',
  'percpu_hash',
  'lru_hash',
  'lru_percpu_hash',
  'hash_of_maps',
]);
/** The types array_map_alloc_check validates (fd arrays and reuseport_sockarray included). */
export const ARRAY_TYPES: ReadonlySet<MapTypeName> = new Set([
  'array',
  'percpu_array',
  'prog_array',
  'perf_event_array',
  'cgroup_array',
  'array_of_maps',
  'reuseport_sockarray',
]);
const FD_ARRAYS: ReadonlySet<MapTypeName> = new Set([
  'prog_array',
  'perf_event_array',
  'cgroup_array',
  'array_of_maps',
]);

/** Other types with a map_alloc_check: their checks come before a BPF_F_TOKEN_FD token is looked up. */
const ALLOC_CHECKED: ReadonlySet<MapTypeName> = new Set(['queue', 'stack', 'bloom_filter', 'devmap', 'devmap_hash']);

class Refusal extends Error {
  constructor(readonly problem: MapRuleProblem) {
    super(problem.message);
  }
}
const refuse = (code: ErrnoCode, field: MapRuleField, message: string): never => {
  throw new Refusal({ code, field, message: `${message} (${code === 'ENOTSUPP' ? 'ENOTSUPP, 524' : code}).` });
};
const bad = (field: MapRuleField, why: string): never => refuse('EINVAL', field, why);
const accessOk = (flags: number): boolean =>
  (flags & (F.rdonly_prog | F.wronly_prog)) !== (F.rdonly_prog | F.wronly_prog);
const round8 = (n: number): number => Math.ceil(n / 8) * 8;
const isPow2 = (n: number): boolean => n > 0 && (n & (n - 1)) === 0;
const pow2Up = (n: number): number => (n <= 1 ? 1 : 2 ** Math.ceil(Math.log2(n)));

/** bpf_map_area_alloc: vmalloc refuses one area larger than all RAM. */
function alloc(bytes: number, env: MapRuleEnv, field: MapRuleField = 'maxEntries'): void {
  if (env.totalMemory !== undefined && bytes > env.totalMemory)
    refuse('ENOMEM', field, `The map needs ${bytes} bytes in one allocation, more than this host's memory`);
}

function checkArray(s: MapCreateShape, flags: number, env: MapRuleEnv): void {
  const percpu = s.type === 'percpu_array';
  if (s.keySize !== 4) bad('keySize', 'Arrays need key_size 4');
  if (s.valueSize === 0) bad('valueSize', 'Arrays need value_size > 0');
  if (s.maxEntries === 0) bad('maxEntries', 'Arrays need max_entries > 0');
  if (flags & ~ARRAY_MASK || !accessOk(flags) || (percpu && flags & F.numa_node))
    bad('flags', 'Flag not allowed on arrays');
  if (s.type !== 'array' && flags & (F.mmapable | F.inner_map))
    bad('flags', 'mmapable and inner_map are only for plain arrays');
  if (s.type !== 'perf_event_array' && flags & F.preserve_elems)
    bad('flags', 'preserve_elems is only for perf_event_array');
  if (s.valueSize > 0x7fffffff) refuse('E2BIG', 'valueSize', 'value_size is too large');
  if (percpu && round8(s.valueSize) > PCPU_MIN_UNIT) refuse('E2BIG', 'valueSize', 'Per-CPU values are at most 32 KiB');
  env.afterAllocCheck?.();
  if (FD_ARRAYS.has(s.type)) return;
  const page = (n: number): number => (flags & F.mmapable ? Math.ceil(n / PAGE) * PAGE : n);
  alloc(percpu ? s.maxEntries * 8 : page(s.maxEntries * round8(s.valueSize)), env);
}

function checkHash(s: MapCreateShape, flags: number, env: MapRuleEnv): void {
  const lru = s.type === 'lru_hash' || s.type === 'lru_percpu_hash';
  const percpu = PERCPU_MAP_TYPES.has(s.type);
  if (flags & ~HTAB_MASK || !accessOk(flags)) bad('flags', 'Flag not allowed on hash maps');
  if (!lru && flags & F.no_common_lru) bad('flags', 'no_common_lru is only for LRU maps');
  if (lru && flags & F.no_prealloc) refuse('ENOTSUPP', 'flags', 'LRU maps are always preallocated');
  if (flags & F.numa_node && (percpu || flags & F.no_common_lru))
    bad('flags', 'numa_node is not allowed on per-CPU maps');
  if (s.maxEntries === 0) bad('maxEntries', 'max_entries must be > 0');
  if (s.keySize === 0) bad('keySize', 'key_size must be > 0');
  if (s.valueSize === 0) bad('valueSize', 'value_size must be > 0');
  if (s.keySize + s.valueSize >= KMALLOC_MAX - HTAB_ELEM)
    refuse('E2BIG', 'valueSize', 'key_size + value_size is too large');
  if (percpu && round8(s.valueSize) > PCPU_MIN_UNIT) refuse('E2BIG', 'valueSize', 'Per-CPU values are at most 32 KiB');
  env.afterAllocCheck?.();
  // htab_map_alloc: NO_COMMON_LRU rounds max_entries up to a multiple of the CPUs first.
  let max = s.maxEntries;
  if (lru && flags & F.no_common_lru) {
    const up = Math.ceil(max / env.possibleCpus) * env.possibleCpus;
    max = up <= U32_MAX ? up : Math.floor(max / env.possibleCpus) * env.possibleCpus;
  }
  if (max > 2 ** 31) refuse('E2BIG', 'maxEntries', 'max_entries is above 2^31');
  const buckets = pow2Up(max);
  if (buckets > Math.floor(U32_MAX / BUCKET))
    refuse('E2BIG', 'maxEntries', `${buckets} hash buckets would take more than 4 GiB`);
  alloc(buckets * BUCKET, env);
  if (flags & F.no_prealloc) return;
  const elem = HTAB_ELEM + round8(s.keySize) + (percpu ? 8 : round8(s.valueSize));
  alloc(elem * (max + (percpu || lru ? 0 : env.possibleCpus)), env);
}

function checkOther(s: MapCreateShape, flags: number, env: MapRuleEnv): void {
  // These types check everything in map_alloc, after the token.
  if (!ALLOC_CHECKED.has(s.type)) env.afterAllocCheck?.();
  switch (s.type) {
    case 'queue':
    case 'stack':
      if (s.keySize !== 0) bad('keySize', 'Queues and stacks need key_size 0');
      if (s.valueSize === 0) bad('valueSize', 'Queues and stacks need value_size > 0');
      if (s.maxEntries === 0) bad('maxEntries', 'Queues and stacks need max_entries > 0');
      if (flags & ~QUEUE_MASK || !accessOk(flags)) bad('flags', 'Flag not allowed on queues and stacks');
      if (s.valueSize > KMALLOC_MAX) refuse('E2BIG', 'valueSize', 'value_size is too large');
      env.afterAllocCheck?.();
      return alloc((s.maxEntries + 1) * s.valueSize, env);
    // ringbuf_map_alloc serves both.
    case 'ringbuf':
    case 'user_ringbuf':
      if (flags & ~F.numa_node) bad('flags', `${s.type} only takes the numa_node flag`);
      if (s.keySize) bad('keySize', `${s.type} needs key_size 0`);
      if (s.valueSize) bad('valueSize', `${s.type} needs value_size 0`);
      if (!isPow2(s.maxEntries) || s.maxEntries % PAGE)
        bad('maxEntries', `${s.type} needs max_entries a power of two multiple of 4096`);
      return;
    case 'lpm_trie':
      if (s.maxEntries === 0) bad('maxEntries', 'lpm_trie needs max_entries > 0');
      if (!(flags & F.no_prealloc) || flags & ~LPM_MASK || !accessOk(flags)) bad('flags', 'lpm_trie needs no_prealloc');
      if (s.keySize < 5 || s.keySize > 260) bad('keySize', 'lpm_trie needs key_size 5..260');
      if (s.valueSize < 1 || s.valueSize > KMALLOC_MAX - 256 - 40) bad('valueSize', 'lpm_trie needs value_size >= 1');
      return;
    case 'bloom_filter':
      if (s.valueSize > KMALLOC_MAX) refuse('E2BIG', 'valueSize', 'value_size is too large');
      env.afterAllocCheck?.();
      if (s.keySize !== 0) bad('keySize', 'bloom_filter needs key_size 0');
      if (s.valueSize === 0) bad('valueSize', 'bloom_filter needs value_size > 0');
      if (s.maxEntries === 0) bad('maxEntries', 'bloom_filter needs max_entries > 0');
      if (flags & ~BLOOM_MASK || !accessOk(flags)) bad('flags', 'Flag not allowed on a bloom filter');
      if ((s.mapExtra ?? 0) & ~0xf) bad('mapExtra', 'bloom_filter needs map_extra 0..15 (hash functions)');
      return;
    case 'devmap':
    case 'devmap_hash':
      if (s.maxEntries === 0) bad('maxEntries', 'Device maps need max_entries > 0');
      if (s.keySize !== 4) bad('keySize', 'Device maps need key_size 4');
      if (s.valueSize !== 4 && s.valueSize !== 8) bad('valueSize', 'Device maps need value_size 4 or 8');
      if (flags & ~DEV_MASK) bad('flags', 'Device maps take only numa_node, rdonly and wronly');
      if (s.type === 'devmap_hash' && s.maxEntries > 2 ** 31) bad('maxEntries', 'devmap_hash holds at most 2^31');
      return env.afterAllocCheck?.();
    case 'cpumap':
      if (s.maxEntries === 0) bad('maxEntries', 'cpumap needs max_entries > 0');
      if (s.keySize !== 4) bad('keySize', 'cpumap needs key_size 4');
      if (s.valueSize !== 4 && s.valueSize !== 8) bad('valueSize', 'cpumap needs value_size 4 or 8');
      if (flags & ~F.numa_node) bad('flags', 'cpumap takes only numa_node');
      if (s.maxEntries > (env.nrCpus ?? 8192)) refuse('E2BIG', 'maxEntries', 'cpumap holds at most NR_CPUS entries');
      return;
    case 'sockmap':
    case 'sockhash':
    case 'xskmap': {
      const hashed = s.type === 'sockhash';
      if (s.maxEntries === 0) bad('maxEntries', `${s.type} needs max_entries > 0`);
      if (hashed ? s.keySize === 0 : s.keySize !== 4)
        bad('keySize', `${s.type} needs key_size ${hashed ? '> 0' : '4'}`);
      const values = s.type === 'xskmap' ? [4] : [4, 8];
      if (!values.includes(s.valueSize)) bad('valueSize', `${s.type} needs value_size ${values.join(' or ')}`);
      if (flags & ~DEV_MASK) bad('flags', `${s.type} takes only numa_node, rdonly and wronly`);
      if (hashed && s.keySize > 512) refuse('E2BIG', 'keySize', 'sockhash keys are at most 512 bytes');
      return;
    }
    case 'stack_trace': {
      if (flags & ~STACK_MASK) bad('flags', 'stack_trace takes numa_node, rdonly, wronly and stack_build_id');
      if (s.maxEntries === 0) bad('maxEntries', 'stack_trace needs max_entries > 0');
      if (s.keySize !== 4) bad('keySize', 'stack_trace needs key_size 4');
      if (s.valueSize < 8 || s.valueSize % 8) bad('valueSize', 'stack_trace needs value_size a multiple of 8');
      const frame = flags & F.stack_build_id ? BUILD_ID : 8;
      if (s.valueSize % frame || s.valueSize / frame > MAX_STACK)
        bad('valueSize', `stack_trace values hold at most ${MAX_STACK} frames of ${frame} bytes`);
      if (s.maxEntries > 2 ** 31) refuse('E2BIG', 'maxEntries', 'max_entries is above 2^31');
      return alloc(pow2Up(s.maxEntries) * 8, env);
    }
    default:
      refuse('EOPNOTSUPP', 'type', `The emulated engine does not model ${s.type} maps; use the native engine`);
  }
}

/** The kernel's checks in its order; returns the map_flags it keeps, or the problem it refuses with. */
export function mapCreateRules(s: MapCreateShape, env: MapRuleEnv): { flags: number } | { problem: MapRuleProblem } {
  try {
    let flags: number;
    try {
      flags = mapFlagsFromNames(s.flags);
    } catch {
      return bad('flags', `Unknown map flag in [${s.flags.join(', ')}]`);
    }
    if (s.type !== 'bloom_filter' && (s.mapExtra ?? 0) !== 0) bad('mapExtra', 'map_extra is only for bloom filters');
    if (flags & F.rdonly && flags & F.wronly) bad('flags', 'rdonly and wronly exclude each other');
    if (!(s.type in MAP_TYPES)) bad('type', `Unknown map type ${String(s.type)}`);
    if (FD_ARRAYS.has(s.type) || s.type === 'hash_of_maps') {
      if (s.valueSize !== 4) bad('valueSize', `${s.type} needs value_size 4`);
      if (s.type !== 'hash_of_maps' && flags & (F.rdonly_prog | F.wronly_prog))
        bad('flags', 'rdonly_prog / wronly_prog are not allowed on fd arrays');
    }
    if (s.type === 'reuseport_sockarray' && s.valueSize !== 4 && s.valueSize !== 8)
      bad('valueSize', 'reuseport_sockarray needs value_size 4 or 8');
    if (ARRAY_TYPES.has(s.type)) checkArray(s, flags, env);
    else if (HASH_TYPES.has(s.type)) checkHash(s, flags, env);
    else checkOther(s, flags, env);
    // dev_map_init_map: lookups return a pointer into the device entry, so programs may only read it.
    if (s.type === 'devmap' || s.type === 'devmap_hash') flags |= F.rdonly_prog;
    return { flags };
  } catch (e) {
    if (e instanceof Refusal) return { problem: e.problem };
    throw e;
  }
}
