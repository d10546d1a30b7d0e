// docs/bpffs-semantics.md §4: what keeps an object alive, when its id goes, and the events that say so.
import { describe, expect, it } from 'vitest';

import { uintToLe } from '../../../shared/bpf/hex.js';
import type { EngineEvent, PinStore } from '../../../shared/engine.js';

import { simpleProgram } from './demo.js';
import { createEmulatedEngine, type EmulatedOptions } from './index.js';

/** A bare engine: no demo tree, no traffic, 2 possible CPUs unless the test says otherwise. */
const fresh = async (o: EmulatedOptions = {}): Promise<PinStore> =>
  createEmulatedEngine({ demo: false, traffic: false, possibleCpus: 2, ...o });

const hashSpec = { type: 'hash' as const, name: 'h', keySize: 4, valueSize: 4, maxEntries: 4, flags: [] };
const progArraySpec = { type: 'prog_array' as const, name: 'pa', keySize: 4, valueSize: 4, maxEntries: 4, flags: [] };
const prog = (ret = 0) => ({ type: 'sched_cls' as const, name: 'p', insns: simpleProgram(ret), license: 'GPL' });
const k = (n: number): Uint8Array => uintToLe(n, 4);

/** `r1 = map (ld_imm64, BPF_PSEUDO_MAP_FD with the handle as imm); r0 = 0; exit`: a program that uses a map. */
function usingMap(handle: number): Uint8Array {
  const insns = new Uint8Array(32);
  insns[0] = 0x18;
  insns[1] = 0x11;
  new DataView(insns.buffer).setInt32(4, handle, true);
  insns[16] = 0xb7;
  insns[24] = 0x95;
  return insns;
}

function freedLog(e: PinStore): string[] {
  const log: string[] = [];
  e.subscribe((ev: EngineEvent) => {
    if (ev.type === 'object-freed') log.push(`${ev.kind}:${ev.id}`);
  });
  return log;
}

describe('what keeps an object alive', () => {
  it('an open handle keeps a map alive after its only pin is unlinked, and it still works', async () => {
    const e = await fresh();
    const m = await e.createMap(hashSpec);
    await e.pin(m.handle, 'm');
    await e.unlink('m');
    expect(await e.objectAlive('map', m.id)).toBe(true);
    await e.mapUpdate(m.handle, k(1), k(2), 'any');
    expect(await e.mapLookup(m.handle, k(1))).toEqual(k(2));
    await e.close(m.handle);
    expect(await e.objectAlive('map', m.id)).toBe(false);
  });
  it('a pin keeps a program alive after its handle is closed', async () => {
    const e = await fresh();
    const p = await e.loadProgram(prog());
    await e.pin(p.handle, 'p');
    await e.close(p.handle);
    expect(await e.objectAlive('prog', p.id)).toBe(true);
    expect((await e.get('p', 'rw')).id).toBe(p.id);
  });
  it("hard links: the pin's reference goes only with the last name", async () => {
    const e = await fresh();
    const log = freedLog(e);
    const m = await e.createMap(hashSpec);
    await e.mkdir('d');
    await e.pin(m.handle, 'a');
    await e.link('a', 'd/b');
    await e.link('d/b', 'c');
    await e.close(m.handle);
    await e.unlink('a');
    await e.unlink('c');
    expect((await e.stat('d/b')).nlink).toBe(1);
    expect(await e.objectAlive('map', m.id)).toBe(true);
    expect(log).toEqual([]);
    await e.unlink('d/b');
    expect(await e.objectAlive('map', m.id)).toBe(false);
    expect(log).toEqual([`map:${m.id}`]);
  });
  it('renaming a pin, or the directory above it, keeps the object alive at the new path', async () => {
    const e = await fresh();
    const m = await e.createMap(hashSpec);
    await e.mkdir('d');
    await e.mkdir('e');
    await e.pin(m.handle, 'd/m');
    await e.close(m.handle);
    await e.rename('d/m', 'd/n');
    await e.rename('d', 'e/d2');
    expect(await e.objectAlive('map', m.id)).toBe(true);
    expect((await e.get('e/d2/n', 'ro')).id).toBe(m.id);
  });
  it('a rmdir of a directory whose pins were all unlinked frees nothing else', async () => {
    const e = await fresh();
    const keep = await e.createMap(hashSpec);
    await e.mkdir('d');
    await e.pin(keep.handle, 'd/m');
    await e.unlink('d/m');
    await e.rmdir('d');
    expect(await e.objectAlive('map', keep.id)).toBe(true);
  });
});

describe('ids', () => {
  it('the id is released the moment the last reference goes: objectAlive, listObjects and one object-freed event', async () => {
    const e = await fresh();
    const log = freedLog(e);
    const m = await e.createMap(hashSpec);
    const p = await e.loadProgram(prog());
    expect((await e.listObjects()).map((o) => o.id)).toEqual(expect.arrayContaining([m.id, p.id]));
    await e.close(m.handle);
    await e.close(p.handle);
    expect(await e.objectAlive('map', m.id)).toBe(false);
    expect(await e.objectAlive('prog', p.id)).toBe(false);
    const left = await e.listObjects();
    expect(left.some((o) => o.kind === 'map' && o.id === m.id)).toBe(false);
    expect(left.some((o) => o.kind === 'prog' && o.id === p.id)).toBe(false);
    expect(log).toEqual([`map:${m.id}`, `prog:${p.id}`]);
  });
  it('ids are allocated cyclically: a freed id is not handed out again right away', async () => {
    const e = await fresh();
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) {
      const m = await e.createMap(hashSpec);
      seen.push(m.id);
      await e.close(m.handle);
    }
    expect(new Set(seen).size).toBe(5);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThan(seen[i - 1]!);
  });
  it('listObjects names the pins and handles that keep each object alive', async () => {
    const e = await fresh();
    const m = await e.createMap(hashSpec);
    await e.mkdir('d');
    await e.pin(m.handle, 'd/m');
    await e.link('d/m', 'm2');
    const got = await e.get('m2', 'ro');
    const summary = (await e.listObjects()).find((o) => o.kind === 'map' && o.id === m.id);
    expect(summary?.pins.sort()).toEqual(['d/m', 'm2']);
    expect(summary?.handles.sort()).toEqual([m.handle, got.handle].sort());
  });
});

describe('references held by map entries and programs', () => {
  it('a prog_array entry keeps its program alive; deleting or replacing it lets the program go', async () => {
    const e = await fresh();
    const log = freedLog(e);
    const pa = await e.createMap(progArraySpec);
    const p1 = await e.loadProgram(prog(1));
    const p2 = await e.loadProgram(prog(2));
    await e.mapUpdate(pa.handle, k(0), { handle: p1.handle }, 'any');
    await e.mapUpdate(pa.handle, k(1), { handle: p2.handle }, 'any');
    await e.close(p1.handle);
    await e.close(p2.handle);
    expect(await e.objectAlive('prog', p1.id)).toBe(true);
    expect(await e.objectAlive('prog', p2.id)).toBe(true);
    await e.mapDelete(pa.handle, k(0));
    expect(await e.objectAlive('prog', p1.id)).toBe(false);
    const p3 = await e.loadProgram(prog(3));
    await e.mapUpdate(pa.handle, k(1), { handle: p3.handle }, 'any');
    expect(await e.objectAlive('prog', p2.id)).toBe(false);
    expect(log).toEqual([`prog:${p1.id}`, `prog:${p2.id}`]);
  });
  it('a pinned prog_array keeps its entries when every handle is closed (the pin is a user reference)', async () => {
    const e = await fresh();
    const pa = await e.createMap(progArraySpec);
    const p = await e.loadProgram(prog());
    await e.mapUpdate(pa.handle, k(2), { handle: p.handle }, 'any');
    await e.close(p.handle);
    await e.pin(pa.handle, 'pa');
    await e.close(pa.handle);
    const again = await e.get('pa', 'ro');
    expect(await e.mapLookup(again.handle, k(2))).toEqual(k(p.id));
  });
  it('a prog_array is cleared when its user count reaches 0 though a program still uses it', async () => {
    const e = await fresh();
    const pa = await e.createMap(progArraySpec);
    const target = await e.loadProgram(prog());
    await e.mapUpdate(pa.handle, k(0), { handle: target.handle }, 'any');
    await e.close(target.handle);
    const user = await e.loadProgram({ ...prog(), insns: usingMap(pa.handle) });
    expect(await e.objectInfo(user.handle)).toMatchObject({ mapIds: [pa.id] });
    await e.close(pa.handle);
    // The program holds a plain reference: the array lives on, empty, and the entry's program is gone.
    expect(await e.objectAlive('map', pa.id)).toBe(true);
    expect(await e.objectAlive('prog', target.id)).toBe(false);
    await e.close(user.handle);
    expect(await e.objectAlive('map', pa.id)).toBe(false);
  });
  it('a map used by a program lives as long as the program', async () => {
    const e = await fresh();
    const log = freedLog(e);
    const m = await e.createMap(hashSpec);
    const user = await e.loadProgram({ ...prog(), insns: usingMap(m.handle) });
    await e.close(m.handle);
    expect(await e.objectAlive('map', m.id)).toBe(true);
    await e.close(user.handle);
    expect(log).toEqual([`prog:${user.id}`, `map:${m.id}`]);
  });
  it.each(['array_of_maps', 'hash_of_maps'] as const)(
    'a %s entry keeps the inner map alive until deleted',
    async (type) => {
      const e = await fresh();
      const inner = await e.createMap(hashSpec);
      const outer = await e.createMap({
        type,
        name: 'o',
        keySize: 4,
        valueSize: 4,
        maxEntries: 2,
        flags: [],
        innerHandle: inner.handle,
      });
      await e.mapUpdate(inner.handle, k(1), k(42), 'any');
      await e.mapUpdate(outer.handle, k(0), { handle: inner.handle }, 'any');
      await e.close(inner.handle);
      expect(await e.objectAlive('map', inner.id)).toBe(true);
      expect(await e.mapLookup(outer.handle, k(0))).toEqual(k(inner.id));
      await e.mapDelete(outer.handle, k(0));
      expect(await e.objectAlive('map', inner.id)).toBe(false);
    },
  );
  it('freeing the outer map releases its inner maps', async () => {
    const e = await fresh();
    const tpl = await e.createMap(hashSpec);
    const inner = await e.createMap(hashSpec);
    const outer = await e.createMap({
      type: 'hash_of_maps',
      name: 'o',
      keySize: 4,
      valueSize: 4,
      maxEntries: 2,
      flags: [],
      innerHandle: tpl.handle,
    });
    await e.mapUpdate(outer.handle, k(7), { handle: inner.handle }, 'any');
    await e.close(inner.handle);
    await e.close(outer.handle);
    expect(await e.objectAlive('map', outer.id)).toBe(false);
    expect(await e.objectAlive('map', inner.id)).toBe(false);
    expect(await e.objectAlive('map', tpl.id)).toBe(true);
  });
});

describe('handle and tree events', () => {
  it('close emits handle-closed and handles-changed; closing twice is EBADF', async () => {
    const e = await fresh();
    const events: EngineEvent[] = [];
    e.subscribe((ev) => events.push(ev));
    const m = await e.createMap(hashSpec);
    expect(events).toContainEqual({ type: 'handles-changed' });
    events.length = 0;
    await e.close(m.handle);
    expect(events).toEqual(
      expect.arrayContaining([{ type: 'handle-closed', handle: m.handle }, { type: 'handles-changed' }]),
    );
    expect(e.handles()).toEqual([]);
    await expect(e.close(m.handle)).rejects.toMatchObject({ code: 'EBADF' });
  });
  it('pin, mkdir, rename and unlink report the directories that changed', async () => {
    const e = await fresh();
    const dirs: string[][] = [];
    e.subscribe((ev) => {
      if (ev.type === 'tree-changed') dirs.push(ev.dirs);
    });
    const m = await e.createMap(hashSpec);
    await e.mkdir('a');
    await e.mkdir('b');
    await e.pin(m.handle, 'a/m');
    await e.rename('a/m', 'b/m');
    await e.unlink('b/m');
    expect(dirs).toEqual([[''], [''], ['a'], expect.arrayContaining(['a', 'b']), ['b']]);
  });
  it('an unsubscribed listener hears nothing more', async () => {
    const e = await fresh();
    let heard = 0;
    const off = e.subscribe(() => {
      heard++;
    });
    off();
    await e.createMap(hashSpec);
    expect(heard).toBe(0);
  });
});
