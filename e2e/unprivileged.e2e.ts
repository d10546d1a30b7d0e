// The native engine run by a normal user, for real: serve as a new non-root user on a private bpffs where root
// pinned a map, a program and an iterator link. Pins it may not open show as locked with the kernel's reason,
// never as links; pins whose mode lets it in show their objects; one banner says what it sees.

import { chmodSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DirEntry } from '../shared/engine.js';

import { clangSkipReason, compileBpf } from '../test/support/bpf-objects.js';
import { canMountBpffs, mountPrivateBpffs, type PrivateBpffs } from '../test/support/bpffs.js';
import { bpftoolMapCreate } from '../test/support/bpftool-map.js';
import { createOsUser, type OsUser, osUserSkipReason } from '../test/support/os-user.js';

import type { AppPage } from './pages/app-page.js';
import { bpftool, bpftoolAvailable } from './support/bpftool.js';
import { type ServeProcess, startServe } from './support/server.js';
import { useAppSession } from './support/session.js';
import { hasAttribute, hasText, isVisible } from './support/ui-expect.js';

const whyNot =
  canMountBpffs() ??
  osUserSkipReason() ??
  clangSkipReason() ??
  ((await bpftoolAvailable()) ? undefined : 'bpftool is not installed');
if (whyNot) console.warn(`unprivileged e2e skipped: ${whyNot}`);

/** Root pins a map, a program and an iterator link (0600), and a readable map and link (0644). */
async function pinAsRoot(dir: string): Promise<void> {
  bpftoolMapCreate(join(dir, 'secret_map'), { type: 'hash', name: 'secret' });
  bpftoolMapCreate(join(dir, 'open_map'), { type: 'hash', name: 'readable' });
  await bpftool(['prog', 'load', compileBpf('link_raw_tp').path, join(dir, 'secret_prog')]);
  const iter = compileBpf('iter_maps').path;
  await bpftool(['iter', 'pin', iter, join(dir, 'secret_link')]);
  await bpftool(['iter', 'pin', iter, join(dir, 'open_link')]);
  chmodSync(join(dir, 'open_map'), 0o644);
  chmodSync(join(dir, 'open_link'), 0o644);
}

describe.skipIf(whyNot !== undefined)('native engine as a user without CAP_BPF', () => {
  let user: OsUser;
  let mount: PrivateBpffs;
  const start = async (): Promise<ServeProcess> => {
    user = createOsUser();
    mount = await mountPrivateBpffs();
    await pinAsRoot(mount.dir);
    const serve = await startServe(['--engine', 'native', '--bpffs', mount.dir], user);
    // The user can go only once its serve has exited.
    return { ...serve, stop: () => serve.stop().finally(cleanup) };
  };
  const cleanup = async (): Promise<void> => {
    await mount?.cleanup();
    user?.remove();
  };
  // Registered before the session's hooks, so it runs after them (hooks unwind like a stack).
  afterAll(cleanup);
  const session = useAppSession(start);
  let app: AppPage;
  beforeAll(() => void ({ app } = session));

  const rootEntries = async (): Promise<Record<string, DirEntry>> =>
    Object.fromEntries((await session.rpc.api.list({ path: '' })).map((e) => [e.name, e]));

  it('says who it runs as: the user, without CAP_BPF', async () => {
    const d = await session.rpc.api.describe({});
    expect(d.privilege).toMatchObject({ uid: user.uid, capBpf: false, capSysAdmin: false });
  });

  it('lists pins it may not open as locked with EACCES, never as links, and readable ones with their objects', async () => {
    const e = await rootEntries();
    for (const name of ['secret_map', 'secret_prog', 'secret_link']) {
      expect(e[name]).toMatchObject({ kind: 'pin', mode: 0o600, uid: 0, noAccess: { code: 'EACCES' } });
      expect(e[name]!.object).toBeUndefined();
      expect(e[name]!.noAccess!.reason).toContain(`uid ${user.uid}`);
    }
    expect(e.open_map).toMatchObject({ kind: 'map', object: { kind: 'map', type: 'hash', name: 'readable' } });
    // A readable link refuses a read-only open with EINVAL and a read-write one with EACCES: a link, locked.
    expect(e.open_link).toMatchObject({ kind: 'link', noAccess: { code: 'EACCES' } });
    expect(e['maps.debug']).toMatchObject({ kind: 'link', preloaded: 'maps' });
    expect(e['maps.debug']!.noAccess).toBeUndefined();
    // Ids cannot be walked without CAP_SYS_ADMIN: the objects list holds what the readable pins show.
    const objects = await session.rpc.api.listObjects({});
    expect(objects).toEqual([expect.objectContaining({ kind: 'map', name: 'readable', pins: ['open_map'] })]);
  });

  it('shows the locked map with a lock, "no access" at the end of its name, and the reason in its details', async () => {
    const row = app.row('secret_map');
    await isVisible(row);
    await hasAttribute(row, 'aria-label', /^secret_map .*no access$/);
    await expect(row.locator('.lock-icon').count()).resolves.toBe(1);
    await row.click();
    const locked = app.details.getByRole('region', { name: 'No access' });
    await hasText(locked, 'EACCES');
    await hasText(locked, `does not let uid ${user.uid} open it`);
    await locked.getByRole('button', { name: 'Authenticate…' }).click();
    const dialog = app.dialog('Authenticate');
    await hasText(dialog, 'Start its agent as root to see everything');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('says in one banner what the user is seeing and how to see everything', async () => {
    const banner = app.page.getByRole('region', { name: 'Access', exact: true });
    await hasText(banner, `native — uid ${user.uid}, no CAP_BPF: names and modes only`);
    await hasText(banner, 'To see everything');
    await hasText(app.page.getByLabel('Engine'), `native — uid ${user.uid}, no CAP_BPF`);
    await expect(banner.count()).resolves.toBe(1);
  });
});
