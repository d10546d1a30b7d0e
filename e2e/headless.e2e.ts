// The headless CLI as a user runs it from a checkout after `npm run build`: npx bpfscope, the built dist/.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import type { DirEntry } from '../shared/engine.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

describe('npx bpfscope after npm run build', () => {
  it('ls --engine emulated --json tc/globals prints the demo folder as DirEntry JSON', async () => {
    const { stdout } = await run('npx', ['bpfscope', 'ls', '--engine', 'emulated', '--json', 'tc/globals'], {
      cwd: root,
    });
    const entries = JSON.parse(stdout) as DirEntry[];
    expect(entries.map((e) => e.name).sort()).toEqual([
      'cali_counters',
      'cali_jump',
      'cali_tc_main',
      'cilium_ct4_global',
      'cilium_policies',
    ]);
    expect(entries.find((e) => e.name === 'cilium_ct4_global')).toMatchObject({
      path: 'tc/globals/cilium_ct4_global',
      kind: 'map',
      object: { kind: 'map', type: 'lru_hash', id: expect.any(Number) },
    });
  });

  it('an unknown command prints every usage and exits 2', async () => {
    const err = (await run('npx', ['bpfscope', 'frobnicate'], { cwd: root }).catch((e: unknown) => e)) as {
      code: number;
      stderr: string;
    };
    expect(err.code).toBe(2);
    expect(err.stderr).toMatch(/usage: bpfscope serve/);
    expect(err.stderr).toMatch(/usage: bpfscope ls \[PATH\]/);
  });

  it('ls and dump read a capture with --snapshot, and refuse to change it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bpfscope-headless-snap-'));
    try {
      const file = join(dir, 'demo.bpfsnap');
      await run('npx', ['bpfscope', 'snapshot', '--engine', 'emulated', '-o', file], { cwd: root });
      const { stdout } = await run('npx', ['bpfscope', 'ls', '--snapshot', file, '--json', 'tc/globals'], {
        cwd: root,
      });
      const entries = JSON.parse(stdout) as DirEntry[];
      expect(entries.map((e) => e.name)).toContain('cilium_ct4_global');
      const dump = await run('npx', ['bpfscope', 'dump', '--snapshot', file, 'tc/globals/cali_counters', '--json'], {
        cwd: root,
      });
      expect(JSON.parse(dump.stdout)).toMatchObject({ entries: expect.any(Array) });
      const err = (await run('npx', ['bpfscope', 'unlink', '--snapshot', file, 'tc/globals/cali_jump'], {
        cwd: root,
      }).catch((e: unknown) => e)) as { code: number; stderr: string };
      expect(err.code).toBe(2);
      expect(err.stderr).toMatch(/read-only/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
