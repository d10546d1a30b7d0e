import { describe, expect, it } from 'vitest';

import { formatDecoded } from '../btf/decoded.js';
import { readField } from '../fields.js';
import { decodeWithLayout, ipv6Text, layoutFields } from './decode.js';
import { checkLayout, defaultLayout, LayoutError, layoutSize, layoutText, parseLayout } from './layout.js';

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

describe('parseLayout / layoutText', () => {
  it('reads every part type and writes the canonical text back', () => {
    const layout = parseLayout('ipv4, IPv4 , u16 BE, u16be, u8, hex 3, i32 le, i64, mac, ipv6, ascii(4), i8, u32_be');
    expect(layout.parts.map((p) => p.type)).toEqual([
      'ipv4',
      'ipv4',
      'u16',
      'u16',
      'u8',
      'hex',
      'i32',
      'i64',
      'mac',
      'ipv6',
      'ascii',
      'i8',
      'u32',
    ]);
    expect(layoutText(layout)).toBe('ipv4, ipv4, u16 be, u16 be, u8, hex 3, i32, i64, mac, ipv6, ascii 4, i8, u32 be');
    expect(layoutSize(layout)).toBe(4 + 4 + 2 + 2 + 1 + 3 + 4 + 8 + 6 + 16 + 4 + 1 + 4);
    expect(parseLayout(layoutText(layout))).toEqual(layout);
  });

  it('keeps part names', () => {
    const layout = parseLayout('saddr: ipv4, sport:u16 be');
    expect(layout.parts).toEqual([
      { type: 'ipv4', name: 'saddr' },
      { type: 'u16', endian: 'be', name: 'sport' },
    ]);
    expect(layoutText(layout)).toBe('saddr: ipv4, sport: u16 be');
  });

  it('says which part is wrong', () => {
    expect(() => parseLayout('u32, u17, u8')).toThrow(/Part 2 \("u17"\) is not a known type/);
    expect(() => parseLayout('u32, hex')).toThrow(/Part 2 \("hex"\) needs a byte count/);
    expect(() => parseLayout('u32,, u8')).toThrow(/Part 2 .* is empty/);
    expect(() => parseLayout('a: u8, a: u8')).toThrow(/name "a" is used twice/);
    const e = (() => {
      try {
        parseLayout('u8, bogus');
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(LayoutError);
    expect((e as LayoutError).partIndex).toBe(1);
    expect((e as LayoutError).code).toBe('EINVAL');
  });

  it('must cover the key or value exactly, and says by how much it is off', () => {
    expect(() => parseLayout('ipv4, ipv4, u16 be, u16 be, u8', 16, 'key')).toThrow(
      'The layout covers 13 bytes (ipv4 = 4, ipv4 = 4, u16 be = 2, u16 be = 2, u8 = 1) but the key is 16 bytes: add 3 bytes (e.g. "hex 3").',
    );
    expect(() => parseLayout('u64, u64', 8)).toThrow(/covers 16 bytes .* the value is 8 bytes: remove 8 bytes/);
    expect(parseLayout('ipv4, ipv4, u16 be, u16 be, u8, hex 3', 16).parts).toHaveLength(6);
    expect(checkLayout('u32', 8)).toEqual({ error: expect.stringMatching(/covers 4 bytes/) });
    expect(checkLayout('u32', 4)).toEqual({ layout: { parts: [{ type: 'u32', endian: 'le' }] } });
  });

  it('defaults to an integer for 1/2/4/8 bytes and hex otherwise', () => {
    expect([1, 2, 4, 8].map((n) => layoutText(defaultLayout(n)))).toEqual(['u8', 'u16', 'u32', 'u64']);
    expect(layoutText(defaultLayout(16))).toBe('hex 16');
    expect(layoutText(defaultLayout(3))).toBe('hex 3');
    expect(defaultLayout(0).parts).toEqual([]);
  });
});

describe('decodeWithLayout', () => {
  it('decodes a conntrack key into the same tree BTF gives', () => {
    const layout = parseLayout('saddr: ipv4, daddr: ipv4, sport: u16 be, dport: u16 be, proto: u8, hex 3');
    const key = bytes(10, 0, 0, 2, 10, 0, 0, 254, 0x01, 0xbb, 0x9c, 0x40, 6, 0, 0xab, 0);
    expect(formatDecoded(decodeWithLayout(layout, key))).toBe(
      '{saddr: 10.0.0.2, daddr: 10.0.0.254, sport: 443, dport: 40000, proto: 6, f5: 00 ab 00}',
    );
  });

  it('reads both endians and signed ints', () => {
    const data = bytes(0xff, 0xfe, 0x01, 0x02, 0x01, 0x02);
    expect(formatDecoded(decodeWithLayout(parseLayout('i16, u16 be, u16 le'), data))).toBe(
      '{f0: -257, f1: 258, f2: 513}',
    );
    const eight = bytes(0, 0, 0, 0, 0, 0, 0, 0x80);
    expect(formatDecoded(decodeWithLayout(parseLayout('i64'), eight))).toBe('-9223372036854775808');
    expect(formatDecoded(decodeWithLayout(parseLayout('u64 be'), eight))).toBe('128');
  });

  it('shows IPv6, MAC and ASCII text', () => {
    const v6 = bytes(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
    expect(decodeWithLayout(parseLayout('ipv6'), v6)).toMatchObject({
      kind: 'address',
      format: 'ipv6',
      text: '2001:db8::1',
    });
    expect(ipv6Text(new Uint8Array(16))).toBe('::');
    expect(ipv6Text(bytes(0, 1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 3))).toBe('1:0:0:2::3');
    expect(formatDecoded(decodeWithLayout(parseLayout('mac'), bytes(0x02, 0x42, 0xac, 0x11, 0, 0x0a)))).toBe(
      '02:42:ac:11:00:0a',
    );
    expect(formatDecoded(decodeWithLayout(parseLayout('ascii 8'), new TextEncoder().encode('eth0\0\0\0\0')))).toBe(
      '"eth0"',
    );
  });

  it("reads one CPU's slot at an offset, and refuses data too short", () => {
    const slots = bytes(1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0);
    expect(formatDecoded(decodeWithLayout(defaultLayout(8), slots, 8))).toBe('2');
    expect(() => decodeWithLayout(defaultLayout(8), slots, 12)).toThrow(
      /needs 8 bytes at offset 12, but the data has 16/,
    );
  });
});

describe('layoutFields', () => {
  it('gives the integer and IPv4 parts as fields with offsets, named or numbered', () => {
    const layout = parseLayout('saddr: ipv4, daddr: ipv4, u16 be, u16 be, u8, hex 3');
    const fields = layoutFields(layout, 'key');
    expect(fields.map((f) => `${f.path}@${f.offset}:${f.size}${f.endian}`)).toEqual([
      'saddr@0:4be',
      'daddr@4:4be',
      'f2@8:2be',
      'f3@10:2be',
      'f4@12:1le',
    ]);
    const key = bytes(10, 0, 0, 2, 10, 0, 0, 254, 0x01, 0xbb, 0, 53, 17, 0, 0, 0);
    expect(fields.map((f) => readField(key, 0, f))).toEqual([0x0a000002n, 0x0a0000fen, 443n, 53n, 17n]);
    expect(layoutFields(defaultLayout(8), 'value')).toEqual([
      { part: 'value', path: 'value', offset: 0, size: 8, encoding: 'uint', endian: 'le' },
    ]);
    expect(layoutFields(parseLayout('i32'), 'value')[0]?.encoding).toBe('int');
  });
});
