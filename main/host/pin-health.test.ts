// Pin health on the emulated engine: what is flagged, what is not, and why.

import { HEALTH_MEANING, safeAction } from '../../shared/pin-health.js';

import { counterInsns } from '../../test/support/programs.js';

import { createEmulatedEngine } from '../engine/emulated/index.js';
import { deleteNetdev } from '../engine/emulated/netdevs.js';
import { pinHealth } from './pin-health.js';

const array = { type: 'array' as const, keySize: 4, valueSize: 8, maxEntries: 1, flags: [] };

describe('pin health', () => {
  it('flags an orphaned map, a program attached nowhere and a second pin, not a map a program uses', async () => {
    const e = createEmulatedEngine({ demo: false, traffic: false });
    try {
      await e.mkdir('cilium');
      const stale = await e.createMap({ ...array, name: 'stale' });
      await e.pin(stale.handle, 'stale');
      await e.pin(stale.handle, 'cilium/stale_again');
      const used = await e.createMap({ ...array, name: 'used' });
      await e.pin(used.handle, 'used');
      const prog = await e.loadProgram({
        type: 'xdp',
        name: 'counter',
        insns: counterInsns(used.handle),
        license: 'GPL',
      });
      await e.pin(prog.handle, 'counter');
      for (const h of e.handles()) await e.close(h.handle);

      const report = await pinHealth(e, '');
      const summary = report.findings.map((f) => [f.kind, f.pins[0], f.loader ?? 'loose']);
      expect(summary.sort()).toEqual([
        ['duplicate', 'cilium/stale_again', 'Cilium'],
        ['orphan-map', 'cilium/stale_again', 'Cilium'],
        ['unattached-prog', 'counter', 'loose'],
      ]);
      expect(report.findings.find((f) => f.kind === 'duplicate')?.pins).toEqual(['cilium/stale_again', 'stale']);
      // Each says what it means and the safe action: a loader's own folder is left to the loader.
      expect(report.findings.map((f) => [f.kind, safeAction(f).split(':')[0]]).sort()).toEqual([
        ['duplicate', 'Leave it to Cilium, which manages this folder'],
        ['orphan-map', 'Leave it to Cilium, which manages this folder'],
        ['unattached-prog', 'Unlink'],
      ]);
      for (const f of report.findings) expect(f.meaning).toBe(HEALTH_MEANING[f.kind]);
      const loose = { kind: 'duplicate' as const, pins: ['stale'] };
      expect(safeAction(loose)).toBe('Unlink the pins you do not need: the object stays alive while one pin remains.');
      // The two preloaded iterator links count as checked pins too.
      expect(report).toMatchObject({ pinsChecked: 6, inLoaderFolders: 1 });
      // Below a folder, only its pins count; the loader is named.
      const cilium = await pinHealth(e, 'cilium');
      expect(cilium.findings.map((f) => [f.kind, f.pins, f.loader])).toContainEqual([
        'orphan-map',
        ['cilium/stale_again'],
        'Cilium',
      ]);
    } finally {
      await e.dispose();
    }
  });

  it('reports a link whose netdev was deleted as defunct, not the live links, nor its program as attached nowhere', async () => {
    const e = createEmulatedEngine({ demo: true, traffic: false });
    try {
      const before = await pinHealth(e, '');
      expect(before.findings.filter((f) => f.kind === 'dead-link')).toEqual([]);
      // The demo's xdp and tcx links sit on ifindex 2; the kernel reports ifindex 0 once the device is gone.
      expect(deleteNetdev(e, 2)).toBe(2);
      const after = await pinHealth(e, '');
      const dead = after.findings.filter((f) => f.kind === 'dead-link');
      expect(dead.map((f) => [f.pins[0], f.object.type, f.loader]).sort()).toEqual([
        ['tc/cali_tc_main_ingress', 'tcx', 'iproute2'],
        ['xdp/xdp_link', 'xdp', 'libxdp'],
      ]);
      expect(dead.find((f) => f.object.type === 'tcx')?.detail).toMatch(
        /^The tcx link of program id \d+ is defunct: its network device was deleted/,
      );
      expect(after.findings.filter((f) => f.kind === 'unattached-prog')).toEqual(
        before.findings.filter((f) => f.kind === 'unattached-prog'),
      );
    } finally {
      await e.dispose();
    }
  });
});
