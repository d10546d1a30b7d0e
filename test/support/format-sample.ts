// A BTF value type with one member per format inference knows (addresses, ports, protocol, MAC, EtherType,
// text, timestamps, durations, byte counts, flags, enums, booleans, lists, bitfields, padding), and one value.
import { parseBtf } from '../../shared/btf/btf.js';
import { BtfBuilder } from '../../shared/btf/build.js';
import { btfColumns, formatColumns } from '../../shared/formats/index.js';

/** Every kind of member a map value carries, with the bytes of one value. */
export function formatSample() {
  const b = new BtfBuilder();
  const u8 = b.addTypedef('__u8', b.addInt('unsigned char', 1));
  const u16 = b.addTypedef('__u16', b.addInt('unsigned short', 2));
  const u32 = b.addTypedef('__u32', b.addInt('unsigned int', 4));
  const u64 = b.addTypedef('__u64', b.addInt('unsigned long long', 8));
  const s32 = b.addInt('int', 4, { signed: true });
  const be16 = b.addTypedef('__be16', u16);
  const be32 = b.addTypedef('__be32', u32);
  const char = b.addInt('char', 1, { signed: true });
  const bool = b.addInt('_Bool', 1, { bool: true });
  const in6 = b.addStruct('in6_addr', [{ name: 'u6_addr8', type: b.addArray(u8, 16) }]);
  const flags = b.addEnum('tcp_flags', { FIN: 1, SYN: 2, RST: 4, ACK: 16 }, { size: 1 });
  const verdict = b.addEnum('verdict', { DROP: -1, PASS: 0, REDIRECT: 7 }, { size: 4, signed: true });
  const state = b.addEnum('state', { NEW: 0, EST: 1, CLOSING: 2 }, { size: 4 });
  const tuple = b.addStruct('tuple', [
    { name: 'saddr', type: be32 },
    { name: 'daddr', type: be32 },
    { name: 'sport', type: be16 },
    { name: 'dport', type: be16 },
    { name: 'nexthdr', type: u8 },
  ]);
  const key = b.addTypedef('__u32', u32);
  const id = b.addStruct('sample', [
    { name: 'tuple', type: tuple },
    { name: 'src_ip', type: u32 },
    { name: 'v6', type: in6 },
    { name: 'h_source', type: b.addArray(u8, 6) },
    { name: 'h_proto', type: be16 },
    { name: 'comm', type: b.addArray(char, 8) },
    { name: 'last_seen', type: u64 },
    { name: 'first_seen', type: u64 },
    { name: 'rtt_ns', type: u64 },
    { name: 'rx_bytes', type: u64 },
    { name: 'packets', type: u64 },
    { name: 'flags', type: flags },
    { name: 'verdict', type: verdict },
    { name: 'state', type: state },
    { name: 'is_ipv6', type: u8 },
    { name: 'ok', type: bool },
    { name: 'counts', type: b.addArray(u32, 3) },
    { name: 'delta', type: s32 },
    { name: 'closing', type: u16, bits: 1 },
    { name: 'retries', type: u16, bits: 3 },
    { name: '__pad', type: b.addArray(u8, 2) },
  ]);
  const data = b.build();
  const btf = parseBtf(data);
  const size = btf.sizeof(id);
  const bytes = new Uint8Array(size);
  const dv = new DataView(bytes.buffer);
  const cols = formatColumns(btfColumns(btf, id, 'value'));
  const at = (path: string) => cols.find((c) => c.path === path)!.offset;
  bytes.set([10, 0, 0, 28], at('tuple.saddr'));
  bytes.set([10, 0, 1, 7], at('tuple.daddr'));
  dv.setUint16(at('tuple.sport'), 443, false);
  dv.setUint16(at('tuple.dport'), 51514, false);
  bytes[at('tuple.nexthdr')] = 58;
  bytes.set([192, 168, 0, 1], at('src_ip'));
  bytes.set([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], at('v6'));
  bytes.set([0x02, 0x42, 0xac, 0x11, 0, 0x0a], at('h_source'));
  dv.setUint16(at('h_proto'), 0x86dd, false);
  bytes.set(new TextEncoder().encode('curl'), at('comm'));
  dv.setBigUint64(at('last_seen'), 98_000_000_000n, true);
  dv.setBigUint64(at('rtt_ns'), 1_500_000n, true);
  dv.setBigUint64(at('rx_bytes'), 1536n, true);
  dv.setBigUint64(at('packets'), 12n, true);
  bytes[at('flags')] = 2 | 16 | 0x40;
  dv.setInt32(at('verdict'), -5, true);
  dv.setUint32(at('state'), 9, true);
  bytes[at('is_ipv6')] = 1;
  bytes[at('ok')] = 1;
  dv.setUint32(at('counts'), 7, true);
  dv.setUint32(at('counts') + 4, 8, true);
  dv.setInt32(at('delta'), -3, true);
  const bitsAt = at('closing');
  dv.setUint16(bitsAt, 0b1011, true); // closing = 1, retries = 0b101
  return { btf, data, keyTypeId: key, id, bytes, cols };
}
