import { existsSync, readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { type Btf, parseBtf } from './btf.js';
import { BtfBuilder, LINKAGE } from './build.js';
import { decodeValue } from './decode.js';
import { formatDecoded } from './decoded.js';
import { BtfError, type BtfType } from './types.js';

/** One type of every kind, built and parsed back. */
function everyKind(): { b: BtfBuilder; ids: Record<string, number> } {
  const b = new BtfBuilder();
  const u32 = b.addInt('unsigned int', 4);
  const s8 = b.addInt('signed char', 1, { signed: true });
  const ch = b.addInt('char', 1, { char: true });
  const bool = b.addInt('_Bool', 1, { bool: true });
  const ptr = b.addPtr(ch);
  const arr = b.addArray(u32, 4);
  const st = b.addStruct('pkt', [
    { name: 'len', type: u32 },
    { name: 'flag', type: u32, bits: 3 },
    { name: 'kind', type: u32, bits: 5 },
  ]);
  const un = b.addUnion('either', [
    { name: 'a', type: u32 },
    { name: 'b', type: s8 },
  ]);
  const en = b.addEnum('color', { RED: 0, GREEN: 1, MINUS: -1 }, { signed: true });
  const fwd = b.addFwd('later', true);
  const td = b.addTypedef('u32_t', u32);
  const vol = b.addVolatile(td);
  const cst = b.addConst(vol);
  const rst = b.addRestrict(ptr);
  const proto = b.addFuncProto(u32, [
    { name: 'x', type: u32 },
    { name: 'p', type: ptr },
  ]);
  const fn = b.addFunc('handler', proto, LINKAGE.global);
  const v = b.addVar('counter', u32);
  const sec = b.addDatasec('.data', [{ type: v, offset: 0 }]);
  const fl = b.addFloat('double', 8);
  const tag = b.addDeclTag('user', st, 1);
  const ttag = b.addTypeTag('rcu', u32);
  const e64 = b.addEnum64('big', { HUGE: 1n << 40n, NEG: -5n }, { signed: true });
  return {
    b,
    ids: { u32, s8, ch, bool, ptr, arr, st, un, en, fwd, td, vol, cst, rst, proto, fn, v, sec, fl, tag, ttag, e64 },
  };
}

describe('parseBtf', () => {
  it('reads back every kind the builder writes, with the same shape', () => {
    const { b, ids } = everyKind();
    const btf = parseBtf(b.build());
    const t = (id: number): BtfType => btf.type(id);
    expect(t(0).kind).toBe('void');
    expect(t(ids.u32!)).toMatchObject({ kind: 'int', name: 'unsigned int', size: 4, signed: false, bits: 32 });
    expect(t(ids.s8!)).toMatchObject({ kind: 'int', signed: true });
    expect(t(ids.ch!)).toMatchObject({ kind: 'int', char: true });
    expect(t(ids.bool!)).toMatchObject({ kind: 'int', bool: true });
    expect(t(ids.ptr!)).toMatchObject({ kind: 'ptr', type: ids.ch });
    expect(t(ids.arr!)).toMatchObject({ kind: 'array', elemType: ids.u32, nelems: 4 });
    expect(t(ids.st!)).toEqual({
      kind: 'struct',
      id: ids.st,
      name: 'pkt',
      size: 8,
      members: [
        { name: 'len', type: ids.u32, bitOffset: 0, bitfieldSize: 0 },
        { name: 'flag', type: ids.u32, bitOffset: 32, bitfieldSize: 3 },
        { name: 'kind', type: ids.u32, bitOffset: 35, bitfieldSize: 5 },
      ],
    });
    expect(t(ids.un!)).toMatchObject({
      kind: 'union',
      size: 4,
      members: [
        { name: 'a', bitOffset: 0 },
        { name: 'b', bitOffset: 0 },
      ],
    });
    expect(t(ids.en!)).toMatchObject({
      kind: 'enum',
      signed: true,
      values: [
        { name: 'RED', value: 0n },
        { name: 'GREEN', value: 1n },
        { name: 'MINUS', value: -1n },
      ],
    });
    expect(t(ids.fwd!)).toMatchObject({ kind: 'fwd', name: 'later', union: true });
    expect(t(ids.td!)).toMatchObject({ kind: 'typedef', name: 'u32_t', type: ids.u32 });
    expect(t(ids.vol!)).toMatchObject({ kind: 'volatile', type: ids.td });
    expect(t(ids.cst!)).toMatchObject({ kind: 'const', type: ids.vol });
    expect(t(ids.rst!)).toMatchObject({ kind: 'restrict', type: ids.ptr });
    expect(t(ids.proto!)).toMatchObject({
      kind: 'func_proto',
      returnType: ids.u32,
      params: [
        { name: 'x', type: ids.u32 },
        { name: 'p', type: ids.ptr },
      ],
    });
    expect(t(ids.fn!)).toMatchObject({ kind: 'func', name: 'handler', type: ids.proto, linkage: 1 });
    expect(t(ids.v!)).toMatchObject({ kind: 'var', name: 'counter', type: ids.u32, linkage: 1 });
    expect(t(ids.sec!)).toMatchObject({
      kind: 'datasec',
      name: '.data',
      size: 4,
      vars: [{ type: ids.v, offset: 0, size: 4 }],
    });
    expect(t(ids.fl!)).toMatchObject({ kind: 'float', name: 'double', size: 8 });
    expect(t(ids.tag!)).toMatchObject({ kind: 'decl_tag', name: 'user', type: ids.st, componentIdx: 1 });
    expect(t(ids.ttag!)).toMatchObject({ kind: 'type_tag', name: 'rcu', type: ids.u32 });
    expect(t(ids.e64!)).toMatchObject({
      kind: 'enum64',
      size: 8,
      values: [
        { name: 'HUGE', value: 1n << 40n },
        { name: 'NEG', value: -5n },
      ],
    });
  });

  it('resolves through typedefs and modifiers, sizes types and finds them by name', () => {
    const { b, ids } = everyKind();
    const btf = parseBtf(b.build());
    expect(btf.resolve(ids.cst!).id).toBe(ids.u32);
    expect(btf.resolve(ids.ttag!).id).toBe(ids.u32);
    expect(btf.sizeof(ids.arr!)).toBe(16);
    expect(btf.sizeof(ids.ptr!)).toBe(8);
    expect(btf.sizeof(ids.cst!)).toBe(4);
    expect(() => btf.sizeof(ids.fwd!)).toThrow(BtfError);
    expect(() => btf.sizeof(0)).toThrow(/no size/);
    expect(btf.findByName('pkt', 'struct')?.id).toBe(ids.st);
    expect(btf.findByName('pkt', 'union')).toBeUndefined();
    expect(btf.findByName('color')?.kind).toBe('enum');
    expect(btf.name(ids.fn!)).toBe('handler');
    expect(btf.typeText(ids.arr!)).toBe('unsigned int[4]');
    expect(btf.typeText(ids.cst!)).toBe('const volatile u32_t');
    expect(btf.typeText(ids.ptr!)).toBe('char *');
    expect(() => btf.type(9999)).toThrow(/does not exist/);
  });

  it('accepts a header longer than 24 bytes (fields it does not know are skipped)', () => {
    const raw = everyKind().b.build();
    const longer = new Uint8Array(raw.length + 8);
    longer.set(raw.subarray(0, 24));
    longer.set(raw.subarray(24), 32);
    new DataView(longer.buffer).setUint32(4, 32, true);
    expect(parseBtf(longer).findByName('pkt')?.kind).toBe('struct');
  });
});

const VMLINUX = '/sys/kernel/btf/vmlinux';
const noVmlinux = existsSync(VMLINUX)
  ? undefined
  : `${VMLINUX} does not exist (kernel built without CONFIG_DEBUG_INFO_BTF)`;
if (noVmlinux) console.warn(`[parse.test] vmlinux BTF test skipped: ${noVmlinux}`);
let vmlinuxBtf: Btf | undefined;
const vmlinux = (): Btf => (vmlinuxBtf ??= parseBtf(new Uint8Array(readFileSync(VMLINUX))));

describe.skipIf(noVmlinux !== undefined)("the running kernel's BTF", () => {
  it('parses /sys/kernel/btf/vmlinux and finds task_struct and the map types', () => {
    const btf = vmlinux();
    expect(btf.count).toBeGreaterThan(10_000);
    const task = btf.findByName('task_struct', 'struct');
    expect(task?.kind === 'struct' && task.members.some((m) => m.name === 'pid')).toBe(true);
    expect(btf.sizeof(task!.id)).toBeGreaterThan(1000);
    const mapType = btf.findByName('bpf_map_type', 'enum');
    expect(mapType?.kind === 'enum' && mapType.values.find((v) => v.name === 'BPF_MAP_TYPE_HASH')?.value).toBe(1n);
    // Every type resolves, and the kernel's own blob has most kinds.
    for (let id = 1; id < btf.count; id++) btf.resolve(id);
    const kinds = new Set(btf.types.map((t) => t.kind));
    for (const k of [
      'int',
      'ptr',
      'array',
      'struct',
      'union',
      'enum',
      'fwd',
      'typedef',
      'volatile',
      'const',
      'restrict',
      'func',
      'func_proto',
      'var',
      'datasec',
      'float',
      'decl_tag',
      'enum64',
    ]) {
      expect(kinds, k).toContain(k);
    }
  });

  it("decodes a packet header with the kernel's struct iphdr: bitfields, big-endian addresses, the addrs group", () => {
    const btf = vmlinux();
    const iphdr = btf.findByName('iphdr', 'struct')!;
    const pkt = Uint8Array.from([0x45, 0, 0, 60, 0, 0, 0, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2]);
    expect(formatDecoded(decodeValue(btf, iphdr.id, pkt))).toMatch(
      /^\{ihl: 5, version: 4, tos: 0, tot_len: 60, .*ttl: 64, protocol: 6, .*saddr: 167772161, daddr: 167772162/,
    );
  });
});
