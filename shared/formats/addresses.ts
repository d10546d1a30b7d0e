// Addresses read back from text (filters): IPv4, IPv6 (with "::" and a dotted tail), MAC, and CIDR prefixes as
// the lowest and highest address they cover.

/** "10.0.0.7" -> its 4 bytes; undefined when it is not a dotted quad. */
export function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.trim().split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return Uint8Array.from(parts.map(Number));
}

/** "2001:db8::1", "::ffff:10.0.0.1" -> its 16 bytes; undefined when it is not an IPv6 address. */
export function parseIpv6(text: string): Uint8Array | undefined {
  let t = text.trim().toLowerCase();
  if (t.startsWith('[') && t.endsWith(']')) t = t.slice(1, -1);
  if (!/^[0-9a-f:.]+$/.test(t) || t.split('::').length > 2) return undefined;
  const groups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (g.includes('.')) {
        const v4 = parseIpv4(g);
        if (!v4) return undefined;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9a-f]{1,4}$/.test(g)) out.push(parseInt(g, 16));
      else return undefined;
    }
    return out;
  };
  const [head, tail] = t.split('::');
  const a = groups(head!);
  const b = tail === undefined ? [] : groups(tail);
  if (!a || !b) return undefined;
  const fill = 8 - a.length - b.length;
  if (tail === undefined ? fill !== 0 : fill < 1) return undefined;
  const all = [...a, ...Array<number>(Math.max(0, fill)).fill(0), ...b];
  const out = new Uint8Array(16);
  all.forEach((g, i) => {
    out[i * 2] = g >> 8;
    out[i * 2 + 1] = g & 0xff;
  });
  return out;
}

/** "02:42:ac:11:00:0a" or "02-42-ac-11-00-0a" -> 6 bytes. */
export function parseMac(text: string): Uint8Array | undefined {
  const parts = text.trim().split(/[:-]/);
  if (parts.length !== 6 || !parts.every((p) => /^[0-9a-f]{1,2}$/i.test(p))) return undefined;
  return Uint8Array.from(parts.map((p) => parseInt(p, 16)));
}

/** An address or "address/bits" -> the first and last address of the prefix (equal for a plain address). */
export function parseCidr(text: string, family: 'ipv4' | 'ipv6'): { lo: Uint8Array; hi: Uint8Array } | undefined {
  const [addr, bitsText, extra] = text.trim().split('/');
  if (extra !== undefined || addr === undefined) return undefined;
  const bytes = family === 'ipv4' ? parseIpv4(addr) : parseIpv6(addr);
  if (!bytes) return undefined;
  const width = bytes.length * 8;
  const bits = bitsText === undefined ? width : /^\d+$/.test(bitsText) ? Number(bitsText) : Number.NaN;
  if (!(bits >= 0 && bits <= width)) return undefined;
  const lo = bytes.slice();
  const hi = bytes.slice();
  for (let i = 0; i < bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    const mask = keep === 0 ? 0 : (0xff << (8 - keep)) & 0xff;
    lo[i] = bytes[i]! & mask;
    hi[i] = (bytes[i]! & mask) | (~mask & 0xff);
  }
  return { lo, hi };
}
