// Pinned links in Chromium on both engines: selecting a link shows its type, its program (a
// button that selects the program's pin) and its attach target; the Unlink dialog for the link's last pin
// says what it detaches. Emulated: the demo host's xdp and tcx links. Native: a raw tracepoint link made
// here on a private bpffs from a clang-built program, checked from outside with `bpftool link show`.
import { closeSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { cString, objGet, objPin } from '../main/engine/native/commands.js';
import { ATTR_SIZE, addressOf, bpf } from '../main/engine/native/sys.js';
import { clangSkipReason, compileBpf } from '../test/support/bpf-objects.js';
import { canMountBpffs, mountPrivateBpffs, type PrivateBpffs } from '../test/support/bpffs.js';

import type { AppPage } from './pages/app-page.js';
import { bpftool, bpftoolAvailable, bpftoolJson } from './support/bpftool.js';
import { startServe } from './support/server.js';
import { useAppSession } from './support/session.js';
import { hasAttribute, hasText, isGone, isVisible } from './support/ui-expect.js';

const noNative =
  canMountBpffs() ?? clangSkipReason() ?? ((await bpftoolAvailable()) ? undefined : 'bpftool is not installed');
if (noNative) console.warn(`links e2e on the native engine skipped: ${noNative}`);

const BPF_RAW_TRACEPOINT_OPEN = 17;
const poll = { timeout: 10_000, interval: 100 };

/** BPF_RAW_TRACEPOINT_OPEN of the program pinned at `progPin` on `tp`; the link is pinned at `linkPin`. */
function pinRawTracepointLink(progPin: string, tp: string, linkPin: string): void {
  const progFd = objGet(progPin, 0);
  try {
    const name = cString(tp);
    const attr = Buffer.alloc(ATTR_SIZE);
    attr.writeBigUInt64LE(addressOf(name), 0);
    attr.writeUInt32LE(progFd, 8);
    const linkFd = bpf(BPF_RAW_TRACEPOINT_OPEN, attr);
    try {
      objPin(linkFd, linkPin);
    } finally {
      closeSync(linkFd);
    }
  } finally {
    closeSync(progFd);
  }
}

/** Selects the link and checks its details: target summary, the program line, and the program button. */
async function showsLink(
  app: AppPage,
  path: string,
  expected: { label: RegExp; target: string; prog: RegExp; progPin: string },
) {
  await app.reveal(path);
  await hasAttribute(app.row(path), 'aria-label', expected.label);
  await hasText(app.details.getByLabel('Attach target').first(), `Attached to ${expected.target}.`);
  const prog = app.details.getByLabel('Linked program');
  await hasText(prog, expected.prog);
  await prog.getByRole('button', { name: expected.progPin }).click();
  await hasText(app.details.getByRole('heading', { level: 2 }), expected.progPin);
  await isVisible(app.details.getByLabel('Disassembly'));
}

/** Opens Unlink on the link's last pin, checks what the dialog says, confirms, and dismisses the Undo toast. */
async function unlinksLink(app: AppPage, path: string, detaches: string, freed: RegExp) {
  await app.reveal(path);
  await app.action('Unlink').click();
  const d = app.dialog('Unlink');
  await hasText(d, freed);
  await hasText(d.getByLabel('What it detaches'), detaches);
  await d.getByRole('button', { name: 'Unlink' }).click();
  await isGone(d);
  await isGone(app.row(path));
  await app.page.getByRole('button', { name: 'Dismiss undo' }).click();
}

describe('links on the emulated engine (demo host)', () => {
  const session = useAppSession(() => startServe([]));

  it('an xdp link shows its type, its program (linked to the tree) and the interface it is attached to', async () => {
    await showsLink(session.app, 'xdp/xdp_link', {
      label: /^xdp_link link xdp id \d+/,
      target: 'ifindex 2',
      prog: /xdp program "xdp_prog_main" \(id \d+\) pinned at xdp\/xdp_prog_main/,
      progPin: 'xdp/xdp_prog_main',
    });
  });

  it('a tcx link names its attach type in the summary and in the target table', async () => {
    const app = session.app;
    await showsLink(app, 'tc/cali_tc_main_ingress', {
      label: /^cali_tc_main_ingress link tcx id \d+/,
      target: 'ifindex 2 (tcx_ingress)',
      prog: /sched_cls program "cali_tc_main" \(id \d+\) pinned at tc\/globals\/cali_tc_main/,
      progPin: 'tc/globals/cali_tc_main',
    });
    await app.reveal('tc/cali_tc_main_ingress');
    await hasText(app.details.getByRole('table', { name: 'Attach target' }), /attach_type\s+tcx_ingress \(46\)/);
  });

  it("unlinking the xdp link's last pin says it detaches the program; the link goes, the program stays", async () => {
    const { app, rpc } = session;
    const linkId = (await rpc.api.stat({ path: 'xdp/xdp_link' })).object?.id;
    expect(linkId).toBeGreaterThan(0);
    await unlinksLink(
      app,
      'xdp/xdp_link',
      'Detaches the xdp program xdp_prog_main from ifindex 2.',
      new RegExp(`This is the last reference: the link xdp \\(id ${linkId}\\) will be freed\\.`),
    );
    await expect(rpc.api.stat({ path: 'xdp/xdp_link' })).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await rpc.api.stat({ path: 'xdp/xdp_prog_main' })).object).toMatchObject({
      kind: 'prog',
      name: 'xdp_prog_main',
    });
  });
});

interface LinkShown {
  id: number;
  type: string;
  prog_id: number;
  tp_name?: string;
}

describe.skipIf(noNative !== undefined)('links on the native engine, checked by bpftool', () => {
  let mount: PrivateBpffs | undefined;
  afterAll(async () => {
    await mount?.cleanup();
  });
  const pinOf = (p: string): string => join(mount!.dir, p);
  const session = useAppSession(async () => {
    mount = await mountPrivateBpffs();
    mkdirSync(pinOf('trace'));
    await bpftool(['prog', 'load', compileBpf('link_raw_tp').path, pinOf('trace/on_sched_switch')]);
    pinRawTracepointLink(pinOf('trace/on_sched_switch'), 'sched_switch', pinOf('trace/switch_link'));
    return startServe(['--engine', 'native', '--bpffs', mount.dir]);
  });
  let before: LinkShown;
  beforeAll(async () => {
    before = await bpftoolJson<LinkShown>(['link', 'show', 'pinned', pinOf('trace/switch_link')]);
  });

  it('a raw tracepoint link shows the tracepoint and the program bpftool names', async () => {
    const prog = await bpftoolJson<{ id: number; name: string }>([
      'prog',
      'show',
      'pinned',
      pinOf('trace/on_sched_switch'),
    ]);
    expect(before).toMatchObject({ type: 'raw_tracepoint', prog_id: prog.id });
    await showsLink(session.app, 'trace/switch_link', {
      label: new RegExp(`^switch_link link raw_tracepoint id ${before.id}\\b`),
      target: 'raw tracepoint sched_switch',
      prog: new RegExp(`raw_tracepoint program "on_sched_switch" \\(id ${prog.id}\\) pinned at trace/on_sched_switch`),
      progPin: 'trace/on_sched_switch',
    });
  });

  it("unlinking the link's last pin says what it detaches; bpftool then finds no pin, and once the Undo window ends no link", async () => {
    await unlinksLink(
      session.app,
      'trace/switch_link',
      'Detaches the raw_tracepoint program on_sched_switch from raw tracepoint sched_switch.',
      new RegExp(`This is the last reference: the link raw_tracepoint \\(id ${before.id}\\) will be freed\\.`),
    );
    await expect(bpftoolJson(['link', 'show', 'pinned', pinOf('trace/switch_link')])).rejects.toThrow();
    // main holds the link through the Undo window (10 s); then the kernel detaches and frees it.
    const alive = (): Promise<boolean> =>
      bpftoolJson(['link', 'show', 'id', String(before.id)]).then(
        () => true,
        () => false,
      );
    await expect.poll(alive, { ...poll, timeout: 30_000 }).toBe(false);
    expect(await bpftoolJson(['prog', 'show', 'pinned', pinOf('trace/on_sched_switch')])).toMatchObject({
      name: 'on_sched_switch',
    });
  });
});
