// Formats and their inference on a BTF the builder makes (one member per case), the units and address texts, and
// the filters a column turns "op value" into.
import { describe, expect, it } from 'vitest';

import { formatSample } from '../../test/support/format-sample.js';

import { parseLayout } from '../layouts/layout.js';
import { parseCidr, parseIpv6, parseMac } from './addresses.js';
import { columnFilter, columnSort } from './filters.js';
import { findFlow, flowText } from './flow.js';
import { isPadding } from './infer.js';
import { layoutColumns } from './layout-columns.js';
import { cellText } from './render.js';
import { formatColumn, formatColumns } from './resolve.js';
import type { Clock, FormattedColumn } from './types.js';
import { ageText, byteCountText, durationText, parseByteCount, parseDuration } from './units.js';

const clock: Clock = { monoNowNs: 100_000_000_000, wallNowMs: Date.UTC(2025, 4, 1, 12, 0, 0) };

describe('formats inferred from BTF type and field names', () => {
  const { bytes, cols } = formatSample();
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
  const { cols } = formatSample();
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
