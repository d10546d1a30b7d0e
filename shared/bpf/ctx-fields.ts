// The context fields of the program types whose context the kernel rewrites (convert_ctx_access of Linux 6.18),
// as this kernel reports them: each [offset, size, instructions of a whole-field access, narrow], where narrow is
// the width the rewritten load already has (a narrower read gets a shift and a mask), 0 when only whole accesses
// are allowed. Offsets inside two entries take the smaller one (cb[] is also two 8-byte slots).
export type CtxField = readonly [off: number, size: number, insns: number, narrow: number];

const CB: readonly CtxField[] = [
  [48, 8, 1, 1],
  [56, 8, 1, 1],
  [64, 4, 1, 1],
];
/** __sk_buff fields every skb program type reads alike: len .. tc_index, cb[], hash. */
const SKB_HEAD = (ifindexInsns: number): CtxField[] => [
  [0, 4, 1, 4],
  [4, 4, 2, 1],
  [8, 4, 1, 4],
  [12, 4, 1, 2],
  [16, 4, 1, 2],
  [20, 4, 3, 4],
  [24, 4, 1, 2],
  [28, 4, 1, 2],
  [32, 4, 1, 4],
  [36, 4, 1, 4],
  [40, 4, ifindexInsns, 4],
  [44, 4, 1, 2],
  ...CB,
  [68, 4, 1, 4],
];
/** napi_id, gso_segs, sk, gso_size. */
const SKB_TAIL: readonly CtxField[] = [
  [84, 4, 3, 4],
  [164, 4, 4, 2],
  [168, 8, 1, 0],
  [176, 4, 4, 2],
];
const SKB_DATA: readonly CtxField[] = [
  [76, 4, 1, 0],
  [80, 4, 1, 0],
];
/** tstamp and hwtstamp. */
const SKB_TIME: readonly CtxField[] = [
  [152, 8, 8, 0],
  [184, 8, 4, 0],
];
/** family, remote_ip4 .. local_port: the socket's fields, for cgroup_skb only. */
const SKB_SOCK: CtxField[] = [[88, 4, 2, 2]];
for (let off = 92; off < 132; off += 4) SKB_SOCK.push([off, 4, 2, 0]);
SKB_SOCK.push([132, 4, 3, 4], [136, 4, 2, 2]);

const TC_READ: readonly CtxField[] = [
  ...SKB_HEAD(2),
  [72, 4, 1, 2],
  ...SKB_DATA,
  ...SKB_TAIL,
  [140, 4, 1, 0],
  ...SKB_TIME,
  [160, 4, 1, 4],
  [180, 1, 2, 0],
];
const TC_WRITE: readonly CtxField[] = [
  [8, 4, 1, 0],
  [12, 4, 2, 0],
  [32, 4, 1, 0],
  [44, 4, 1, 0],
  ...CB,
  [72, 4, 1, 0],
  [152, 8, 6, 0],
];

/** Readable fields per program type. */
export const CTX_READ: Readonly<Record<string, readonly CtxField[]>> = {
  socket_filter: [...SKB_HEAD(3), ...SKB_TAIL],
  sched_cls: TC_READ,
  sched_act: TC_READ,
  cgroup_skb: [...SKB_HEAD(3), ...SKB_DATA, ...SKB_SOCK, ...SKB_TAIL, ...SKB_TIME],
  xdp: [
    [0, 4, 1, 0],
    [4, 4, 1, 0],
    [8, 4, 1, 0],
    [12, 4, 3, 0],
    [16, 4, 2, 0],
  ],
  sk_lookup: [
    [0, 8, 1, 0],
    [8, 4, 1, 2],
    [12, 4, 1, 2],
    [16, 4, 1, 4],
    [20, 4, 3, 4],
    [24, 4, 3, 4],
    [28, 4, 3, 4],
    [32, 4, 3, 4],
    [36, 4, 1, 2],
    [38, 2, 1, 2],
    [40, 4, 1, 4],
    [44, 4, 3, 4],
    [48, 4, 3, 4],
    [52, 4, 3, 4],
    [56, 4, 3, 4],
    [60, 4, 1, 2],
    [64, 4, 1, 4],
  ],
};

/** Writable fields per program type; a type listed in CTX_READ but not here writes nothing. */
export const CTX_WRITE: Readonly<Record<string, readonly CtxField[]>> = {
  socket_filter: CB,
  sched_cls: TC_WRITE,
  sched_act: TC_WRITE,
  cgroup_skb: [[8, 4, 1, 0], [32, 4, 1, 0], ...CB, [152, 8, 6, 0]],
};
