// Pin health on the kernel: a map pinned by bpftool (which then exits) is found as orphaned and explained; the maps of
// a clang-built object loaded with bpftool are used by its programs and are not, while those programs, pinned and
// attached nowhere, are; unlinking the orphan from the view warns of the last reference, and Undo brings it back.

import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { clangSkipReason, compileBpf } from '../test/support/bpf-objects.js';
import { canMountBpffs, mountPrivateBpffs, type PrivateBpffs } from '../test/support/bpffs.js';
import { bpftoolMapCreate } from '../test/support/bpftool-map.js';

import { bpftool, bpftoolAvailable, mapPinned } from './support/bpftool.js';
import { startServe } from './support/server.js';
import { useAppSession } from './support/session.js';
import { hasText, isGone, isVisible } from './support/ui-expect.js';

const whyNot =
  canMountBpffs() ?? clangSkipReason() ?? ((await bpftoolAvailable()) ? undefined : 'bpftool is not installed');
if (whyNot) console.warn(`pin health e2e skipped: ${whyNot}`);

describe.skipIf(whyNot !== undefined)('Pin health on the native engine', () => {
  let mount: PrivateBpffs;
  beforeAll(async () => {
    mount = await mountPrivateBpffs();
    bpftoolMapCreate(join(mount.dir, 'stale_map'), { type: 'hash', name: 'stale' });
    const obj = compileBpf('xdp_counter').path;
    await bpftool(['prog', 'loadall', obj, join(mount.dir, 'progs'), 'pinmaps', join(mount.dir, 'maps')]);
  });
  afterAll(async () => {
    await mount?.cleanup();
  });
  const session = useAppSession(() => startServe(['--engine', 'native', '--bpffs', mount.dir]));

  it('finds the orphaned map and the unattached programs, says what each means, and leaves used maps out', async () => {
    const { app } = session;
    await app.page.getByRole('tab', { name: 'Pin health' }).click();
    const finding = app.page.getByRole('listitem', { name: 'Orphaned map: stale_map' });
    await hasText(finding, 'No program uses this map');
    await hasText(finding, 'A loose pin');
    await hasText(finding, 'Safe action: Unlink: the map and its memory are freed');
    await hasText(app.row('stale_map'), 'orphaned');
    const prog = app.page.getByRole('listitem', { name: 'Program attached nowhere: progs/count_protocols' });
    await hasText(prog, 'No link attaches this program');
    await hasText(prog, 'Safe action: Unlink: the program is freed');
    await expect(app.page.getByRole('listitem', { name: /: maps\/proto_counts$/ }).count()).resolves.toBe(0);
  });

  it('unlinks it from the view with the last-reference warning, and Undo pins the same map again', async () => {
    const { app } = session;
    const id = (await mapPinned(join(mount.dir, 'stale_map')))?.id;
    expect(id).toBeGreaterThan(0);
    await app.page.getByRole('button', { name: 'Unlink stale_map…' }).click();
    const d = app.dialog('Unlink');
    await hasText(d, 'This is the last reference');
    await d.getByRole('button', { name: 'Unlink' }).click();
    await isGone(app.page.getByRole('listitem', { name: 'Orphaned map: stale_map' }));
    await expect.poll(() => mapPinned(join(mount.dir, 'stale_map'))).toBeUndefined();
    const toast = app.page.getByRole('status', { name: 'Undo unlink' });
    await toast.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(async () => (await mapPinned(join(mount.dir, 'stale_map')))?.id).toBe(id);
    await isVisible(app.page.getByRole('listitem', { name: 'Orphaned map: stale_map' }));
  });
});
