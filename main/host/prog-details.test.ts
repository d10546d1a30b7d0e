// progDetails / linkDetails / stats through the real handler table on the emulated engine.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { bytesToHex } from '../../shared/bpf/hex.js';
import { encodeInsn } from '../../shared/bpf/insn.js';

import { createInProcessApi, type InProcessApi } from '../../test/support/in-process-api.js';

import type { EmulatedEngine } from '../engine/emulated/engine.js';
import { trafficTick } from '../engine/emulated/index.js';
import type { LinkObject } from '../engine/emulated/objects.js';

const ins = (code: number, dst = 0, src = 0, off = 0, imm = 0): number[] => [...encodeInsn(code, dst, src, off, imm)];

describe('program and link details', () => {
  let ctx: InProcessApi;
  beforeEach(async () => {
    ctx = await createInProcessApi();
  });
  afterEach(async () => {
    await ctx.dispose();
  });

  async function loadCounter(): Promise<{ mapId: number }> {
    const map = await ctx.api.createMap({
      type: 'array',
      name: 'hits',
      keySize: 4,
      valueSize: 8,
      maxEntries: 1,
      flags: [],
    });
    await ctx.api.pin({ handle: map.handle, path: 'hits' });
    const insns = [
      ins(0x62, 10, 0, -4, 0),
      ins(0xbf, 2, 10),
      ins(0x07, 2, 0, 0, -4),
      ins(0x18, 1, 1, 0, map.handle),
      ins(0, 0, 0, 0, 0),
      ins(0x85, 0, 0, 0, 1),
      ins(0x15, 0, 0, 1, 0),
      ins(0xb7, 0, 0, 0, 0),
      ins(0xb7, 0, 0, 0, 2),
      ins(0x95),
    ];
    const prog = await ctx.api.loadProgram({
      type: 'xdp',
      name: 'counter',
      insns: bytesToHex(Uint8Array.from(insns.flat())),
      license: 'GPL',
    });
    await ctx.api.pin({ handle: prog.handle, path: 'counter' });
    return { mapId: map.id };
  }

  it('disassembles in bpftool syntax with the map reference resolved to its name and pins', async () => {
    const { mapId } = await loadCounter();
    const d = await ctx.api.progDetails({ path: 'counter' });
    expect(d.lines.map((l) => l.text)).toEqual([
      '(62) *(u32 *)(r10 -4) = 0',
      '(bf) r2 = r10',
      '(07) r2 += -4',
      `(18) r1 = map[id:${mapId}]`,
      // The kernel inlines an array lookup (array_map_gen_lookup).
      '(07) r1 += 312',
      '(61) r0 = *(u32 *)(r2 +0)',
      '(35) if r0 >= 0x1 goto pc+3',
      '(67) r0 <<= 3',
      '(0f) r0 += r1',
      '(05) goto pc+1',
      '(b7) r0 = 0',
      '(15) if r0 == 0x0 goto pc+1',
      '(b7) r0 = 0',
      '(b7) r0 = 2',
      '(95) exit',
    ]);
    expect(d.lines[3]).toMatchObject({ index: 3, opcode: 0x18, mapRef: { id: mapId, name: 'hits', pins: ['hits'] } });
    expect(d.lines[4]!.index).toBe(5);
    expect(d.tag).toMatch(/^[0-9a-f]{16}$/);
    expect(d.verifiedInsns).toBeGreaterThan(0);
    expect(ctx.engine.handles()).toHaveLength(2); // no handle left open by the details read
  });

  it('refuses a path that is not a program', async () => {
    await loadCounter();
    await expect(ctx.api.progDetails({ path: 'hits' })).rejects.toMatchObject({ code: 'EINVAL' });
  });

  it('run statistics advance only while a stats token is live', async () => {
    await loadCounter();
    const engine = ctx.engine as EmulatedEngine;
    trafficTick(engine);
    expect((await ctx.api.progDetails({ path: 'counter' })).runCnt).toBe(0);
    const { token } = await ctx.api.statsEnable({});
    trafficTick(engine);
    const on = await ctx.api.progDetails({ path: 'counter' });
    expect(on.runCnt).toBeGreaterThan(0);
    expect(on.runTimeNs).toBeGreaterThan(0);
    await ctx.api.statsDisable({ token });
    trafficTick(engine);
    expect((await ctx.api.progDetails({ path: 'counter' })).runCnt).toBe(on.runCnt);
    await expect(ctx.api.statsDisable({ token })).rejects.toMatchObject({ code: 'EBADF' });
  });

  it('link details: the linked program and the attach target in words', async () => {
    await loadCounter();
    const engine = ctx.engine as EmulatedEngine;
    const prog = engine.objects.all().find((o) => o.kind === 'prog' && o.name === 'counter');
    if (prog?.kind !== 'prog') throw new Error('program not loaded');
    const link: LinkObject = {
      kind: 'link',
      id: engine.objects.allocId('link'),
      type: 'xdp',
      prog,
      attach: { ifindex: 2 },
      refcnt: 0,
    };
    engine.objects.hold(prog, false);
    engine.objects.register(link);
    engine.pinObject(link, 'xdp_link');
    const d = await ctx.api.linkDetails({ path: 'xdp_link' });
    expect(d.info).toMatchObject({ type: 'xdp', progId: prog.id });
    expect(d.prog).toEqual({ id: prog.id, name: 'counter', type: 'xdp', pins: ['counter'] });
    expect(d.target).toEqual({ summary: 'ifindex 2', fields: [['ifindex', '2']] });
    expect(d.detaches).toBe('Detaches the xdp program counter from ifindex 2.');
    await expect(ctx.api.linkDetails({ path: 'counter' })).rejects.toMatchObject({ code: 'EINVAL' });
  });
});
