// Permissions for real: root changes a pin's mode to 0644 in the Permissions dialog, and a normal user's view of the
// same bpffs then opens the map, read-only, and says why edits are off.

import { statSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { canMountBpffs, mountPrivateBpffs, type PrivateBpffs } from '../test/support/bpffs.js';
import { bpftoolMapCreate } from '../test/support/bpftool-map.js';
import { createOsUser, type OsUser, osUserSkipReason } from '../test/support/os-user.js';

import { bpftool, bpftoolAvailable } from './support/bpftool.js';
import { startServe } from './support/server.js';
import { useAppSession } from './support/session.js';
import { hasText, isGone, isVisible } from './support/ui-expect.js';

const whyNot =
  canMountBpffs() ?? osUserSkipReason() ?? ((await bpftoolAvailable()) ? undefined : 'bpftool is not installed');
if (whyNot) console.warn(`permissions e2e skipped: ${whyNot}`);

describe.skipIf(whyNot !== undefined)('chmod a pin, and what another user may then do', () => {
  let mount: PrivateBpffs;
  let user: OsUser;
  beforeAll(async () => {
    mount = await mountPrivateBpffs();
    user = createOsUser('bpfscope-perm');
    bpftoolMapCreate(join(mount.dir, 'shared_map'), { type: 'hash', value: 4, name: 'shared' });
    await bpftool([
      'map',
      'update',
      'pinned',
      join(mount.dir, 'shared_map'),
      'key',
      '1',
      '0',
      '0',
      '0',
      'value',
      '7',
      '0',
      '0',
      '0',
    ]);
  });
  afterAll(async () => {
    await mount?.cleanup();
    user?.remove();
  });

  describe('as root', () => {
    const session = useAppSession(() => startServe(['--engine', 'native', '--bpffs', mount.dir]));

    it('shows the pin as rw------- root, and chmod 0644 in the Permissions dialog changes the kernel inode', async () => {
      const { app } = session;
      const row = app.row('shared_map');
      await hasText(row.locator('.tree-mode'), 'rw------- root');
      await row.click();
      const perms = app.details.getByRole('region', { name: 'Permissions' });
      await hasText(perms, 'Read: owner (and root) · Write: owner (and root)');
      await perms.getByRole('button', { name: 'Permissions…' }).click();
      const dialog = app.dialog('Permissions of shared_map');
      await dialog.getByLabel('Mode (octal)').fill('644');
      await hasText(dialog, '-rw-r--r--');
      await dialog.getByRole('button', { name: 'Apply' }).click();
      await isGone(dialog);
      await hasText(row.locator('.tree-mode'), 'rw-r--r-- root');
      await hasText(perms, 'Read: owner, group, everyone (and root) · Write: owner (and root)');
      expect(statSync(join(mount.dir, 'shared_map')).mode & 0o7777).toBe(0o644);
    });

    it("root's chown gives the pin to another group, and back", async () => {
      await session.rpc.api.chown({ path: 'shared_map', gid: user.gid });
      expect(statSync(join(mount.dir, 'shared_map')).gid).toBe(user.gid);
      await session.rpc.api.chown({ path: 'shared_map', gid: 0 });
    });
  });

  describe('as a normal user', () => {
    const session = useAppSession(() =>
      startServe(['--engine', 'native', '--bpffs', mount.dir], { uid: user.uid, gid: user.gid }),
    );

    it('opens the 0644 map read-only: entries shown, edits off, and the reason given', async () => {
      const { app } = session;
      const row = app.row('shared_map');
      await isVisible(row);
      await expect(row.locator('.lock-icon').count()).resolves.toBe(0);
      await row.click();
      const perms = app.details.getByRole('region', { name: 'Permissions' });
      await hasText(perms, `uid ${user.uid}): read only: bpfscope opens it read-only`);
      await hasText(app.details.locator('.note.read-only'), `lets uid ${user.uid} read it but not write it`);
      const entry = app.page
        .getByRole('table', { name: 'Map entries' })
        .locator('.entries-rows [role="row"]:not(.pending)')
        .first();
      await hasText(entry, '7');
      await expect(app.details.getByRole('button', { name: 'Insert…' }).count()).resolves.toBe(0);
    });

    it("gets the kernel's EPERM for a chmod of root's pin", async () => {
      await expect(session.rpc.api.chmod({ path: 'shared_map', mode: 0o666 })).rejects.toMatchObject({ code: 'EPERM' });
      expect(statSync(join(mount.dir, 'shared_map')).mode & 0o7777).toBe(0o644);
    });
  });
});
