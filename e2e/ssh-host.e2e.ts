// An ssh host in Chromium, against a real sshd on loopback: the user adds user@127.0.0.1:PORT, trusts the host key
// and types the sudo password in bpfscope's own dialogs, and bpfscope ships its agent there by itself. The remote's
// (private) bpffs is browsed and changed through the same UI, checked with bpftool; the ssh process is killed, the
// host shows "disconnected", comes back and restores the open folder, the selection and the map view, beside this
// computer's emulated host.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { canMountBpffs, mountPrivateBpffs, type PrivateBpffs } from '../test/support/bpffs.js';
import { bpftoolMapCreate } from '../test/support/bpftool-map.js';
import { sshdSkipReason, startSshd, type TestSshd } from '../test/support/sshd.js';

import { newFolder, newHashMap } from './flows/ui-actions.js';
import { AppPage } from './pages/app-page.js';
import { bpftool, mapPinned } from './support/bpftool.js';
import { startServe } from './support/server.js';
import { useAppSession } from './support/session.js';
import { hasAttribute, hasText, isGone, isVisible } from './support/ui-expect.js';

const skip = sshdSkipReason() ?? canMountBpffs();
if (skip) console.log(`ssh host e2e skipped: ${skip}`);

/** serve's children whose command is ssh (the connection to the test's sshd). */
function sshChildren(servePid: number): number[] {
  const pids = readdirSync(`/proc/${servePid}/task`).flatMap((t) =>
    readFileSync(`/proc/${servePid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
  );
  return pids.filter((pid) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'ssh');
}

const rowsOf = (app: AppPage) =>
  app.scope.getByRole('table', { name: 'Map entries' }).locator('.entries-rows [role="row"]:not(.pending)');

/** The entries of the open map view, scrolled into sight (rows are drawn only where the table is seen). */
async function entriesOf(app: AppPage): Promise<ReturnType<typeof rowsOf>> {
  await app.scope.getByRole('table', { name: 'Map entries' }).scrollIntoViewIfNeeded();
  return rowsOf(app);
}

describe.skipIf(skip !== undefined)('an ssh host', () => {
  let sshd: TestSshd;
  let mount: PrivateBpffs;
  const home = mkdtempSync(join(tmpdir(), 'bpfscope-ssh-e2e-'));
  const knownHosts = join(home, 'known_hosts');
  beforeAll(async () => {
    sshd = await startSshd();
    mount = await mountPrivateBpffs();
    // A map with an entry, made outside bpfscope, for the map view.
    const pre = join(mount.dir, 'pre');
    bpftoolMapCreate(pre, { type: 'hash', name: 'pre' });
    await bpftool([
      'map',
      'update',
      'pinned',
      pre,
      'key',
      '7',
      '0',
      '0',
      '0',
      'value',
      '42',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
    ]);
    // ssh's own files stay in the test's dir: its known_hosts starts empty, root's ~/.ssh is never read or written.
    writeFileSync(
      join(home, 'ssh_config'),
      [
        'Host 127.0.0.1',
        `  IdentityFile ${sshd.identityFile}`,
        '  IdentitiesOnly yes',
        `  UserKnownHostsFile ${knownHosts}`,
        '  GlobalKnownHostsFile /dev/null',
        '  StrictHostKeyChecking ask',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await session.serve?.stop();
    await mount?.cleanup();
    await sshd?.stop();
    rmSync(home, { recursive: true, force: true });
  });
  const session = useAppSession(() =>
    startServe([], undefined, {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: home,
      BPFSCOPE_SSH_CONFIG: join(home, 'ssh_config'),
    }),
  );

  it('adds, connects, ships the agent, changes the remote bpffs and comes back after a drop', async () => {
    const { page } = session.app;
    const rail = page.getByRole('navigation', { name: 'Hosts' });
    await rail.getByRole('button', { name: 'Add host…' }).click();
    const add = page.getByRole('dialog', { name: 'Add host' });
    await add.getByRole('textbox', { name: /^Destination/ }).fill(`${sshd.user}@127.0.0.1:${sshd.port}`);
    await add.getByRole('textbox', { name: /^bpffs mount/ }).fill(mount.dir);
    await add.getByRole('textbox', { name: /^Name in the list/ }).fill('loopback');
    await add.getByRole('button', { name: 'Add and connect' }).click();
    await isGone(add);

    // The host key, with its fingerprint, is asked in bpfscope's dialog; cancelled, nothing is sent and nothing
    // retried until the user presses Connect.
    const fingerprint = execFileSync('ssh-keygen', ['-lf', sshd.hostKeyPub], { encoding: 'utf8' }).split(' ')[1]!;
    const hostKey = page.getByRole('dialog', { name: 'Trust this host key?' });
    await hasText(hostKey, fingerprint);
    await hostKey.getByRole('button', { name: 'Cancel' }).click();
    const item = rail.getByRole('listitem', { name: 'loopback' });
    await hasText(item, 'was not accepted, so nothing was sent');
    await hasText(item.locator('.host-state'), /^disconnected \d+ s ago$/);
    expect(existsSync(join(sshd.home, '.cache/bpfscope'))).toBe(false);
    await item.getByRole('button', { name: 'Connect' }).click();
    await hasText(hostKey, fingerprint);
    await hostKey.getByRole('button', { name: 'Trust and connect' }).click();
    await isGone(hostKey);
    await expect
      .poll(() => (existsSync(knownHosts) ? readFileSync(knownHosts, 'utf8') : ''))
      .toContain(`[127.0.0.1]:${sshd.port}`);

    const sudo = async () => {
      const dialog = page.getByRole('dialog', { name: 'sudo password' });
      await hasText(dialog, `password for ${sshd.user}`);
      const field = dialog.getByLabel('Answer');
      await hasAttribute(field, 'type', 'password');
      await field.fill(sshd.password);
      await dialog.getByRole('button', { name: 'OK' }).click();
      await isGone(dialog);
    };
    await sudo();

    await hasText(item, new RegExp(`connected as uid 0 · .+ · ${mount.dir}`));
    // The agent was shipped into the remote user's cache.
    const cache = join(sshd.home, '.cache/bpfscope');
    const [agentDir] = readdirSync(cache).filter((d) => d.startsWith('agent-'));
    const shipped = statSync(join(cache, agentDir!, 'bpfscope-agent.cjs'));

    const remote = new AppPage(page, page.getByRole('region', { name: 'Host loopback' }));
    await isVisible(remote.row('pre'));
    await isGone(await newFolder(remote, '', 'remote'));
    await isVisible(remote.row('remote'));
    // Created and pinned through the New map dialog, then pinned a second time from the Objects pane.
    await isGone(await newHashMap(remote, 'remote', 'over_ssh', 'remote/over_ssh'));
    const made = await mapPinned(join(mount.dir, 'remote/over_ssh'));
    expect(made).toMatchObject({ name: 'over_ssh', type: 'hash' });
    await remote.scope.getByRole('tab', { name: 'Objects' }).click();
    await remote.scope.getByRole('button', { name: `Pin map ${made!.id} to…` }).click();
    const pinTo = remote.dialog('Pin to');
    await pinTo.getByLabel('Folder').selectOption('remote');
    await pinTo.getByLabel('Name').fill('again');
    await pinTo.getByRole('button', { name: 'Pin' }).click();
    await isGone(pinTo);
    await expect.poll(async () => (await mapPinned(join(mount.dir, 'remote/again')))?.id).toBe(made!.id);
    await remote.reveal('remote/over_ssh');
    await remote.action('Unlink').click();
    const unlink = remote.dialog('Unlink');
    await unlink.getByRole('button', { name: 'Unlink' }).click();
    await isGone(unlink);
    await expect.poll(() => mapPinned(join(mount.dir, 'remote/over_ssh'))).toBeUndefined();

    // Beside this computer's emulated host, each with a map open.
    await rail
      .getByRole('listitem', { name: 'This computer (emulated)' })
      .getByRole('button', { name: 'Beside' })
      .click();
    const mine = new AppPage(page, page.getByRole('region', { name: 'Host This computer (emulated)' }));
    await mine.reveal('tc/globals/cali_counters');
    await hasText(rowsOf(mine), /\d/);
    await remote.reveal('remote/again');
    await remote.reveal('pre');
    await hasText(await entriesOf(remote), '42');

    // The ssh connection dropped: disconnected, the last tree kept; then back by itself (sudo asks again).
    const [ssh] = sshChildren(session.serve.pid);
    expect(ssh).toBeGreaterThan(0);
    process.kill(ssh!, 'SIGKILL');
    await hasText(item, /disconnected \d+ s ago/);
    const region = page.getByRole('region', { name: 'Host loopback' });
    await hasAttribute(region, 'class', /host-down/);
    await isVisible(remote.row('pre'));
    await sudo();
    await hasText(item, /connected as uid 0 · /);
    await hasAttribute(region, 'class', 'workspace');
    expect(sshChildren(session.serve.pid)).not.toContain(ssh);
    await hasAttribute(remote.row('remote'), 'aria-expanded', 'true');
    await hasAttribute(remote.row('pre'), 'aria-selected', 'true');
    await hasText(await entriesOf(remote), '42');
    await hasText(rowsOf(mine), /\d/);
    // The second connection reused the agent already there.
    const reused = statSync(join(cache, agentDir!, 'bpfscope-agent.cjs'));
    expect([reused.ino, reused.mtimeMs]).toEqual([shipped.ino, shipped.mtimeMs]);
  });
});
