// `bpfscope snapshot --host H` captures another host's agent, reached as ls/info/dump reach it: here a command:
// host running the agent on the emulated demo; the file holds that host's tree and entries.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { formatCommandLine } from '../../shared/host-address.js';

import { agentCli } from '../../test/support/agent.js';
import { runCli } from '../../test/support/cli-run.js';

import { createEmulatedEngine } from '../engine/emulated/index.js';
import { createHost } from '../host/create-host.js';
import { readSnapshotFile } from './open.js';

const dir = mkdtempSync(join(tmpdir(), 'bpfscope-snap-host-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(() => agentCli());

describe('bpfscope snapshot --host', { timeout: 180_000 }, () => {
  it("captures a command: host's agent: the demo's tree and entries", async () => {
    const agent = formatCommandLine([process.execPath, await agentCli(), 'agent', '--stdio', '--engine', 'emulated']);
    const file = join(dir, 'remote.bpfsnap');
    const run = await runCli(['snapshot', '--host', `command:${agent}`, '--maps', 'tc/**', '-o', file]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const snap = await readSnapshotFile(file);
    const demo = createHost(createEmulatedEngine({ demo: true, traffic: false }));
    try {
      const r = await demo.dispatch('list', { path: 'tc/globals' });
      const names = r.ok ? (r.value as { name: string }[]).map((e) => e.name) : [];
      expect(snap.nodes.filter((n) => n.parent === 'tc/globals').map((n) => n.name)).toEqual(names);
    } finally {
      await demo.dispose();
    }
    const states = [...snap.objects.values()].flatMap((o) =>
      o.info.kind === 'map' ? [[o.pins[0], o.entries?.state]] : [],
    );
    expect(states).toContainEqual(['tc/globals/cilium_ct4_global', 'complete']);
    expect(states).toContainEqual(['xdp/xdp_stats_map', 'skipped']);
  });

  it('refuses options that are not for a capture, with the usage', async () => {
    const run = await runCli(['snapshot', '--json', '-o', join(dir, 'x.bpfsnap')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^bpfscope: unknown option --json\nusage: bpfscope snapshot/);
  });
});
