// Formats and their inference on a BTF the builder makes (one member per case), the units and address texts, and
// the filters a column turns "op value" into.
import { describe, expect, it } from 'vitest';

import { parseBtf } from '../btf/btf.js';
import { BtfBuilder } from '../btf/build.js';
import { parseLayout } from '../layouts/layout.js';
import { parseCidr, parseIpv6, parseMac } from './addresses.js';
import { btfColumns } from './btf-columns.js';
import { columnFilter, columnSort } from './filters.js';
import { findFlow, flowText } from './flow.js';
import { isPadding } from './infer.js';
import { layoutColumns } from './layout-columns.js';
import { cellText } from './render.js';
import { formatColumn, formatColumns } from './resolve.js';
import type { Clock, FormattedColumn } from './types.js';
import { ageText, byteCountText, durationText, parseByteCount, parseDuration } from './units.js';

/** Every kind of member a map value carries, with the bytes of one value. */
function sample() {
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
  const btf = parseBtf(b.build());
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
  return { btf, id, bytes, cols };
}

const clock: Clock = { monoNowNs: 100_000_000_000, wallNowMs: Date.UTC(2025, 4, 1, 12, 0, 0) };

describe('formats inferred from BTF type and field names', () => {
  const { bytes, cols } = sample();
  const show = (path: string) => cellText(cols.find((c) => c.path === path)!, bytes, 0, clock);

  it('reads each member in the format its names say', () => {
    const expected: [string, string, string][] = [
      ['tuple.saddr', 'ipv4', '10.0.0.28'],
      ['tuple.daddr', 'ipv4', '10.0.1.7'],
      ['tuple.sport', 'port', '443'],
      ['tuple.dport', 'port', '51514'],
      ['tuple.nexthdr', 'proto', 'icmpv6'],
      ['src_ip', 'ipv4', '192.168.0.1'],
      ['v6', 'ipv6', '2001:db8::1'],
      ['h_source', 'mac', '02:42:ac:11:00:0a'],
      ['h_proto', 'ethertype', 'ipv6'],
      ['comm', 'string', 'curl'],
      ['last_seen', 'age', '2 s ago'],
      ['first_seen', 'age', 'never'],
      ['rtt_ns', 'duration', '1.5 ms'],
      ['rx_bytes', 'bytes', '1.5 KiB'],
      ['packets', 'number', '12'],
      ['flags', 'flags', 'SYN|ACK|0x40'],
      ['verdict', 'enum', '-5'],
      ['state', 'enum', '9'],
      ['is_ipv6', 'bool', 'true'],
      ['ok', 'bool', 'true'],
      ['counts', 'number', '[7, 8, 0]'],
      ['delta', 'duration', '-3 ns'],
      ['closing', 'bool', 'true'],
      ['retries', 'number', '5'],
      ['__pad', 'hex', '00 00'],
    ];
    expect(cols.map((c) => c.path)).toEqual(expected.map(([p]) => p));
    for (const [path, format, text] of expected) {
      expect([path, cols.find((c) => c.path === path)!.format, show(path).text]).toEqual([path, format, text]);
    }
  });

  it('says more on hover: wall time of a timestamp, the number behind a name, exact bytes', () => {
    expect(show('last_seen').title).toMatch(/^2025-05-0\d \d\d:\d\d:58\.000 \(98000000000 ns\)$/);
    expect(show('tuple.nexthdr').title).toBe('58');
    expect(show('rx_bytes').title).toBe('1536 bytes');
    expect(show('flags').title).toBe('0x52');
  });

  it('reads addresses in network order whatever the type says, and marks padding', () => {
    const srcIp = cols.find((c) => c.path === 'src_ip')!;
    expect([srcIp.endian, srcIp.readEndian]).toEqual(['le', 'be']);
    expect(cols.filter(isPadding).map((c) => c.path)).toEqual(['__pad']);
  });

  it('keeps a choice that fits the leaf and ignores one that does not', () => {
    const raw = cols.find((c) => c.path === 'src_ip')!;
    const asNumber = formatColumn(raw, { format: 'number' });
    expect([asNumber.format, asNumber.chosen, cellText(asNumber, bytes, 0, clock).text]).toEqual([
      'number',
      true,
      String(0x0100a8c0),
    ]);
    const hostOrder = formatColumn(raw, { endian: 'le' });
    expect(cellText(hostOrder, bytes, 0, clock).text).toBe('1.0.168.192');
    expect(formatColumn(raw, { format: 'mac' }).format).toBe('ipv4');
    const port = cols.find((c) => c.path === 'tuple.sport')!;
    expect(cellText(formatColumn(port, { format: 'hex' }), bytes, 0, clock).text).toBe('0x1bb');
    const flags = cols.find((c) => c.path === 'flags')!;
    expect(cellText(formatColumn(flags, { format: 'enum' }), bytes, 0, clock).text).toBe('82');
  });

  it('finds the flow tuple and writes it as conntrack does', () => {
    const flow = findFlow(cols)!;
    expect(flowText(flow, bytes, 0, clock)).toBe('10.0.0.28:443 → 10.0.1.7:51514 icmpv6');
  });
});

describe('formats of a layout (maps without BTF)', () => {
  it('infers from the part types and names', () => {
    const cols = formatColumns(
      layoutColumns(parseLayout('saddr: ipv4, daddr: ipv4, sport: u16 be, dport: u16 be, proto: u8, ascii 3'), 'key'),
    );
    expect(cols.map((c) => `${c.path}:${c.format}`)).toEqual([
      'saddr:ipv4',
      'daddr:ipv4',
      'sport:port',
      'dport:port',
      'proto:proto',
      'f5:string',
    ]);
    const key = Uint8Array.from([10, 0, 0, 2, 10, 0, 0, 254, 0x01, 0xbb, 0x9c, 0x40, 17, 0x61, 0x62, 0]);
    expect(flowText(findFlow(cols)!, key, 0, null)).toBe('10.0.0.2:443 → 10.0.0.254:40000 udp');
  });
});

describe('units and addresses', () => {
  it('writes durations, ages and byte counts for people', () => {
    expect([850, 12_300, 4_560_000, 1_230_000_000, 123e9, 3723e9, 2 * 86400e9 + 3600e9].map(durationText)).toEqual([
      '850 ns',
      '12.3 µs',
      '4.56 ms',
      '1.23 s',
      '2 min 3 s',
      '1 h 2 min',
      '2 d 1 h',
    ]);
    expect([5e5, 320e6, 2.9e9, 125e9, -5e9].map(ageText)).toEqual([
      'now',
      '320 ms ago',
      '2 s ago',
      '2 min 5 s ago',
      'in 5 s',
    ]);
    expect([512, 1536, 23.4 * 1024 ** 2, 3 * 1024 ** 3].map(byteCountText)).toEqual([
      '512 B',
      '1.5 KiB',
      '23.4 MiB',
      '3 GiB',
    ]);
    expect([parseDuration('5s'), parseDuration('1.5 ms'), parseDuration('2min'), parseDuration('5')]).toEqual([
      5e9,
      1.5e6,
      120e9,
      undefined,
    ]);
    expect([parseByteCount('1.5k'), parseByteCount('2 MiB'), parseByteCount('10MB'), parseByteCount('x')]).toEqual([
      1500,
      2 * 1024 ** 2,
      10e6,
      undefined,
    ]);
  });

  it('reads IPv6, MAC and CIDR prefixes back', () => {
    expect(Array.from(parseIpv6('::ffff:10.0.0.1')!)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 10, 0, 0, 1]);
    expect(parseIpv6('1::2::3')).toBeUndefined();
    expect(parseIpv6('1:2:3:4:5:6:7')).toBeUndefined();
    expect(Array.from(parseMac('02-42-ac-11-00-0a')!)).toEqual([2, 0x42, 0xac, 0x11, 0, 10]);
    const v4 = parseCidr('10.1.2.3/12', 'ipv4')!;
    expect([Array.from(v4.lo), Array.from(v4.hi)]).toEqual([
      [10, 0, 0, 0],
      [10, 15, 255, 255],
    ]);
    expect(parseCidr('10.0.0.0/33', 'ipv4')).toBeUndefined();
    expect(Array.from(parseCidr('2001:db8::/32', 'ipv6')!.hi.subarray(2, 6))).toEqual([0x0d, 0xb8, 255, 255]);
  });
});

describe('a column as sort and filter specs', () => {
  const { cols } = sample();
  const col = (path: string): FormattedColumn => cols.find((c) => c.path === path)!;

  it('turns "op value" in the column format into compare, byte and age filters', () => {
    expect(columnFilter(col('tuple.daddr'), 'in', '10.0.0.0/8')).toEqual({
      filters: [
        { kind: 'compare', field: expect.objectContaining({ endian: 'be', size: 4 }), op: '>=', value: '167772160' },
        { kind: 'compare', field: expect.objectContaining({ endian: 'be', size: 4 }), op: '<=', value: '184549375' },
      ],
    });
    expect(columnFilter(col('tuple.nexthdr'), '==', 'icmpv6')).toMatchObject({ filters: [{ value: '58' }] });
    expect(columnFilter(col('rx_bytes'), '>', '1.5k')).toMatchObject({ filters: [{ op: '>', value: '1500' }] });
    expect(columnFilter(col('last_seen'), '<', '5s')).toMatchObject({ filters: [{ kind: 'age', ns: '5000000000' }] });
    expect(columnFilter(col('state'), '==', 'est')).toMatchObject({ filters: [{ value: '1' }] });
    expect(columnFilter(col('flags'), '==', 'SYN|ACK')).toMatchObject({ filters: [{ value: '18' }] });
    expect(columnFilter(col('v6'), 'in', '2001:db8::/32')).toMatchObject({
      filters: [
        { kind: 'bytes', op: '>=', hex: `20010db8${'00'.repeat(12)}` },
        { kind: 'bytes', op: '<=', hex: `20010db8${'ff'.repeat(12)}` },
      ],
    });
    expect(columnFilter(col('comm'), '==', '"curl"')).toMatchObject({
      filters: [{ kind: 'bytes', size: 5, hex: '6375726c00' }],
    });
    expect(columnFilter(col('h_source'), '==', '02:42:ac:11:00:0a')).toMatchObject({
      filters: [{ kind: 'bytes', size: 6, hex: '0242ac11000a' }],
    });
  });

  it('says what a value should look like when it does not fit', () => {
    expect(columnFilter(col('tuple.daddr'), 'in', '10.0.0/8')).toEqual({
      error: '"10.0.0/8" is not an IPv4 address, e.g. 10.0.0.7, or a prefix with "in", e.g. in 10.0.0.0/8.',
    });
    expect(columnFilter(col('tuple.nexthdr'), '==', 'tcpp')).toMatchObject({ error: /protocol name or number/ });
    expect(columnFilter(col('packets'), 'in', '10.0.0.0/8')).toMatchObject({ error: /not shown as an address/ });
    expect(columnFilter(col('closing'), '==', '1')).toMatchObject({ error: /bitfield/ });
  });

  it('sorts numbers as fields, byte strings by their bytes, and not bitfields', () => {
    expect(columnSort(col('packets'), 'desc')).toMatchObject({ by: 'field', dir: 'desc' });
    expect(columnSort(col('v6'), 'asc')).toMatchObject({ by: 'bytes', size: 16 });
    expect(columnSort(col('closing'), 'asc')).toBeNull();
  });
});
