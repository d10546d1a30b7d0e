// Kernel UAPI numbers and names for map, program and link types and map flags.

export const MAP_TYPES = {
  hash: 1,
  array: 2,
  prog_array: 3,
  perf_event_array: 4,
  percpu_hash: 5,
  percpu_array: 6,
  stack_trace: 7,
  cgroup_array: 8,
  lru_hash: 9,
  lru_percpu_hash: 10,
  lpm_trie: 11,
  array_of_maps: 12,
  hash_of_maps: 13,
  devmap: 14,
  sockmap: 15,
  cpumap: 16,
  xskmap: 17,
  sockhash: 18,
  cgroup_storage: 19,
  reuseport_sockarray: 20,
  percpu_cgroup_storage: 21,
  queue: 22,
  stack: 23,
  sk_storage: 24,
  devmap_hash: 25,
  struct_ops: 26,
  ringbuf: 27,
  inode_storage: 28,
  task_storage: 29,
  bloom_filter: 30,
  user_ringbuf: 31,
  cgrp_storage: 32,
  arena: 33,
} as const;
export type MapTypeName = keyof typeof MAP_TYPES;

export const PROG_TYPES = {
  unspec: 0,
  socket_filter: 1,
  kprobe: 2,
  sched_cls: 3,
  sched_act: 4,
  tracepoint: 5,
  xdp: 6,
  perf_event: 7,
  cgroup_skb: 8,
  cgroup_sock: 9,
  lwt_in: 10,
  lwt_out: 11,
  lwt_xmit: 12,
  sock_ops: 13,
  sk_skb: 14,
  cgroup_device: 15,
  sk_msg: 16,
  raw_tracepoint: 17,
  cgroup_sock_addr: 18,
  lwt_seg6local: 19,
  lirc_mode2: 20,
  sk_reuseport: 21,
  flow_dissector: 22,
  cgroup_sysctl: 23,
  raw_tracepoint_writable: 24,
  cgroup_sockopt: 25,
  tracing: 26,
  struct_ops: 27,
  ext: 28,
  lsm: 29,
  sk_lookup: 30,
  syscall: 31,
  netfilter: 32,
} as const;
export type ProgTypeName = keyof typeof PROG_TYPES;

export const LINK_TYPES = {
  unspec: 0,
  raw_tracepoint: 1,
  tracing: 2,
  cgroup: 3,
  iter: 4,
  netns: 5,
  xdp: 6,
  perf_event: 7,
  kprobe_multi: 8,
  struct_ops: 9,
  netfilter: 10,
  tcx: 11,
  uprobe_multi: 12,
  netkit: 13,
  sockmap: 14,
} as const;
export type LinkTypeName = keyof typeof LINK_TYPES;

/** Map flags by name (BPF_F_*), as accepted by BPF_MAP_CREATE. */
export const MAP_FLAGS = {
  no_prealloc: 1 << 0,
  no_common_lru: 1 << 1,
  numa_node: 1 << 2,
  rdonly: 1 << 3,
  wronly: 1 << 4,
  stack_build_id: 1 << 5,
  zero_seed: 1 << 6,
  rdonly_prog: 1 << 7,
  wronly_prog: 1 << 8,
  clone: 1 << 9,
  mmapable: 1 << 10,
  preserve_elems: 1 << 11,
  inner_map: 1 << 12,
  link: 1 << 13,
  path_fd: 1 << 14,
  vtype_btf_obj_fd: 1 << 15,
  token_fd: 1 << 16,
  segv_on_fault: 1 << 17,
  no_user_conv: 1 << 18,
} as const;
export type MapFlagName = keyof typeof MAP_FLAGS;

/** BPF_OBJ_GET / GET_FD_BY_ID open flags. */
export const OPEN_FLAGS = { rdonly: 1 << 3, wronly: 1 << 4, path_fd: 1 << 14 } as const;

export const UPDATE_FLAGS = { any: 0, noexist: 1, exist: 2 } as const;
export type UpdateFlag = keyof typeof UPDATE_FLAGS;

function nameOf<T extends Record<string, number>>(table: T, value: number): keyof T | undefined {
  for (const [k, v] of Object.entries(table)) if (v === value) return k as keyof T;
  return undefined;
}

export const mapTypeName = (n: number): string => nameOf(MAP_TYPES, n) ?? `unknown(${n})`;
export const progTypeName = (n: number): string => nameOf(PROG_TYPES, n) ?? `unknown(${n})`;
export const linkTypeName = (n: number): string => nameOf(LINK_TYPES, n) ?? `unknown(${n})`;

/** Names of the set bits of map_flags, unknown bits as hex. */
export function mapFlagNames(flags: number): string[] {
  const out: string[] = [];
  let rest = flags >>> 0;
  for (const [name, bit] of Object.entries(MAP_FLAGS)) {
    if (rest & bit) {
      out.push(name);
      rest &= ~bit;
    }
  }
  if (rest) out.push(`0x${rest.toString(16)}`);
  return out;
}

export function mapFlagsFromNames(names: readonly string[]): number {
  let flags = 0;
  for (const n of names) {
    const bit = (MAP_FLAGS as Record<string, number>)[n];
    if (bit === undefined) throw new Error(`unknown map flag ${n}`);
    flags |= bit;
  }
  return flags >>> 0;
}

/** Maps whose values are per possible CPU. */
export const PERCPU_MAP_TYPES: ReadonlySet<MapTypeName> = new Set([
  'percpu_hash',
  'percpu_array',
  'lru_percpu_hash',
  'percpu_cgroup_storage',
]);

/** Maps whose iteration order is not defined (compare as sets). */
export const HASH_FAMILY: ReadonlySet<MapTypeName> = new Set([
  'hash',
  'percpu_hash',
  'lru_hash',
  'lru_percpu_hash',
  'hash_of_maps',
  'lpm_trie',
]);

/** Bytes one value of a map occupies on the wire (per-CPU: rounded up to 8, times CPUs). */
export function valueWireSize(type: MapTypeName, valueSize: number, possibleCpus: number): number {
  return PERCPU_MAP_TYPES.has(type) ? Math.ceil(valueSize / 8) * 8 * possibleCpus : valueSize;
}
