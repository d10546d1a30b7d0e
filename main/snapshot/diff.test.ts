// Two captures of the demo host with known changes between them: the diff reports exactly those, from the API and
// from the CLI's text; `snapshot-dump` exports a captured map.
import { afterEach, describe, expect, it } from 'vitest';

import { call } from '../../test/support/host-contents.js';

import { createEmulatedEngine } from '../engine/emulated/index.js';
import { createHost, type Host } from '../host/create-host.js';
import { captureSnapshot } from './capture.js';
import { diffSnapshots } from './diff.js';
import { dumpMap, formatDiff } from './diff-cli.js';
import { readSnapshot } from './reader.js';

const hosts: Host[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.dispose();
});

const CT = 'tc/globals/cilium_ct4_global';

async function capture(host: Host, at: number) {
  return readSnapshot(await captureSnapshot(host, { maps: 'all', hostName: 'demo', now: () => at }), 'demo');
}

describe('the diff of two snapshots', () => {
  it('lists exactly a moved pin, a replaced program and a map’s changed, added and removed entries', async () => {
    const host = createHost(createEmulatedEngine({ demo: true, traffic: false }));
    hosts.push(host);
    const before = await capture(host, 1000);

    await call(host, 'rename', { from: 'xdp/xdp_prog_main', to: 'xdp/main_v1' });
    const ct = await call(host, 'get', { path: CT, access: 'rw' });
    const [first, second] = (await call(host, 'mapDump', { handle: ct.handle })).entries;
    await call(host, 'mapUpdate', {
      handle: ct.handle,
      key: first!.key,
      value: 'ff'.repeat(first!.value.length / 2),
      flag: 'exist',
    });
    await call(host, 'mapDelete', { handle: ct.handle, key: second!.key });
    await call(host, 'mapUpdate', {
      handle: ct.handle,
      key: 'ab'.repeat(16),
      value: '01'.repeat(first!.value.length / 2),
      flag: 'noexist',
    });
    await call(host, 'close', { handle: ct.handle });
    // A new version of a program: other instructions (another tag) pinned where the old one was.
    const v2 = await call(host, 'loadProgram', {
      type: 'sched_cls',
      name: 'cali_tc_main',
      insns: 'b700000001000000' + '9500000000000000',
      license: 'GPL',
    });
    const old = (await call(host, 'stat', { path: 'tc/globals/cali_tc_main' })).object!;
    await call(host, 'unlink', { path: 'tc/globals/cali_tc_main' });
    await call(host, 'pin', { handle: v2.handle, path: 'tc/globals/cali_tc_main' });
    await call(host, 'close', { handle: v2.handle });
    const after = await capture(host, 2000);

    const d = diffSnapshots(before, after, { from: 'a', to: 'b' });
    const xdp = before.nodes.find((n) => n.path === 'xdp/xdp_prog_main')!.object!;
    expect(d.pins.moved).toEqual([
      { from: 'xdp/xdp_prog_main', to: 'xdp/main_v1', object: { kind: 'prog', id: xdp.id, name: 'xdp_prog_main' } },
    ]);
    expect(d.pins.added).toEqual([]);
    expect(d.pins.removed).toEqual([]);
    expect(d.pins.changed).toEqual([]);
    expect(d.pins.replaced).toHaveLength(1);
    expect(d.pins.replaced[0]).toMatchObject({
      path: 'tc/globals/cali_tc_main',
      from: { kind: 'prog', id: old.id },
      to: { kind: 'prog', id: v2.id },
    });
    expect(d.pins.replaced[0]!.from.tag).not.toBe(d.pins.replaced[0]!.to.tag);
    expect(d.objects).toEqual([]);
    expect(d.maps.map((m) => [m.path, m.added, m.removed, m.changed])).toEqual([[CT, 1, 1, 1]]);
    expect(d.maps[0]!.rows).toEqual([
      { change: 'changed', key: first!.key, from: first!.value, to: 'ff'.repeat(first!.value.length / 2) },
      { change: 'added', key: 'ab'.repeat(16), to: '01'.repeat(first!.value.length / 2) },
      { change: 'removed', key: second!.key, from: second!.value },
    ]);
    expect(formatDiff(d).split('\n')).toEqual([
      '--- a',
      '+++ b',
      `> xdp/xdp_prog_main -> xdp/main_v1 (prog ${xdp.id} xdp_prog_main)`,
      `~ tc/globals/cali_tc_main: prog ${old.id} replaced by prog ${v2.id}, tag ${d.pins.replaced[0]!.from.tag} -> ${d.pins.replaced[0]!.to.tag}`,
      `~ ${CT}: 1 added, 1 removed, 1 changed`,
      '',
    ]);
  });

  it('of a snapshot with itself is empty, and a captured map exports as JSON and CSV', async () => {
    const host = createHost(createEmulatedEngine({ demo: true, traffic: false }));
    hosts.push(host);
    const s = await capture(host, 1000);
    expect(formatDiff(diffSnapshots(s, s, { from: 'a', to: 'a' }))).toBe('--- a\n+++ a\nno changes\n');
    const counters = JSON.parse(dumpMap(s, 'tc/globals/cali_counters', 'json')) as { key: string; values: string[] }[];
    expect(counters).toHaveLength(8);
    expect(counters[0]!.values).toHaveLength(s.meta.possibleCpus);
    const csv = dumpMap(s, 'ip/ip_allow_list', 'csv').trim().split('\n');
    expect(csv[0]).toBe('key,value');
    expect(csv).toHaveLength(3);
    expect(() => dumpMap(s, 'maps/events', 'json')).toThrow('the snapshot holds no entries of maps/events (failed)');
  });
});
