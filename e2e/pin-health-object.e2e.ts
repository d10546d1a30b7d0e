// Pin health against an object file in Chromium, on both engines: the user opens Pin health, picks
// pinned_flows_v2.o with "Check against an object file…", reads why the pin flow_table is incompatible (its
// max_entries), unlinks it from the finding and gets it back with Undo; then selects two findings and removes
// both through one confirm and one Undo. Outside view: bpftool on native, the engine's own stat on emulated.

import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { clangSkipReason, compileBpf } from '../test/support/bpf-objects.js';
import { canMountBpffs, mountPrivateBpffs, type PrivateBpffs } from '../test/support/bpffs.js';
import { bpftoolMapCreate } from '../test/support/bpftool-map.js';
import { netnsSkipReason, pinDeadXdpLink } from '../test/support/dead-link.js';

import type { AppPage } from './pages/app-page.js';
import { bpftool, bpftoolAvailable, mapPinned } from './support/bpftool.js';
import type { RpcConnection } from './support/rpc.js';
import { type ServeProcess, startServe } from './support/server.js';
import { useAppSession } from './support/session.js';
import { hasText, isGone, isVisible } from './support/ui-expect.js';

const noClang = clangSkipReason();
if (noClang) console.warn(`pin health object e2e skipped: ${noClang}`);

const poll = { timeout: 10_000, interval: 100 };
const REFUSED =
  'max_entries 1024 in the pin, 4096 in pinned_flows_v2.o — libbpf would refuse to reuse this pin: bpf_object__load fails with EINVAL.';

interface Fixture {
  start(): Promise<ServeProcess>;
  /** flow_table and flow_counts as pinned_flows_v1.o defines them, and an orphaned stale_map, made from outside. */
  pinFixtures(rpc: RpcConnection): Promise<void>;
  /** The id of the map pinned at `path`, seen from outside the UI. */
  pinnedId(rpc: RpcConnection, path: string): Promise<number | undefined>;
}

function defineSpecs(title: string, fx: Fixture, more?: (session: { app: AppPage }) => void) {
  describe.skipIf(noClang !== undefined)(title, () => {
    const session = useAppSession(fx.start);
    const pinned = (path: string) => fx.pinnedId(session.rpc, path);

    it('picks the object, explains the incompatible pin, unlinks it and Undo brings the same map back', async () => {
      const { app } = session;
      await fx.pinFixtures(session.rpc);
      const id = await pinned('flow_table');
      expect(id).toBeGreaterThan(0);
      await app.page.getByRole('tab', { name: 'Pin health' }).click();
      const chooser = app.page.waitForEvent('filechooser');
      await app.page.getByRole('button', { name: 'Check against an object file…' }).click();
      await (await chooser).setFiles(compileBpf('pinned_flows_v2').path);
      const finding = app.page.getByRole('listitem', { name: 'Incompatible pin: flow_table' });
      await hasText(finding, REFUSED);
      await hasText(finding, 'Safe action: Unlink it so the loader creates a fresh map');
      await hasText(app.page.getByLabel('Object file check'), 'looked for at flow_table, flow_counts');
      // flow_counts matches the object's definition: no finding.
      await expect(app.page.getByRole('listitem', { name: 'Incompatible pin: flow_counts' }).count()).resolves.toBe(0);

      await finding.getByRole('button', { name: 'Unlink flow_table…' }).click();
      const d = app.dialog('Unlink');
      await hasText(d, 'This is the last reference');
      await d.getByRole('button', { name: 'Unlink' }).click();
      await isGone(finding);
      await expect.poll(() => pinned('flow_table'), poll).toBeUndefined();
      await app.page
        .getByRole('status', { name: 'Undo unlink' })
        .getByRole('button', { name: 'Undo', exact: true })
        .click();
      await expect.poll(() => pinned('flow_table'), poll).toBe(id);
      await hasText(app.page.getByRole('listitem', { name: 'Incompatible pin: flow_table' }), REFUSED);
    });

    it('unlinks two selected findings through one confirm, and one Undo restores both', async () => {
      const { app } = session;
      const ids = { flow_table: await pinned('flow_table'), stale_map: await pinned('stale_map') };
      await app.page.getByRole('checkbox', { name: 'Select flow_table' }).first().check();
      await app.page.getByRole('checkbox', { name: 'Select stale_map' }).first().check();
      await app.page.getByRole('button', { name: 'Unlink selected (2)…' }).click();
      const d = app.dialog('Unlink selected');
      await hasText(
        d.getByRole('list', { name: 'Pins to unlink' }),
        /flow_table: This is the last reference.*stale_map: This is the last reference/s,
      );
      await d.getByRole('button', { name: 'Unlink 2' }).click();
      await isGone(d);
      await expect.poll(() => pinned('flow_table'), poll).toBeUndefined();
      await expect.poll(() => pinned('stale_map'), poll).toBeUndefined();
      const toast = app.page.getByRole('status', { name: 'Undo unlink' });
      await expect(toast.count()).resolves.toBe(1);
      await hasText(toast, 'Unlinked 2 pins');
      await toast.getByRole('button', { name: 'Undo', exact: true }).click();
      await expect.poll(() => pinned('flow_table'), poll).toBe(ids.flow_table);
      await expect.poll(() => pinned('stale_map'), poll).toBe(ids.stale_map);
      await isVisible(app.page.getByRole('listitem', { name: 'Orphaned map: stale_map' }));
    });

    it('a .o dropped on the view is checked the same way, and Stop checking takes its findings away', async () => {
      const { app } = session;
      const pane = app.page.getByRole('region', { name: 'Pin health' });
      await app.page.getByRole('button', { name: 'Stop checking against pinned_flows_v2.o' }).click();
      await isGone(app.page.getByRole('listitem', { name: 'Incompatible pin: flow_table' }));
      const dataTransfer = await app.page.evaluateHandle(
        ({ name, b64 }) => {
          const dt = new DataTransfer();
          dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name));
          return dt;
        },
        { name: 'pinned_flows_v2.o', b64: Buffer.from(compileBpf('pinned_flows_v2').bytes).toString('base64') },
      );
      await pane.dispatchEvent('dragover', { dataTransfer });
      await pane.dispatchEvent('drop', { dataTransfer });
      await hasText(app.page.getByRole('listitem', { name: 'Incompatible pin: flow_table' }), REFUSED);
    });

    more?.(session);
  });
}

const mapSpec = (name: string, type: 'hash' | 'array', maxEntries: number) => ({
  type,
  name,
  keySize: 4,
  valueSize: 8,
  maxEntries,
  flags: [],
});

defineSpecs('Pin health against an object file on the emulated engine', {
  start: () => startServe(['--empty']),
  pinFixtures: async ({ api }) => {
    // Each map is left alive by its pin only (the RPC handle is closed), as a loader that exited leaves it.
    for (const [path, spec] of [
      ['flow_table', mapSpec('flow_table', 'hash', 1024)],
      ['flow_counts', mapSpec('flow_counts', 'array', 4)],
      ['stale_map', mapSpec('stale', 'hash', 8)],
    ] as const) {
      const h = await api.createMap(spec);
      await api.pin({ handle: h.handle, path });
      await api.close({ handle: h.handle });
    }
  },
  pinnedId: ({ api }, path) =>
    api.stat({ path }).then(
      (e) => e.object?.id,
      () => undefined,
    ),
});

const noNative = noClang ?? canMountBpffs() ?? ((await bpftoolAvailable()) ? undefined : 'bpftool is not installed');
const noNetns = noNative ?? netnsSkipReason();
if (noNative && !noClang) console.warn(`pin health object e2e on the native engine skipped: ${noNative}`);
else if (noNetns) console.warn(`pin health dead-link e2e skipped: ${noNetns}`);

describe.skipIf(noNative !== undefined)('native', () => {
  let mount: PrivateBpffs | undefined;
  afterAll(async () => {
    await mount?.cleanup();
  });
  defineSpecs(
    'Pin health against an object file on the native engine, checked by bpftool',
    {
      start: async () => {
        mount = await mountPrivateBpffs();
        return startServe(['--engine', 'native', '--bpffs', mount.dir]);
      },
      pinFixtures: async () => {
        const dir = mount!.dir;
        bpftoolMapCreate(join(dir, 'flow_table'), { type: 'hash', entries: 1024, name: 'flow_table' });
        bpftoolMapCreate(join(dir, 'flow_counts'), { type: 'array', entries: 4, name: 'flow_counts' });
        bpftoolMapCreate(join(dir, 'stale_map'), { type: 'hash', name: 'stale' });
        if (!noNetns) {
          await bpftool(['prog', 'load', compileBpf('small_counter').path, join(dir, 'linked')]);
          pinDeadXdpLink(join(dir, 'linked'), join(dir, 'dead_link'));
        }
      },
      pinnedId: async (_rpc, path) => (await mapPinned(join(mount!.dir, path)))?.id,
    },
    (session) => {
      it.skipIf(noNetns !== undefined)('shows the xdp link whose veth was deleted as defunct', async () => {
        const finding = session.app.page.getByRole('listitem', { name: 'Link whose target is gone: dead_link' });
        await hasText(finding, 'its network device was deleted (the kernel reports ifindex 0)');
        await hasText(finding, 'Safe action: Unlink: the link is freed');
      });
    },
  );
});
