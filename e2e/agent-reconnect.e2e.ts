// serve --engine native runs the engine in an agent child process. Killed, the agent is reported in the window
// with its signal; Reconnect starts a new one, and the tree shows what changed meanwhile.

import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { canMountBpffs, mountPrivateBpffs, type PrivateBpffs } from '../test/support/bpffs.js';
import { bpftoolMapCreate } from '../test/support/bpftool-map.js';

import { newFolder } from './flows/ui-actions.js';
import type { AppPage } from './pages/app-page.js';
import { bpftoolAvailable } from './support/bpftool.js';
import { type ServeProcess, startServe } from './support/server.js';
import { useAppSession } from './support/session.js';
import { hasText, isGone, isVisible } from './support/ui-expect.js';

const whyNot = canMountBpffs() ?? ((await bpftoolAvailable()) ? undefined : 'bpftool is not installed');
if (whyNot) console.warn(`agent e2e skipped: ${whyNot}`);

/** The agent: serve's only child process. */
function agentOf(servePid: number): number {
  const children = readFileSync(`/proc/${servePid}/task/${servePid}/children`, 'utf8').trim().split(/\s+/);
  expect(children).toHaveLength(1);
  return Number(children[0]);
}

const pinMap = (dir: string, name: string) => bpftoolMapCreate(join(dir, name), { type: 'hash', name });

describe.skipIf(whyNot !== undefined)('the agent behind serve --engine native', () => {
  let mount: PrivateBpffs;
  const session = useAppSession(async (): Promise<ServeProcess> => {
    mount = await mountPrivateBpffs();
    await pinMap(mount.dir, 'flows');
    return startServe(['--engine', 'native', '--bpffs', mount.dir]);
  });
  let app: AppPage;
  beforeAll(() => void ({ app } = session));
  afterAll(() => mount?.cleanup());

  it('shows a SIGKILLed agent as exited, and Reconnect brings the tree back up to date', async () => {
    const { page } = app;
    await isVisible(app.treeItem('flows'));
    const first = agentOf(session.serve.pid);
    process.kill(first, 'SIGKILL');

    const banner = page.getByRole('alert', { name: 'Connection' });
    await hasText(banner, 'The agent exited: SIGKILL');
    await hasText(app.notices, 'The agent exited: SIGKILL');
    // While it is down, another tool pins a map: the window cannot know until it is back.
    await pinMap(mount.dir, 'meanwhile');

    await banner.getByRole('button', { name: 'Reconnect' }).click();
    await isGone(banner);
    await isVisible(app.treeItem('meanwhile'));
    await hasText(app.notices, 'came back');
    const second = agentOf(session.serve.pid);
    expect(second).not.toBe(first);
    // The new agent serves the window: a folder made in the UI lands on the mount.
    await newFolder(app, '', 'after');
    await isVisible(app.treeItem('after'));
    expect(statSync(join(mount.dir, 'after')).isDirectory()).toBe(true);
  });
});
