// Cooperative time slicing: long loops call `due()` often and `await pause()` when it says so, so no piece of
// view work holds main's event loop for more than a few milliseconds.
import { performance } from 'node:perf_hooks';

export const SLICE_MS = 8;

export class Slicer {
  private started = performance.now();
  private ticks = 0;
  constructor(
    private readonly sliceMs = SLICE_MS,
    private readonly signal?: AbortSignal,
  ) {}

  /** Cheap check, meant for every iteration: true when the slice is used up. */
  due(): boolean {
    if ((++this.ticks & 1023) !== 0) return false;
    return performance.now() - this.started > this.sliceMs;
  }

  /** The time check without the every-1024-calls gate, for loops whose iterations are big (whole chunks). */
  dueNow(): boolean {
    return performance.now() - this.started > this.sliceMs;
  }

  async pause(): Promise<void> {
    await new Promise<void>((r) => setImmediate(r));
    if (this.signal?.aborted) throw new SliceAborted();
    this.started = performance.now();
  }
}

/** Thrown out of sliced work when its result is no longer wanted. */
export class SliceAborted extends Error {
  constructor() {
    super('superseded');
  }
}

/** Stable bottom-up merge sort of `order` by `cmp`, sliced. */
export async function sortSliced(
  order: Uint32Array,
  cmp: (a: number, b: number) => number,
  slicer: Slicer,
): Promise<Uint32Array> {
  const n = order.length;
  const RUN = 32;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo + 1; i < hi; i++) {
      const x = order[i] as number;
      let j = i - 1;
      while (j >= lo && cmp(order[j] as number, x) > 0) {
        order[j + 1] = order[j] as number;
        j--;
      }
      order[j + 1] = x;
    }
    if (slicer.due()) await slicer.pause();
  }
  let src: Uint32Array = order;
  let dst: Uint32Array = new Uint32Array(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        dst[k++] = cmp(src[i] as number, src[j] as number) <= 0 ? (src[i++] as number) : (src[j++] as number);
        if (slicer.due()) await slicer.pause();
      }
      while (i < mid) dst[k++] = src[i++] as number;
      while (j < hi) dst[k++] = src[j++] as number;
    }
    [src, dst] = [dst, src];
  }
  return src;
}
