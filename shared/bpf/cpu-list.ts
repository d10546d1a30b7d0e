// The kernel's CPU list format ("0-3,6,8-9", as in /sys/devices/system/cpu/possible), parsed once.

/** Number of CPUs a list like "0-1" or "0-3,5" names; 0 for an empty list. */
export function parseCpuList(text: string): number {
  let n = 0;
  for (const part of text.trim().split(',')) {
    if (part === '') continue;
    const [a, b] = part.split('-').map((x) => parseInt(x, 10));
    n += b === undefined ? 1 : b - (a ?? 0) + 1;
  }
  return n;
}
