// Capture the demo host, open the file, and compare what both hosts show; a snapshot refuses every change.
import { afterEach, describe, expect, it } from 'vitest';

import { call, hostContents } from '../../test/support/host-contents.js';

import { createEmulatedEngine } from '../engine/emulated/index.js';
import { createHost, type Host } from '../host/create-host.js';
import { captureSnapshot } from './capture.js';
import { openSnapshotBytes, type SnapshotHost } from './open.js';

const hosts: Host[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.dispose();
});

function demoHost(): Host {
  const host = createHost(createEmulatedEngine({ demo: true, traffic: false }));
  hosts.push(host);
  return host;
}

async function reopen(bytes: Uint8Array): Promise<SnapshotHost> {
  const host = await openSnapshotBytes(bytes, 'demo.bpfsnap');
  hosts.push(host);
  return host;
}

describe('a snapshot of the demo host', () => {
  it('shows every node, info field, disassembly line and entry the live host shows', async () => {
    const live = demoHost();
    const snap = await reopen(
      await captureSnapshot(live, { maps: 'all', hostName: 'demo', now: () => 1_700_000_000_000 }),
    );
    const [a, b] = [await hostContents(live), await hostContents(snap)];
    expect(b.nodes).toEqual(a.nodes);
    expect(b.infos).toEqual(a.infos);
    expect(b.disasm).toEqual(a.disasm);
    expect(b.entries).toEqual(a.entries);
    expect(Object.keys(a.entries).length).toBeGreaterThan(3);
  });

  it('is named after the captured host and time, and refuses changes with EROFS', async () => {
    const snap = await reopen(await captureSnapshot(demoHost(), { maps: 'all', hostName: 'web-7', now: () => 0 }));
    const desc = await call(snap, 'describe', {});
    expect(desc.snapshot?.label).toBe('web-7 at 1970-01-01 00:00:00 UTC');
    for (const [op, req] of [
      ['mkdir', { path: 'new' }],
      ['unlink', { path: 'tc/globals/cali_counters' }],
      ['rename', { from: 'xdp', to: 'xdp2' }],
    ] as const) {
      const r = await snap.dispatch(op, req);
      expect(r.ok ? 'ok' : r.error.code).toBe('EROFS');
    }
    const h = await call(snap, 'get', { path: 'tc/globals/cali_counters', access: 'rw' });
    const r = await snap.dispatch('mapUpdate', {
      handle: h.handle,
      key: '00000000',
      value: '00'.repeat(16),
      flag: 'any',
    });
    expect(r.ok ? 'ok' : r.error.code).toBe('EROFS');
    expect((await call(snap, 'list', { path: 'tc/globals' })).map((e) => e.name)).toContain('cali_counters');
  });

  it('leaves out the entries --maps does not match and cuts maps at --max-entries', async () => {
    const live = demoHost();
    const snap = await reopen(await captureSnapshot(live, { maps: { glob: 'tc/**' }, maxEntries: 2 }));
    const s = snap.snapshot;
    const states = Object.fromEntries(
      [...s.objects.values()].filter((o) => o.entries).map((o) => [o.pins[0], o.entries]),
    );
    expect(states['ip/ip_allow_list']?.state).toBe('skipped');
    expect(states['tc/globals/cilium_ct4_global']).toEqual({ state: 'truncated', count: 2 });
  });

  it('names what is wrong with a file that is not a snapshot', async () => {
    await expect(openSnapshotBytes(new TextEncoder().encode('hello'), 'x.bpfsnap')).rejects.toMatchObject({
      code: 'EINVAL',
      message: expect.stringContaining('x.bpfsnap is not a bpfscope snapshot'),
    });
  });
});
