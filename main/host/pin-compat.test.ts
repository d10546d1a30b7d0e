// The pin-reuse check of an object file on both engines: a pin made like pinned_flows_v1.o's flow_table is
// incompatible with pinned_flows_v2.o (max_entries 1024 vs 4096) and the finding says so; the engine's own load
// of that object (libbpf itself on native) refuses the pin with the errno the finding names, and reuses it for v1.
import { describe, expect, it } from 'vitest';

import type { PinStore } from '../../shared/engine.js';

import { clangSkipReason, compileBpf } from '../../test/support/bpf-objects.js';
import { canMountBpffs } from '../../test/support/bpffs.js';
import { type EngineKind, useLoadEngine } from '../../test/support/load-engines.js';

import { pinHealth } from './pin-health.js';

const noClang = clangSkipReason();
const noNative = noClang ?? canMountBpffs();
if (noClang) console.warn(`[pin-compat.test] skipped: ${noClang}`);
else if (noNative) console.warn(`[pin-compat.test] native engine skipped: ${noNative}`);

const v1 = () => ({ fileName: 'pinned_flows_v1.o', data: compileBpf('pinned_flows_v1').bytes });
const v2 = () => ({ fileName: 'pinned_flows_v2.o', data: compileBpf('pinned_flows_v2').bytes });

/** flow_table and flow_counts as pinned_flows_v1.o defines them, pinned under drop/; answers flow_table's id. */
async function pinLikeV1(engine: PinStore): Promise<number> {
  const table = await engine.createMap({
    type: 'hash',
    name: 'flow_table',
    keySize: 4,
    valueSize: 8,
    maxEntries: 1024,
    flags: [],
  });
  await engine.pin(table.handle, 'drop/flow_table');
  const counts = await engine.createMap({
    type: 'array',
    name: 'flow_counts',
    keySize: 4,
    valueSize: 8,
    maxEntries: 4,
    flags: [],
  });
  await engine.pin(counts.handle, 'drop/flow_counts');
  for (const h of engine.handles()) await engine.close(h.handle);
  return table.id;
}

const incompatible = async (engine: PinStore, file: { fileName: string; data: Uint8Array }) =>
  (await pinHealth(engine, 'drop', file)).findings.filter((f) => f.kind === 'incompatible-pin');

function defineSpecs(kind: EngineKind): void {
  const env = useLoadEngine(kind);

  it('names the pin libbpf would refuse, the field and both values, and the load agrees (EINVAL)', async () => {
    const id = await pinLikeV1(env.engine);
    const report = await pinHealth(env.engine, 'drop', v2());
    expect(report.checkedObject).toEqual({
      fileName: 'pinned_flows_v2.o',
      maps: 2,
      pinnedByName: [
        { map: 'flow_table', path: 'drop/flow_table' },
        { map: 'flow_counts', path: 'drop/flow_counts' },
      ],
    });
    const found = report.findings.filter((f) => f.kind === 'incompatible-pin');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      pins: ['drop/flow_table'],
      object: { kind: 'map', id, type: 'hash', name: 'flow_table' },
      mismatches: [{ field: 'max_entries', pinned: '1024', object: '4096' }],
      detail:
        'max_entries 1024 in the pin, 4096 in pinned_flows_v2.o — libbpf would refuse to reuse this pin: bpf_object__load fails with EINVAL.',
    });
    await expect(env.engine.loadObject('drop', 'pinned_flows_v2.o', v2().data)).rejects.toMatchObject({
      code: 'EINVAL',
    });
    expect((await env.engine.pathInfo('drop/flow_table')).id).toBe(id);
  });

  it('finds nothing for the object the pins match, whose load then reuses them', async () => {
    const id = await pinLikeV1(env.engine);
    expect(await incompatible(env.engine, v1())).toEqual([]);
    const loaded = await env.engine.loadObject('drop', 'pinned_flows_v1.o', v1().data);
    expect(loaded.maps.find((m) => m.name === 'flow_table')?.id).toBe(id);
  });

  it('a program where the map should be is refused too, and a missing pin is no finding', async () => {
    const data = compileBpf('xdp_counter').bytes;
    await env.engine.loadObject('drop', 'xdp_counter.o', data);
    await env.engine.rename('drop/count_protocols', 'drop/flow_table');
    const found = await incompatible(env.engine, v2());
    expect(found.map((f) => [f.pins[0], f.object.kind, f.detail])).toEqual([
      [
        'drop/flow_table',
        'prog',
        'A prog is pinned here, not map "flow_table": libbpf would refuse to reuse this pin: bpf_object__load fails with EINVAL.',
      ],
    ]);
    await expect(env.engine.loadObject('drop', 'pinned_flows_v2.o', v2().data)).rejects.toMatchObject({
      code: 'EINVAL',
    });
  });

  it('an object file that is not ELF is refused with EINVAL naming the file, and nothing is checked', async () => {
    await expect(
      pinHealth(env.engine, 'drop', { fileName: 'notes.txt', data: new TextEncoder().encode('not an object') }),
    ).rejects.toMatchObject({ code: 'EINVAL', message: expect.stringContaining('"notes.txt" cannot be checked') });
  });
}

describe.skipIf(noClang !== undefined)('pin-reuse check on the emulated engine', () => defineSpecs('emulated'));
describe.skipIf(noNative !== undefined)('pin-reuse check on the native engine', () => defineSpecs('native'));
