// Which context offsets a program type may read and write (the *_is_valid_access callbacks of Linux 6.18), for
// the types whose context the emulator models; other types accept any access, as the emulator cannot say.

type Range = readonly [number, number];

interface CtxLayout {
  size: number;
  /** [start, end) byte ranges no read may touch. */
  noRead?: readonly Range[];
  /** [start, end) byte ranges that may be written; none when absent. */
  write?: readonly Range[];
  /** Only this access size is allowed (xdp_md: u32 fields). */
  onlySize?: number;
  /** [start, end) u64 fields: accessed only whole, with 8-byte loads; no other offset takes an 8-byte load. */
  wide?: readonly Range[];
}

const SKB_WIDE: readonly Range[] = [
  [144, 152],
  [152, 160],
  [168, 176],
  [184, 192],
];
const CB: Range = [48, 68];
const skb = (extra: Omit<CtxLayout, 'size' | 'wide'>): CtxLayout => ({ size: 192, wide: SKB_WIDE, ...extra });

const LAYOUTS: Readonly<Record<string, CtxLayout>> = {
  socket_filter: skb({
    noRead: [
      [72, 84],
      [140, 164],
      [184, 192],
    ],
    write: [CB],
  }),
  sched_cls: skb({ write: [[8, 16], [32, 36], [40, 44], CB, [72, 76], [152, 160]] }),
  sched_act: skb({ write: [[8, 16], [32, 36], [40, 44], CB, [72, 76], [152, 160]] }),
  cgroup_skb: skb({ write: [[8, 12], [32, 36], CB, [152, 160]] }),
  xdp: { size: 20, onlySize: 4 },
  kprobe: { size: 168 },
  perf_event: { size: 184 },
  tracepoint: { size: 8192 },
  raw_tracepoint: { size: 96 },
};

const inside = (off: number, size: number, ranges: readonly Range[] | undefined): boolean =>
  (ranges ?? []).some(([s, e]) => off >= s && off + size <= e);
const touches = (off: number, size: number, ranges: readonly Range[] | undefined): boolean =>
  (ranges ?? []).some(([s, e]) => off < e && off + size > s);

/** True when the kernel lets a program of this type access `size` bytes of its context at `off`. */
export function ctxAccessOk(progType: string, off: number, size: number, write: boolean): boolean {
  const l = LAYOUTS[progType];
  if (!l) return true;
  if (off < 0 || off + size > l.size || off % size !== 0) return false;
  if (l.onlySize !== undefined && size !== l.onlySize) return false;
  if (l.wide && (size === 8 ? !inside(off, size, l.wide) : touches(off, size, l.wide))) return false;
  if (write) return inside(off, size, l.write);
  return !touches(off, size, l.noRead);
}
