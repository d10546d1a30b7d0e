// docs/bpffs-semantics.md §3: map and program names (BPF_OBJ_NAME_LEN 16: at most 15 of [A-Za-z0-9_.]).
import { describe, expect, it } from 'vitest';

import type { PinStore } from '../../../shared/engine.js';

import { simpleProgram } from './demo.js';
import { createEmulatedEngine, type EmulatedOptions } from './index.js';

/** A bare engine: no demo tree, no traffic, 2 possible CPUs unless the test says otherwise. */
const fresh = async (o: EmulatedOptions = {}): Promise<PinStore> =>
  createEmulatedEngine({ demo: false, traffic: false, possibleCpus: 2, ...o });

const mapNamed = (name: string) => ({
  type: 'array' as const,
  name,
  keySize: 4,
  valueSize: 4,
  maxEntries: 1,
  flags: [],
});
const progNamed = (name: string) => ({ type: 'socket_filter' as const, name, insns: simpleProgram(0), license: 'GPL' });

const accepted = ['', 'a', 'abc_DEF_123', 'with.dot', '.', '_', '0', 'x'.repeat(15), 'cilium.ct4.glob'];
const refused = [
  'x'.repeat(16),
  'x'.repeat(40),
  'bad-name',
  'with space',
  'slash/name',
  'é',
  'tab\tname',
  'colon:x',
  'a\0b',
];

describe('object names', () => {
  it.each(accepted)('map name %j is accepted and reported back as given', async (name) => {
    const e = await fresh();
    const h = await e.createMap(mapNamed(name));
    expect(h.name).toBe(name);
    expect(await e.objectInfo(h.handle)).toMatchObject({ kind: 'map', name });
  });
  it.each(accepted)('program name %j is accepted and reported back as given', async (name) => {
    const e = await fresh();
    const h = await e.loadProgram(progNamed(name));
    expect(h.name).toBe(name);
    expect(await e.objectInfo(h.handle)).toMatchObject({ kind: 'prog', name });
  });
  it.each(refused)('map name %j is EINVAL and creates nothing', async (name) => {
    const e = await fresh();
    const before = (await e.listObjects()).length;
    await expect(e.createMap(mapNamed(name))).rejects.toMatchObject({ code: 'EINVAL' });
    expect(await e.listObjects()).toHaveLength(before);
    expect(e.handles()).toEqual([]);
  });
  it.each(refused)('program name %j is EINVAL and loads nothing', async (name) => {
    const e = await fresh();
    await expect(e.loadProgram(progNamed(name))).rejects.toMatchObject({ code: 'EINVAL' });
    expect(e.handles()).toEqual([]);
  });
  it('a dot is fine in an object name but the object cannot be pinned under that name', async () => {
    const e = await fresh();
    const h = await e.createMap(mapNamed('a.b'));
    await expect(e.pin(h.handle, h.name)).rejects.toMatchObject({ code: 'EPERM' });
    await e.pin(h.handle, 'a_b');
    expect((await e.stat('a_b')).object?.name).toBe('a.b');
  });
});
