// Program and link details in Chromium: the disassembly in bpftool's syntax with map references linked, and
// the run statistics toggle. On native the program is compiled from test/bpf/prog_details.c, loaded by bpftool,
// and the page's disassembly is compared with `bpftool prog dump xlated` line by line; the statistics switch
// is checked from outside in /proc/sys/kernel/bpf_stats_enabled.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { clangSkipReason, compileBpf } from '../test/support/bpf-objects.js';
import { canMountBpffs, mountPrivateBpffs, type PrivateBpffs } from '../test/support/bpffs.js';
import { pinCounterProgram } from '../test/support/programs.js';

import { bpftool, bpftoolAvailable, bpftoolJson } from './support/bpftool.js';
import { startServe } from './support/server.js';
import { useAppSession } from './support/session.js';
import { hasText, isGone, isVisible } from './support/ui-expect.js';

const noNative =
  canMountBpffs() ?? clangSkipReason() ?? ((await bpftoolAvailable()) ? undefined : 'bpftool is not installed');
if (noNative) console.warn(`program-details e2e on the native engine skipped: ${noNative}`);

/** The checkbox follows the store, which changes once main answered: click, then wait for the state. */
async function setToggle(toggle: Locator, on: boolean): Promise<void> {
  await toggle.click();
  await expect.poll(() => toggle.isChecked()).toBe(on);
}

/** Map references are written differently (bpftool: map[id:N]; the page: the map's name). */
const normalize = (lines: string[]): string[] => lines.map((l) => l.replace(/map\[[^\]]*\]/g, 'map[]').trimEnd());

describe('program details on the emulated engine (demo host, traffic running)', () => {
  const session = useAppSession(() => startServe([]));

  beforeAll(async () => {
    const api = session.rpc.api;
    await api.mkdir({ path: 'pd' });
    await pinCounterProgram(api, 'pd/hits', 'pd/counter');
  });

  it("shows the disassembly; the map reference selects the map's pin", async () => {
    const app = session.app;
    await app.reveal('pd/counter');
    const disasm = app.details.getByLabel('Disassembly');
    // The array lookup is inlined, as the kernel does.
    await hasText(disasm, '7: (35) if r0 >= 0x1 goto pc+3');
    await hasText(disasm, '12: (15) if r0 == 0x0 goto pc+1');
    await hasText(disasm, '3: (18) r1 = map[hits]');
    await disasm.getByRole('button', { name: 'map[hits]' }).click();
    await hasText(app.details.getByRole('heading', { level: 2 }), 'pd/hits');
    await isVisible(app.details.getByRole('table', { name: 'Map entries' }));
  });

  it('"Collect run statistics" makes the counters move and shows a live rate; off stops it', async () => {
    const app = session.app;
    await app.reveal('xdp/xdp_prog_main');
    const table = app.details.getByRole('table', { name: 'Program details' });
    await hasText(table, /Run count\s+0\b/);
    const toggle = app.details.getByRole('checkbox', { name: 'Collect run statistics' });
    await setToggle(toggle, true);
    await hasText(table, /Run count\s+[1-9]/);
    await hasText(table, /Average per run\s+[\d,]+ ns/);
    await hasText(app.details.getByLabel('Run rate'), /[1-9][\d,]* runs\/s/);
    await setToggle(toggle, false);
    await isGone(app.details.getByLabel('Run rate'));
  });
});

describe.skipIf(noNative !== undefined)('program details on the native engine', () => {
  let mount: PrivateBpffs | undefined;
  afterAll(async () => {
    await mount?.cleanup();
  });
  const session = useAppSession(async () => {
    mount = await mountPrivateBpffs();
    return startServe(['--engine', 'native', '--bpffs', mount.dir]);
  });

  beforeAll(async () => {
    await bpftool(['prog', 'load', compileBpf('prog_details').path, join(mount!.dir, 'counter')]);
  });

  it('the disassembly of a clang-built program matches bpftool prog dump xlated line for line', async () => {
    const app = session.app;
    await app.reveal('counter');
    const disasm = app.details.getByLabel('Disassembly');
    await hasText(disasm, /call pc[+-]\d+#bpf_prog_[0-9a-f]{16}_verdict/);
    const shown = (await disasm.locator('.disasm-line').allTextContents()).filter((l) => l.trim() !== '');
    const dump = execFileSync('bpftool', ['prog', 'dump', 'xlated', 'pinned', join(mount!.dir, 'counter')], {
      encoding: 'utf8',
    });
    const expected = dump.split('\n').filter((l) => /^\s*\d+: /.test(l));
    expect(expected.length).toBeGreaterThan(10);
    expect(normalize(shown)).toEqual(normalize(expected));
    await hasText(disasm, 'map[ifindex_counts]');
  });

  it('the statistics toggle holds BPF_ENABLE_STATS while on: test runs count in run_cnt, seen by bpftool too', async () => {
    const app = session.app;
    const pin = join(mount!.dir, 'counter');
    await app.reveal('counter');
    const packet = join(mkdtempSync(join(tmpdir(), 'bpfscope-pkt-')), 'packet');
    writeFileSync(packet, Buffer.alloc(64));
    const runTwice = (): Promise<void> => bpftool(['prog', 'run', 'pinned', pin, 'data_in', packet, 'repeat', '2']);
    const runCnt = async (): Promise<number> =>
      (await bpftoolJson<{ run_cnt?: number }>(['prog', 'show', 'pinned', pin])).run_cnt ?? 0;
    const toggle = app.details.getByRole('checkbox', { name: 'Collect run statistics' });
    await setToggle(toggle, true);
    await runTwice();
    const counted = await runCnt();
    expect(counted).toBeGreaterThanOrEqual(2);
    await hasText(app.details.getByRole('table', { name: 'Program details' }), /Run count\s+[1-9]/);
    await hasText(app.details.getByLabel('Run rate'), /runs\/s|Measuring/);
    await setToggle(toggle, false);
    await isGone(app.details.getByLabel('Run rate'));
    // With the sysctl off and our fd closed, the kernel stops counting (unless another process holds stats on).
    if (readFileSync('/proc/sys/kernel/bpf_stats_enabled', 'utf8').trim() === '0') {
      await runTwice();
      expect(await runCnt()).toBe(counted);
    }
  });
});
