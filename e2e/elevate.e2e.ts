// Elevation for real: serve --engine native run by a normal user (with a password, a sudoers rule for the
// installed launcher and a polkit rule, test/support/elevation-env.ts) on a private bpffs where root pinned a map
// and a program. The user sees them without their objects; after "Authenticate…" (sudo with the password typed
// into bpfscope's dialog, or polkit) the same pins show as the map and program bpftool reports, served by a root
// agent.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { clangSkipReason, compileBpf } from '../test/support/bpf-objects.js';
import { canMountBpffs, mountPrivateBpffs, type PrivateBpffs } from '../test/support/bpffs.js';
import { bpftoolMapCreate } from '../test/support/bpftool-map.js';
import { type ElevationEnv, elevationSkipReason, setUpElevation } from '../test/support/elevation-env.js';

import type { AppPage } from './pages/app-page.js';
import { bpftool, bpftoolAvailable, mapPinned, progPinned } from './support/bpftool.js';
import { startServe } from './support/server.js';
import { type AppSession, useAppSession } from './support/session.js';
import { hasAttribute, hasText, isGone, isVisible } from './support/ui-expect.js';

const whyNot =
  canMountBpffs() ??
  elevationSkipReason() ??
  clangSkipReason() ??
  ((await bpftoolAvailable()) ? undefined : 'bpftool is not installed');
if (whyNot) console.warn(`elevation e2e skipped: ${whyNot}`);

/** Root pins a map and a program, 0600: the user may see their names and modes, not open them. */
async function pinAsRoot(dir: string): Promise<void> {
  bpftoolMapCreate(join(dir, 'secret_map'), { type: 'hash', name: 'secret' });
  await bpftool(['prog', 'load', compileBpf('link_raw_tp').path, join(dir, 'secret_prog')]);
}

/** One serve as the test user on a fresh mount, for one describe block. */
function elevationSession(env: () => ElevationEnv): { session: AppSession; mount: () => PrivateBpffs } {
  let mount: PrivateBpffs;
  afterAll(() => mount?.cleanup());
  const session = useAppSession(async () => {
    mount = await mountPrivateBpffs();
    await pinAsRoot(mount.dir);
    return startServe(['--engine', 'native', '--bpffs', mount.dir], env());
  });
  return { session, mount: () => mount };
}

/** Before: the user's own agent, which cannot open root's 0600 pins. */
async function seesOnlyNames(app: AppPage, session: AppSession, env: ElevationEnv): Promise<void> {
  await hasText(app.page.getByLabel('Engine'), `native — uid ${env.uid}, no CAP_BPF`);
  const status = await session.rpc.api.connectionStatus({});
  expect(status).toMatchObject({ state: 'connected', via: 'direct', agent: { uid: env.uid } });
  const entries = await session.rpc.api.list({ path: '' });
  for (const name of ['secret_map', 'secret_prog']) {
    const entry = entries.find((e) => e.name === name);
    expect(entry?.object, name).toBeUndefined();
  }
}

/** After: the same pins are the map and program bpftool sees, in the RPC and in the tree. */
async function seesObjects(app: AppPage, session: AppSession, dir: string): Promise<void> {
  const map = await mapPinned(join(dir, 'secret_map'));
  const prog = await progPinned(join(dir, 'secret_prog'));
  expect(map && prog).toBeTruthy();
  await hasAttribute(app.treeItem('secret_map'), 'aria-label', `secret_map map hash id ${map!.id}`);
  await hasAttribute(app.treeItem('secret_prog'), 'aria-label', new RegExp(`^secret_prog prog \\S+ id ${prog!.id}$`));
  const entries = await session.rpc.api.list({ path: '' });
  expect(entries.find((e) => e.name === 'secret_map')?.object).toMatchObject({ kind: 'map', id: map!.id });
  expect(entries.find((e) => e.name === 'secret_prog')?.object).toMatchObject({ kind: 'prog', id: prog!.id });
}

/** The agent serving the window runs as root (real, effective and saved uid 0), by its pid in its hello. */
async function agentIsRoot(session: AppSession): Promise<void> {
  const status = await session.rpc.api.connectionStatus({});
  expect(status.agent?.uid).toBe(0);
  const uids = /^Uid:\s+(.*)$/m.exec(readFileSync(`/proc/${status.agent!.pid}/status`, 'utf8'))?.[1];
  expect(uids?.split(/\s+/)).toEqual(['0', '0', '0', '0']);
}

describe.skipIf(whyNot !== undefined)('elevation of serve --engine native run by a normal user', () => {
  let env: ElevationEnv;
  beforeAll(async () => void (env = await setUpElevation()), 120_000);
  // Registered first, so it runs last: after each block's serve (run by the user) has exited.
  afterAll(() => env?.cleanup());

  describe('with sudo and the password typed into bpfscope', () => {
    const { session, mount } = elevationSession(() => env);
    let app: AppPage;
    beforeAll(() => void ({ app } = session));

    it('shows the unprivileged view, with who it runs as in the header', async () => {
      await seesOnlyNames(app, session, env);
    });

    it('refuses a wrong password in the dialog and goes on as the user', async () => {
      await app.page.getByRole('banner').getByRole('button', { name: 'Authenticate…' }).click();
      const dialog = app.dialog('Authenticate');
      await hasText(dialog, `uid ${env.uid}, no CAP_BPF`);
      await dialog.getByLabel(`Password for ${env.user} (sudo)`).fill(`${env.password}-wrong`);
      await dialog.getByRole('button', { name: 'Authenticate with sudo' }).click();
      await hasText(dialog.getByRole('alert'), 'sudo did not accept the password');
      await hasText(dialog.getByRole('alert'), `bpfscope goes on as uid ${env.uid}, no CAP_BPF`);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await seesOnlyNames(app, session, env);
    });

    it('after the right password shows the same pins as the map and program bpftool sees', async () => {
      await app.page.getByRole('banner').getByRole('button', { name: 'Authenticate…' }).click();
      const dialog = app.dialog('Authenticate');
      await dialog.getByLabel(`Password for ${env.user} (sudo)`).fill(env.password);
      await dialog.getByRole('button', { name: 'Authenticate with sudo' }).click();
      await isGone(dialog);
      await hasText(app.page.getByLabel('Engine'), 'native — root via sudo');
      await hasText(app.notices, 'The engine now runs as root via sudo');
      await isGone(app.page.getByRole('banner').getByRole('button', { name: 'Authenticate…' }));
      await seesObjects(app, session, mount().dir);
      await agentIsRoot(session);
      // The password went to sudo's askpass and nowhere the page can read back.
      expect(await app.page.content()).not.toContain(env.password);
    });
  });

  describe('with pkexec, the shipped polkit action and a rule that allows the user', () => {
    const { session, mount } = elevationSession(() => env);
    let app: AppPage;
    beforeAll(() => void ({ app } = session));

    it('runs the launcher as root through polkit and serves the native tree', async () => {
      await seesOnlyNames(app, session, env);
      await app.page.getByRole('banner').getByRole('button', { name: 'Authenticate…' }).click();
      const dialog = app.dialog('Authenticate');
      await dialog.getByRole('button', { name: 'Authenticate with polkit' }).click();
      await isGone(dialog);
      await hasText(app.page.getByLabel('Engine'), 'native — root via pkexec');
      await seesObjects(app, session, mount().dir);
      await agentIsRoot(session);
      await isVisible(app.treeItem('secret_map'));
    });
  });
});
