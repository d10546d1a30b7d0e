// The agent's memory between reads. A full read of a large map allocates tens of MB (packed rows, then the diff
// and the look of the view), in blocks big enough that glibc gives each back to the kernel when it is freed: the
// next read then faults every page in again, which on a virtual machine costs as much as the read's JavaScript.
// The agent is one long-lived process whose reads come again and again, so it keeps freed memory for the next.
const M_TRIM_THRESHOLD = -1;
const M_MMAP_THRESHOLD = -3;
/** glibc's largest mmap threshold on 64-bit: blocks up to this size come from the heap and are reused. */
const HEAP_BLOCKS_UP_TO = 32 * 1024 * 1024;
/** Free memory at the top of the heap past which glibc still returns it: a few full reads of a million rows. */
const KEEP_UP_TO = 256 * 1024 * 1024;

/** Tells glibc to keep freed blocks; returns what was done, or why not. Never throws: it is a speed-up only. */
export async function keepFreedMemory(): Promise<string> {
  if (process.platform !== 'linux') return `left as it is (${process.platform})`;
  try {
    const koffi = (await import('koffi')).default;
    const mallopt = koffi.load('libc.so.6').func('int mallopt(int param, int value)') as (
      p: number,
      v: number,
    ) => number;
    const ok = mallopt(M_MMAP_THRESHOLD, HEAP_BLOCKS_UP_TO) === 1 && mallopt(M_TRIM_THRESHOLD, KEEP_UP_TO) === 1;
    return ok ? `freed blocks up to ${HEAP_BLOCKS_UP_TO} bytes kept` : 'left as it is (mallopt refused)';
  } catch (e) {
    return `left as it is (${(e as Error).message})`;
  }
}
