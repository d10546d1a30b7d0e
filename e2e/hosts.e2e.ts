// Many hosts in one window, in Chromium: a custom-command host (the agent on a plain command line) is added by
// hand, connects with its own tree, is shown beside this computer with both maps open, is killed and shown
// "disconnected", comes back by itself and restores the expanded folder, the selection and the open map view.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

import { newFolder } from './flows/ui-actions.js';
import { AppPage } from './pages/app-page.js';
import { startServe } from './support/server.js';
import { useAppSession } from './support/session.js';
import { hasAttribute, hasText, isGone, isVisible } from './support/ui-expect.js';

const cli = fileURLToPath(new URL('../dist/main/cli.js', import.meta.url));
const config = mkdtempSync(join(tmpdir(), 'bpfscope-hosts-e2e-'));
afterAll(() => rmSync(config, { recursive: true, force: true }));

/** serve's only child: the custom command's agent (the emulated engine of this computer runs in serve). */
function agentOf(servePid: number): number {
  const children = readFileSync(`/proc/${servePid}/task/${servePid}/children`, 'utf8').trim().split(/\s+/);
  expect(children).toHaveLength(1);
  return Number(children[0]);
}

const rowsOf = (app: AppPage) =>
  app.scope.getByRole('table', { name: 'Map entries' }).locator('.entries-rows [role="row"]:not(.pending)');

describe('hosts', () => {
  const session = useAppSession(() =>
    startServe(['--allow-command-hosts'], undefined, { ...process.env, XDG_CONFIG_HOME: config, HOME: config }),
  );

  it('adds a custom-command host, shows two hosts side by side, and restores a dropped one', async () => {
    const { page } = session.app;
    const rail = page.getByRole('navigation', { name: 'Hosts' });
    const local = rail.getByRole('listitem', { name: 'This computer (emulated)' });
    await hasText(local, /connected as uid \d+ · .+ · /);
    await hasText(rail.getByRole('listitem', { name: 'This computer (native)' }), 'not connected');

    const command = `${process.execPath} ${cli} agent --stdio --engine emulated`;
    await rail.getByRole('button', { name: 'Add host…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add host' });
    await dialog.getByRole('radio', { name: 'Custom command' }).check();
    await dialog.getByRole('textbox', { name: /^Command/ }).fill(`${command} 'unclosed`);
    await hasText(dialog, 'unclosed');
    await dialog.getByRole('textbox', { name: /^Command/ }).fill(command);
    await dialog.getByRole('textbox', { name: /^Name in the list/ }).fill('lab agent');
    await dialog.getByRole('button', { name: 'Add and connect' }).click();
    await isGone(dialog);

    const item = rail.getByRole('listitem', { name: 'lab agent' });
    await hasText(item, /connected as uid \d+ · /);
    const saved = JSON.parse(readFileSync(join(config, 'bpfscope', 'hosts.json'), 'utf8'));
    expect(saved.hosts).toEqual([{ label: 'lab agent', spec: { kind: 'command', argv: command.split(' ') } }]);

    // Its own tree: a folder made there is not on this computer.
    const lab = new AppPage(page, page.getByRole('region', { name: 'Host lab agent' }));
    await lab.tree.getByRole('treeitem').first().waitFor();
    await isGone(await newFolder(lab, '', 'only-on-lab'));
    await isVisible(lab.treeItem('only-on-lab'));

    await local.getByRole('button', { name: 'Beside' }).click();
    const mine = new AppPage(page, page.getByRole('region', { name: 'Host This computer (emulated)' }));
    await mine.tree.getByRole('treeitem').first().waitFor();
    await isGone(mine.treeItem('only-on-lab'));

    // Two hosts' maps open at once.
    const labMap = await lab.reveal('tc/globals/cilium_ct4_global');
    await mine.reveal('tc/globals/cali_counters');
    const labRows = rowsOf(lab);
    await hasText(labRows, '→');
    await hasText(rowsOf(mine), /\d/);
    await hasAttribute(labMap, 'aria-selected', 'true');

    const first = agentOf(session.serve.pid);
    process.kill(first, 'SIGKILL');
    const labRegion = page.getByRole('region', { name: 'Host lab agent' });
    // One look at the whole window while it is down (it is retried after a second): rail, greyed workspace, and
    // the last tree still there.
    const downView = () =>
      page.evaluate(() => {
        const region = document.querySelector('section[aria-label="Host lab agent"]');
        const railItem = document.querySelector('nav[aria-label="Hosts"] li[aria-label="lab agent"]');
        return {
          greyed: region?.classList.contains('host-down') ?? false,
          bar: region?.querySelector('.workspace-bar')?.textContent ?? '',
          rail: railItem?.textContent ?? '',
          tree: region?.querySelector('[role="treeitem"][data-path="tc"]') !== null,
        };
      });
    await expect.poll(downView, { timeout: 10_000, interval: 50 }).toEqual({
      greyed: true,
      bar: expect.stringMatching(/disconnected \d+ s ago.*the agent exited: SIGKILL/),
      rail: expect.stringMatching(/disconnected \d+ s ago/),
      tree: true,
    });

    // It comes back by itself, with the folder still expanded, the map still selected and its view open again.
    await hasText(item, /connected as uid \d+ · /);
    await hasAttribute(labRegion, 'class', 'workspace');
    expect(agentOf(session.serve.pid)).not.toBe(first);
    await hasAttribute(lab.row('tc/globals'), 'aria-expanded', 'true');
    await hasAttribute(lab.row('tc/globals/cilium_ct4_global'), 'aria-selected', 'true');
    await hasText(labRows, '→');
    await isGone(lab.treeItem('only-on-lab'));
    await hasText(rowsOf(mine), /\d/);
  });
});
