// Every bpffs mount on the kernel: a shell in its own mount namespace (unshare -m) mounts a bpffs with token
// delegation and pins a map there with bpftool. The Mounts view lists it with its options and processes, and the
// tree switches to it, browsing its pins through /proc/PID/root, and back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { canMountBpffs, mountPrivateBpffs, type PrivateBpffs } from '../test/support/bpffs.js';
import { type OtherNamespaceBpffs, startOtherNamespaceBpffs } from '../test/support/other-namespace-bpffs.js';

import { bpftoolAvailable } from './support/bpftool.js';
import { startServe } from './support/server.js';
import { useAppSession } from './support/session.js';
import { hasText, isGone, isVisible } from './support/ui-expect.js';

const whyNot = canMountBpffs() ?? ((await bpftoolAvailable()) ? undefined : 'bpftool is not installed');
if (whyNot) console.warn(`mounts e2e skipped: ${whyNot}`);

describe.skipIf(whyNot !== undefined)('every bpffs mount on the native engine', () => {
  let mount: PrivateBpffs;
  let other: OtherNamespaceBpffs;
  beforeAll(async () => {
    mount = await mountPrivateBpffs();
    other = await startOtherNamespaceBpffs(
      'uid=1000,mode=0700,delegate_cmds=map_create:obj_pin,delegate_progs=xdp',
      'ns_counts',
    );
  });
  afterAll(async () => {
    await other?.stop();
    await mount?.cleanup();
  });
  const session = useAppSession(() => startServe(['--engine', 'native', '--bpffs', mount.dir]));

  it('lists the other namespace mount with its token options and processes, and shows its pins in the tree', async () => {
    const { app } = session;
    await app.page.getByRole('tab', { name: 'Mounts' }).click();
    const item = app.page.getByRole('listitem', { name: new RegExp(`^${other.dir} \\(mnt ns \\d+, pid \\d+ `) });
    await hasText(item.getByLabel('Token delegation'), 'map_create, obj_pin');
    await hasText(item.getByLabel('Token delegation'), 'xdp');
    await hasText(item.getByLabel('Root folder'), 'drwx-----T');
    await hasText(item.getByLabel('Root folder'), 'uid=1000,mode=700');
    await hasText(item.getByLabel('Processes'), `${other.pid} sleep`);
    await hasText(item, `/proc/`);

    await item.getByRole('button', { name: 'Show in tree' }).click();
    await hasText(app.page.getByLabel('Mount shown'), `${other.dir} (mnt ns`);
    await isVisible(app.row('ns_counts'));
    await app.row('ns_counts').click();
    await hasText(app.page.getByRole('region', { name: 'Details' }), 'hash');

    // Back to the mount it started on, through the picker above the tree.
    const picker = app.page.getByRole('combobox', { name: 'Mount' });
    const own = await picker.locator('option', { hasText: mount.dir }).getAttribute('value');
    expect(own).toBeTruthy();
    await picker.selectOption(own!);
    await hasText(app.page.getByLabel('Mount shown'), mount.dir);
    await isGone(app.row('ns_counts'));
  });
});
