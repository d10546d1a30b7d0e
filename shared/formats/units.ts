// Units for people: durations ("1.5 ms", "2 min 3 s"), ages ("2 s ago"), byte counts ("1.5 KiB"), wall times,
// and the same units read back from filter text ("5s", "100ms", "1.5MiB").

const NS_PER = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, min: 60e9, h: 3600e9, d: 86400e9 } as const;

/** n with at most `digits` decimals, trailing zeros dropped: 1.50 -> "1.5", 850 -> "850". */
const fixed = (n: number, digits: number): string => {
  const t = n.toFixed(digits);
  return t.includes('.') ? t.replace(/\.?0+$/, '') : t;
};

/** "850 ns", "12.3 µs", "4.56 ms", "1.23 s", "2 min 3 s", "1 h 2 min", "3 d 4 h". */
export function durationText(ns: number): string {
  const a = Math.abs(ns);
  const sign = ns < 0 ? '-' : '';
  if (a < 1e3) return `${sign}${fixed(a, 0)} ns`;
  if (a < 1e6) return `${sign}${fixed(a / 1e3, a < 1e4 ? 2 : 1)} µs`;
  if (a < 1e9) return `${sign}${fixed(a / 1e6, a < 1e7 ? 2 : 1)} ms`;
  if (a < 60e9) return `${sign}${fixed(a / 1e9, a < 1e10 ? 2 : 1)} s`;
  const s = Math.floor(a / 1e9);
  if (s < 3600) return `${sign}${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  if (s < 86400)
    return `${sign}${Math.floor(s / 3600)} h${s % 3600 >= 60 ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
  return `${sign}${Math.floor(s / 86400)} d${s % 86400 >= 3600 ? ` ${Math.floor((s % 86400) / 3600)} h` : ''}`;
}

/** How long ago (or, for a time ahead, in how long) in whole units: "now", "320 ms ago", "2 s ago", "in 5 s". */
export function ageText(deltaNs: number): string {
  const a = Math.abs(deltaNs);
  if (a < 1e6) return 'now';
  let t: string;
  if (a < 1e9) t = `${Math.floor(a / 1e6)} ms`;
  else if (a < 60e9) t = `${Math.floor(a / 1e9)} s`;
  else t = durationText(Math.floor(a / 1e9) * 1e9);
  return deltaNs < 0 ? `in ${t}` : `${t} ago`;
}

const IEC = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** "512 B", "1.5 KiB", "23.4 MiB". */
export function byteCountText(n: number): string {
  let v = Math.abs(n);
  let u = 0;
  while (v >= 1024 && u < IEC.length - 1) {
    v /= 1024;
    u++;
  }
  const sign = n < 0 ? '-' : '';
  return u === 0
    ? `${sign}${fixed(v, v < 10 ? 1 : 0)} B`
    : `${sign}${fixed(v, v < 10 ? 2 : v < 100 ? 1 : 0)} ${IEC[u]}`;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Local wall time with milliseconds: "2025-05-01 12:03:04.123". */
export function wallTimeText(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return 'out of range';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** "5s", "1.5 ms", "2min", "100us" -> nanoseconds; undefined when it is not a duration with a unit. */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ns|us|µs|ms|s|min|m|h|d)\s*$/i.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * NS_PER[m[2]!.toLowerCase() as keyof typeof NS_PER];
}

const SIZE_UNITS: Record<string, number> = {
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

/** "1500", "1.5k", "2 MiB", "10MB" -> bytes; undefined when it does not read as a size. */
export function parseByteCount(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]i?b?|b)?\s*$/i.exec(text);
  if (!m) return undefined;
  return Math.round(Number(m[1]) * (m[2] ? (SIZE_UNITS[m[2].toLowerCase()] ?? Number.NaN) : 1));
}
