// What a column most likely holds, from its type names (__be32, in6_addr, ...) and its field name (saddr, dport,
// last_seen, bytes, ...). One rule per format, written once; the user can override any of them per column.
import type { ColumnSource, Endian, FormatName } from './types.js';

export interface Inferred {
  format: FormatName;
  /** Byte order to read in, when the format implies one (addresses are in network order whatever the type says). */
  endian?: Endian;
}

const ADDR = /(^|_)(s|d)?addr(ess)?\d?($|_)|(^|_)(ip|ip4|ip6|ipv4|ipv6|nexthop|gw|gateway|vip)($|_)/;
const ENDPOINT = /^(src|dst|source|dest|daddr|saddr|remote|local|peer|client|server|backend)(_?ip|_?addr)?$/;
const PORT = /port/;
const PORT_ENDPOINT = /^(src|dst|source|dest)$/;
const MAC = /mac|hwaddr|lladdr|ether|^h_(dest|source)$|^eth_?(src|dst)$|(^|_)hw($|_)/;
const PROTO = /^(ip_?|l4_?|next_?)?proto(col)?$|^nexthdr$|^ip_p$/;
const ETHERTYPE = /^(h_proto|eth_?proto|eth_?type|ethertype|l3_?proto)$/;
const TIMESTAMP =
  /^(ts|tstamp|timestamp|ktime)(_ns)?$|(^|_)(ts|tstamp|timestamp)$|^(ts|tstamp|timestamp)_|last_?(seen|used|update|active|change|ts)|first_?seen|^seen|created|updated|start_?(ts|time)|_at$/;
const DURATION =
  /dur(ation)?|latency|rtt|delay|elapsed|_ns$|^ns_|run_?time|wait|delta|lifetime|timeout|period|interval/;
const BYTE_COUNT = /(^|_)(bytes|octets)($|_)|bytes$/;
const TEXT = /name|comm|label|path|str|text|msg|desc|(^|_)if(ace)?($|_)|dev(ice)?$/;
const BOOLEAN = /^(is|has|can|should)_|_(enabled|disabled|set)$|^(enabled|disabled|valid|active)$/;
const FLAGS = /flag|mask|bits|caps/;

const hasType = (c: ColumnSource, ...names: string[]): boolean => c.typeNames.some((n) => names.includes(n));

/** Powers of two, at least three of them (or two in an enum named like flags): bits of a mask, not states. */
function isMaskEnum(c: ColumnSource): boolean {
  if (c.leaf.kind !== 'enum') return false;
  const bits = c.leaf.values.map((v) => v.value).filter((v) => v !== 0n);
  const powers = bits.every((v) => v > 0n && (v & (v - 1n)) === 0n) && new Set(bits).size === bits.length;
  if (!powers || bits.length < 2) return false;
  return bits.length >= 3 || FLAGS.test(c.leaf.name.toLowerCase()) || FLAGS.test(c.name.toLowerCase());
}

export function inferFormat(c: ColumnSource): Inferred {
  const name = c.name.toLowerCase();
  const { leaf, size } = c;
  switch (leaf.kind) {
    case 'bytes':
      if (hasType(c, 'in6_addr', 'ipv6') || (size === 16 && (ADDR.test(name) || ENDPOINT.test(name))))
        return { format: 'ipv6' };
      if (hasType(c, 'in_addr', 'ipv4') || (size === 4 && (ADDR.test(name) || ENDPOINT.test(name))))
        return { format: 'ipv4' };
      if (hasType(c, 'mac') || (size === 6 && (MAC.test(name) || ADDR.test(name) || ENDPOINT.test(name))))
        return { format: 'mac' };
      if (leaf.char || hasType(c, 'ascii') || TEXT.test(name)) return { format: 'string' };
      return { format: 'hex' };
    case 'array':
      if (size === 16 && (ADDR.test(name) || ENDPOINT.test(name))) return { format: 'ipv6' };
      return { format: 'number' };
    case 'enum':
      return { format: isMaskEnum(c) ? 'flags' : 'enum' };
    case 'float':
      return { format: 'number' };
    case 'ptr':
      return { format: 'hex' };
    case 'int':
      break;
  }
  if (leaf.bool || (c.bits?.count === 1 && !leaf.signed)) return { format: 'bool' };
  if (c.bits) return { format: 'number' };
  const be = hasType(c, '__be16', '__be32', '__be64');
  if (size === 4 && (ADDR.test(name) || ENDPOINT.test(name))) return { format: 'ipv4', endian: 'be' };
  if (size === 2 && ETHERTYPE.test(name)) return { format: 'ethertype' };
  if (size === 2 && (PORT.test(name) || (be && PORT_ENDPOINT.test(name)))) return { format: 'port' };
  if (size <= 2 && PROTO.test(name)) return { format: 'proto' };
  if (size === 8 && TIMESTAMP.test(name)) return { format: 'age' };
  if (size >= 4 && DURATION.test(name)) return { format: 'duration' };
  if (BYTE_COUNT.test(name)) return { format: 'bytes' };
  if (size === 1 && BOOLEAN.test(name)) return { format: 'bool' };
  return { format: 'number' };
}

/** Padding and reserved members: shown only when asked for. */
export const isPadding = (c: ColumnSource): boolean =>
  /^(__)?(pad|padding|reserved|rsvd|unused|spare)\d*$|^_+\d*$/.test(c.name.toLowerCase());
