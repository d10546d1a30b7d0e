// The window's snapshot operations through the host list's control channel, on a real registry and the emulated
// demo host: a capture reports its progress and can be cancelled, the file uploaded in parts opens as one more
// host (read-only, removable), and its diff with the live host lists exactly what changed since.
import { afterEach, describe, expect, it } from 'vitest';

import type { RpcResult } from '../../shared/contract.js';
import type { HostEvent, HostListing, HostOpName, HostRequest, HostResponses } from '../../shared/hosts.js';
import type { CaptureProgress } from '../../shared/snapshot.js';

import { call } from '../../test/support/host-contents.js';

import { createEmulatedEngine } from '../engine/emulated/index.js';
import { createHost } from '../host/create-host.js';
import { type HostControl, hostControl } from '../hosts/control.js';
import { HostRegistry } from '../hosts/registry.js';

const registries: HostRegistry[] = [];
afterEach(async () => {
  await Promise.all(registries.splice(0).map((r) => r.dispose()));
});

const LIVE = 'local:emulated';
const CT = 'tc/globals/cilium_ct4_global';

async function setup(): Promise<{ reg: HostRegistry; control: HostControl; events: HostEvent[] }> {
  const reg = new HostRegistry({
    primary: 'emulated',
    openLocal: async () => createHost(createEmulatedEngine({ demo: true, traffic: false })),
  });
  registries.push(reg);
  await reg.start();
  const control = hostControl(reg);
  const events: HostEvent[] = [];
  control.subscribe((e) => events.push(e));
  return { reg, control, events };
}

async function op<K extends HostOpName>(c: HostControl, name: K, req: HostRequest<K>): Promise<HostResponses[K]> {
  const r: RpcResult = await c.call(name, req);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as unknown as HostResponses[K];
}

async function openBytes(control: HostControl, bytes: Uint8Array, name: string) {
  const half = Math.ceil(bytes.length / 2);
  await op(control, 'snapshotUpload', { upload: 'u1', part: bytes.subarray(0, half) });
  await op(control, 'snapshotUpload', { upload: 'u1', part: bytes.subarray(half) });
  return op(control, 'snapshotOpen', { upload: 'u1', name });
}

describe('snapshots from the window', () => {
  it('captures a host with progress, opens the file as a read-only host and closes it', async () => {
    const { reg, control, events } = await setup();
    const file = await op(control, 'snapshotCapture', { host: LIVE, capture: 'c1', maps: 'all' });
    expect(file.name).toMatch(/^.+-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.bpfsnap$/);
    const phases = events.flatMap((e) => (e.type === 'snapshot-progress' && e.capture === 'c1' ? [e.progress] : []));
    expect(new Set(phases.map((p: CaptureProgress) => p.phase))).toEqual(
      new Set(['tree', 'objects', 'entries', 'writing', 'done']),
    );
    // The map being read is named (the first of each phase at least; later ones at most every 100 ms).
    expect(phases.find((p) => p.phase === 'entries')?.item).toMatch(/^(tc|xdp)\//);

    const opened = await openBytes(control, file.bytes, file.name);
    const entry = reg.listing().hosts.find((h) => h.id === opened.id)!;
    expect(entry).toMatchObject({ source: 'snapshot', label: opened.label, state: { state: 'connected' } });
    expect(opened.label).toMatch(/ at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    const snap = reg.link(opened.id)!;
    expect((await call(snap, 'list', { path: 'tc/globals' })).map((e) => e.name)).toEqual(
      (await call(reg.link(LIVE)!, 'list', { path: 'tc/globals' })).map((e) => e.name),
    );
    expect((await snap.dispatch('mkdir', { path: 'x' })) as RpcResult).toMatchObject({ error: { code: 'EROFS' } });

    const after = (await op(control, 'hostRemove', { id: opened.id })) as HostListing;
    expect(after.hosts.map((h) => h.id)).not.toContain(opened.id);
  });

  it('refuses a file that is not a snapshot and adds no host', async () => {
    const { reg, control } = await setup();
    const before = reg.listing().hosts.length;
    await expect(openBytes(control, new TextEncoder().encode('not sqlite at all'), 'x.bpfsnap')).rejects.toMatchObject({
      code: 'EINVAL',
      message: expect.stringMatching(/not a bpfscope snapshot/) as unknown,
    });
    expect(reg.listing().hosts).toHaveLength(before);
  });

  it('cancels a running capture: ECANCELED, and the next capture runs', async () => {
    const { control } = await setup();
    const off = control.subscribe((e) => {
      if (e.type === 'snapshot-progress' && e.capture === 'c2') void control.call('snapshotCancel', { capture: 'c2' });
    });
    await expect(op(control, 'snapshotCapture', { host: LIVE, capture: 'c2', maps: 'all' })).rejects.toMatchObject({
      code: 'ECANCELED',
    });
    off();
    const next = await op(control, 'snapshotCapture', { host: LIVE, capture: 'c3', maps: 'none' });
    expect(next.bytes.length).toBeGreaterThan(0);
  });

  it('compares a snapshot with the live host: exactly the pin moved and the entry changed', async () => {
    const { reg, control } = await setup();
    const file = await op(control, 'snapshotCapture', { host: LIVE, capture: 'c4', maps: 'all' });
    const opened = await openBytes(control, file.bytes, file.name);
    const live = reg.link(LIVE)!;
    await call(live, 'rename', { from: 'xdp/xdp_prog_main', to: 'xdp/main_v2' });
    const ct = await call(live, 'get', { path: CT, access: 'rw' });
    const [first] = (await call(live, 'mapDump', { handle: ct.handle })).entries;
    const value = 'ff'.repeat(first!.value.length / 2);
    await call(live, 'mapUpdate', { handle: ct.handle, key: first!.key, value, flag: 'exist' });
    await call(live, 'close', { handle: ct.handle });

    const diff = await op(control, 'snapshotDiff', { from: opened.id, to: LIVE });
    expect(diff.from).toBe(opened.label);
    expect(diff.to).toBe('This computer (emulated) (live)');
    expect(diff.pins.moved.map((m) => [m.from, m.to])).toEqual([['xdp/xdp_prog_main', 'xdp/main_v2']]);
    expect([diff.pins.added, diff.pins.removed, diff.pins.replaced, diff.objects]).toEqual([[], [], [], []]);
    expect(diff.maps.map((m) => [m.path, m.added, m.removed, m.changed])).toEqual([[CT, 0, 0, 1]]);
    expect(diff.maps[0]!.rows).toEqual([{ change: 'changed', key: first!.key, from: first!.value, to: value }]);
    expect(diff.maps[0]!.info).toMatchObject({ kind: 'map', name: 'cilium_ct4_glob' });
    expect(diff.maps[0]!.btf).toBeInstanceOf(Uint8Array);
  });
});
