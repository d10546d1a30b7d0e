import { describe, expect, it } from 'vitest';

import { type Btf, parseBtf } from './btf.js';
import { BtfBuilder } from './build.js';
import { decodeValue } from './decode.js';
import { formatDecoded } from './decoded.js';
import { btfFields } from './fields.js';
import { BtfError } from './types.js';

/** A conntrack-like schema: nested struct, array, enum, bitfields, char array, big-endian typedefs. */
function schema(): { btf: Btf; ids: Record<string, number> } {
  const b = new BtfBuilder();
  const u8 = b.addInt('__u8', 1);
  const u16 = b.addInt('__u16', 2);
  const u32 = b.addInt('__u32', 4);
  const u64 = b.addInt('__u64', 8);
  const s32 = b.addInt('int', 4, { signed: true });
  const ch = b.addInt('char', 1, { char: true });
  const bool = b.addInt('_Bool', 1, { bool: true });
  const be16 = b.addTypedef('__be16', u16);
  const be32 = b.addTypedef('__be32', u32);
  const tuple = b.addStruct('tuple', [
    { name: 'saddr', type: be32 },
    { name: 'daddr', type: be32 },
    { name: 'sport', type: be16 },
    { name: 'dport', type: be16 },
  ]);
  const state = b.addEnum('ct_state', { CT_NEW: 0, CT_ESTABLISHED: 1, CT_CLOSING: 2 });
  const entry = b.addStruct('entry', [
    { name: 'tuple', type: tuple },
    { name: 'state', type: state },
    { name: 'delta', type: s32 },
    { name: 'counts', type: b.addArray(u64, 3) },
    { name: 'ifname', type: b.addArray(ch, 8) },
    { name: 'seen', type: bool },
    { name: 'proto', type: u8 },
    { name: 'flags', type: u16, bits: 4 },
    { name: 'dir', type: u16, bits: 2 },
    { name: 'whole', type: u32, bits: 32 },
  ]);
  const anon = b.addStruct('with_anon', [
    { name: 'kind', type: u32 },
    {
      name: '',
      type: b.addUnion('', [
        { name: 'as_u32', type: u32 },
        { name: 'as_bytes', type: b.addArray(u8, 4) },
      ]),
    },
  ]);
  const counter = b.addTypedef('counter_t', u64);
  return { btf: parseBtf(b.build()), ids: { tuple, entry, state, counter, anon, u64, s32, ch } };
}

function entryBytes(): Uint8Array {
  const out = new Uint8Array(64);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0x0a000002, false);
  v.setUint32(4, 0x0a000003, false);
  v.setUint16(8, 443, false);
  v.setUint16(10, 51000, false);
  v.setUint32(12, 1, true); // state
  v.setInt32(16, -42, true); // delta; 4 bytes padding for u64 alignment
  v.setBigUint64(24, 1n, true);
  v.setBigUint64(32, 2n, true);
  v.setBigUint64(40, 3n, true);
  out.set(new TextEncoder().encode('eth0'), 48);
  out[56] = 1; // seen
  out[57] = 6; // proto
  v.setUint16(58, 0b10_1011, true); // flags = 0b1011, dir = 0b10
  v.setUint32(60, 0xdeadbeef, true);
  return out;
}

describe('decodeValue', () => {
  it('decodes nested structs, big-endian typedefs, enums, signed ints, arrays, char arrays, bools and bitfields', () => {
    const { btf, ids } = schema();
    expect(btf.sizeof(ids.entry!)).toBe(64);
    const d = decodeValue(btf, ids.entry!, entryBytes());
    expect(formatDecoded(d)).toBe(
      '{tuple: {saddr: 167772162, daddr: 167772163, sport: 443, dport: 51000}, state: CT_ESTABLISHED, delta: -42, ' +
        'counts: [1, 2, 3], ifname: "eth0", seen: true, proto: 6, flags: 11, dir: 2, whole: 3735928559}',
    );
    expect(d.kind === 'struct' && d.fields[1]!.value).toEqual({
      kind: 'enum',
      value: 1n,
      name: 'CT_ESTABLISHED',
      text: 'CT_ESTABLISHED',
    });
  });

  it('shows an enum value with no name as its number, and single chars as quoted characters', () => {
    const { btf, ids } = schema();
    expect(formatDecoded(decodeValue(btf, ids.state!, new Uint8Array([7, 0, 0, 0])))).toBe('7');
    expect(formatDecoded(decodeValue(btf, ids.ch!, new Uint8Array([0x41])))).toBe("'A'");
    expect(formatDecoded(decodeValue(btf, ids.ch!, new Uint8Array([0])))).toBe("'\\x00'");
  });

  it("reads one CPU's slot of a per-CPU value at an offset", () => {
    const { btf, ids } = schema();
    const slots = new Uint8Array(8 * 3);
    const v = new DataView(slots.buffer);
    [10n, 20n, 30n].forEach((n, cpu) => v.setBigUint64(cpu * 8, n, true));
    expect([0, 8, 16].map((at) => formatDecoded(decodeValue(btf, ids.counter!, slots, at)))).toEqual([
      '10',
      '20',
      '30',
    ]);
    expect(() => decodeValue(btf, ids.counter!, slots, 20)).toThrow(/needs 8 bytes at offset 20, but the data has 24/);
  });

  it("merges an anonymous union's members into the parent, as C reads them", () => {
    const { btf, ids } = schema();
    const bytes = new Uint8Array([5, 0, 0, 0, 1, 2, 3, 4]);
    expect(formatDecoded(decodeValue(btf, ids.anon!, bytes))).toBe(
      '{kind: 5, as_u32: 67305985, as_bytes: [1, 2, 3, 4]}',
    );
  });

  it('decodes pointers as hex addresses and floats as numbers', () => {
    const b = new BtfBuilder();
    const p = b.addPtr(b.addInt('char', 1, { char: true }));
    const f = b.addFloat('double', 8);
    const h = b.addFloat('_Float16', 2);
    const btf = parseBtf(b.build());
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setBigUint64(0, 0xffff8880deadbeefn, true);
    expect(formatDecoded(decodeValue(btf, p, bytes))).toBe('0xffff8880deadbeef');
    new DataView(bytes.buffer).setFloat64(0, 2.5, true);
    expect(decodeValue(btf, f, bytes)).toMatchObject({ kind: 'float', value: 2.5 });
    expect(decodeValue(btf, h, new Uint8Array([0x00, 0x3c]))).toMatchObject({ kind: 'float', value: 1 });
  });

  it('refuses to decode types without a value (void, forward declarations)', () => {
    const b = new BtfBuilder();
    const fwd = b.addFwd('opaque');
    const btf = parseBtf(b.build());
    expect(() => decodeValue(btf, fwd, new Uint8Array(8))).toThrow(BtfError);
    expect(() => decodeValue(btf, 0, new Uint8Array(8))).toThrow(/no size/);
  });
});

describe('btfFields', () => {
  it('flattens numeric leaves with dotted paths, byte offsets and endianness, skipping partial bitfields', () => {
    const { btf, ids } = schema();
    const fields = btfFields(btf, ids.entry!, 'value');
    expect(fields.map((f) => `${f.path}@${f.offset}:${f.size}${f.encoding}${f.endian}`)).toEqual([
      'tuple.saddr@0:4uintbe',
      'tuple.daddr@4:4uintbe',
      'tuple.sport@8:2uintbe',
      'tuple.dport@10:2uintbe',
      'state@12:4uintle',
      'delta@16:4intle',
      'counts[0]@24:8uintle',
      'counts[1]@32:8uintle',
      'counts[2]@40:8uintle',
      'ifname[0]@48:1uintle',
      'ifname[1]@49:1uintle',
      'ifname[2]@50:1uintle',
      'ifname[3]@51:1uintle',
      'ifname[4]@52:1uintle',
      'ifname[5]@53:1uintle',
      'ifname[6]@54:1uintle',
      'ifname[7]@55:1uintle',
      'seen@56:1uintle',
      'proto@57:1uintle',
      'whole@60:4uintle',
    ]);
    expect(fields.every((f) => f.part === 'value')).toBe(true);
  });

  it('names a plain scalar after the part and caps long arrays', () => {
    const b = new BtfBuilder();
    const u32 = b.addInt('u32', 4);
    const big = b.addArray(u32, 100);
    const btf = parseBtf(b.build());
    expect(btfFields(btf, u32, 'key')).toEqual([
      { part: 'key', path: 'key', offset: 0, size: 4, encoding: 'uint', endian: 'le' },
    ]);
    const arr = btfFields(btf, big, 'value');
    expect(arr).toHaveLength(16);
    expect(arr[15]).toMatchObject({ path: 'value[15]', offset: 60 });
  });
});
