// A snapshot opened in Chromium: `bpfscope snapshot` captures the demo host headlessly, a second `serve --snapshot`
// shows it read-only: the header names the capture, the tree, disassembly and BTF-decoded entries are there, and
// the toolbar's changing actions are disabled with a tooltip saying it is a snapshot; `snapshot-diff` and
// `snapshot-dump` read the same file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { startServe } from './support/server.js';
import { useAppSession } from './support/session.js';
import { hasAttribute, hasText, isDisabled, isVisible } from './support/ui-expect.js';

const cli = fileURLToPath(new URL('../dist/main/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'bpfscope-snap-e2e-'));
const file = join(dir, 'demo.bpfsnap');

describe('a snapshot in a second serve --snapshot', () => {
  const session = useAppSession(async () => {
    execFileSync(process.execPath, [cli, 'snapshot', '--engine', 'emulated', '-o', file], { stdio: 'pipe' });
    return startServe(['--snapshot', file]);
  });

  it('shows the captured tree, disassembly and decoded entries, and refuses changes', async () => {
    const { app, page } = { app: session.app, page: session.app.page };
    await hasText(page.getByLabel('Engine'), /snapshot of .+ at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    await app.reveal('xdp/xdp_prog_main');
    await hasText(app.details.getByLabel('Disassembly'), '(95) exit');
    await app.reveal('tc/globals/cilium_ct4_global');
    const table = page.getByRole('table', { name: 'Map entries' });
    await isVisible(table);
    await hasText(table, /(\d{1,3}\.){3}\d{1,3}:\d+ → (\d{1,3}\.){3}\d{1,3}:\d+ (tcp|udp)/);
    const newFolder = app.action('New folder');
    await isDisabled(newFolder);
    await hasAttribute(newFolder, 'title', /is a snapshot: it cannot be changed/);
    await isDisabled(app.action('Unlink'));
    const r = await session.rpc.api.mkdir({ path: 'x' }).then(
      () => 'ok',
      (e: { code?: string }) => e.code,
    );
    expect(r).toBe('EROFS');
  });

  it('diffs the file with itself (no changes) and dumps a captured map from the CLI', () => {
    const out = execFileSync(process.execPath, [cli, 'snapshot-diff', file, file], { encoding: 'utf8' });
    expect(out.trim().split('\n').slice(2)).toEqual(['no changes']);
    const dump = JSON.parse(
      execFileSync(process.execPath, [cli, 'snapshot-dump', file, 'tc/globals/cali_counters', '--json'], {
        encoding: 'utf8',
      }),
    ) as unknown[];
    expect(dump).toHaveLength(8);
  });
});
