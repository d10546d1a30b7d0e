// The CLI on a folder of scenarios outside the repo: passing, malformed and unreadable files are judged
// and counted, and the exit code says whether everything passed.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { nativeUnavailable } from './engines.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const TSX = join(REPO, 'node_modules', '.bin', 'tsx');
const why = nativeUnavailable();

const isRoot = process.getuid?.() === 0;
const AS_NOBODY = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
/** As root, the "not root" path is exercised by dropping to nobody, which must be able to reach the repo. */
const unprivilegedUnavailable = !isRoot
  ? undefined
  : spawnSync(AS_NOBODY[0]!, [
        ...AS_NOBODY.slice(1),
        process.execPath,
        '-e',
        `require('fs').accessSync(${JSON.stringify(TSX)})`,
      ]).status === 0
    ? undefined
    : `nobody cannot reach ${REPO} (a parent folder is private), so the not-root run cannot be staged`;
if (unprivilegedUnavailable) console.warn(`[conformance/cli.test.ts] one test skipped: ${unprivilegedUnavailable}`);

function runCli(args: string[], opts: { asUnprivileged?: boolean } = {}): { code: number | null; out: string } {
  const cmd = [TSX, join(REPO, 'conformance', 'cli.ts'), ...args];
  const argv = opts.asUnprivileged && isRoot ? [...AS_NOBODY, ...cmd] : cmd;
  const r = spawnSync(argv[0]!, argv.slice(1), { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const GOOD = {
  name: 'pin into a missing dir',
  ops: [
    { op: 'map_create', as: 'm', type: 'hash', key_size: 4, value_size: 8, max_entries: 4, flags: [], name: 'm' },
    { op: 'pin', handle: 'm', path: 'nodir/m' },
    { op: 'mkdir', path: 'nodir' },
    { op: 'pin', handle: 'm', path: 'nodir/m' },
    { op: 'list', path: 'nodir' },
  ],
};
const ALSO_GOOD = {
  name: 'mkdir twice',
  ops: [
    { op: 'mkdir', path: 'd' },
    { op: 'mkdir', path: 'd' },
    { op: 'stat', path: 'd' },
  ],
};

describe('npm run conformance -- DIR', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bpfscope-scenarios-'));
    writeFileSync(join(dir, 'a-good.json'), JSON.stringify(GOOD));
    writeFileSync(join(dir, 'b-good.json'), JSON.stringify(ALSO_GOOD));
    writeFileSync(join(dir, 'c-unknown-op.json'), JSON.stringify({ name: 'typo', ops: [{ op: 'mkdri', path: 'd' }] }));
    writeFileSync(join(dir, 'd-not-json.json'), '{"name": "cut off", "ops": [');
    writeFileSync(join(dir, 'notes.txt'), 'not a scenario, not read');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(why !== undefined)(
    'passes the good scenarios, reports the malformed ones, counts both and exits non-zero',
    () => {
      const { code, out } = runCli([dir]);
      expect(out).toMatch(/^ok +pin into a missing dir/m);
      expect(out).toMatch(/^ok +mkdir twice/m);
      expect(out).toMatch(/c-unknown-op\.json: not a valid scenario/);
      expect(out).toMatch(/d-not-json\.json: not valid JSON/);
      expect(out.trimEnd().split('\n').at(-1)).toBe('2 passed, 2 failed');
      expect(code).not.toBe(0);
    },
  );

  it.skipIf(why !== undefined)('exits zero when every scenario of the folder passes', () => {
    const only = mkdtempSync(join(tmpdir(), 'bpfscope-scenarios-'));
    try {
      writeFileSync(join(only, 'good.json'), JSON.stringify(GOOD));
      const { code, out } = runCli([only]);
      expect(out.trimEnd().split('\n').at(-1)).toBe('1 passed, 0 failed');
      expect(code).toBe(0);
    } finally {
      rmSync(only, { recursive: true, force: true });
    }
  });

  it('with --emulated-only compares two emulated runs and still reports malformed files', () => {
    const { code, out } = runCli(['--emulated-only', dir]);
    expect(out.trimEnd().split('\n').at(-1)).toBe('2 passed, 2 failed');
    expect(code).not.toBe(0);
  });

  it('reports a missing folder as a failure', () => {
    const { code, out } = runCli(['--emulated-only', join(dir, 'nope')]);
    expect(out).toMatch(/cannot read the folder/);
    expect(out.trimEnd().split('\n').at(-1)).toBe('0 passed, 1 failed');
    expect(code).not.toBe(0);
  });

  it.skipIf(unprivilegedUnavailable !== undefined)(
    'without root says in one line that native cannot run, and exits non-zero',
    () => {
      chmodSync(dir, 0o755);
      const { code, out } = runCli([dir], { asUnprivileged: true });
      expect(out.trim().split('\n')).toHaveLength(1);
      expect(out).toMatch(/cannot run the native engine/);
      expect(code).not.toBe(0);
    },
  );
});
