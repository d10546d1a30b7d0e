// Figure 6: the 1M-entry full read and the first rows over a loopback ssh host (a test sshd, the agent shipped by
// the boot and run as root through sudo) beside the same agent file run locally through a pipe, interleaved.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import type { AppEvent, RpcResult } from '../shared/contract.js';
import type { MapViewOpened, MapViewWindow } from '../shared/mapview.js';

import type { HostPort } from '../main/host/port.js';
import { connectAgent, type HostConnection } from '../main/host-connection/connection.js';
import { directLauncher } from '../main/host-connection/launcher.js';
import { sshLauncher } from '../main/host-connection/ssh.js';
import { SSH_ALIAS, sshdSkipReason, startSshd, type TestSshd } from '../test/support/sshd.js';

import { fullRead, PIN } from './measure-agent.js';
import { DUMP_ENTRIES } from './measure-dump.js';
import { progress, ratio, yieldToEventLoop } from './timing.js';
import { buildBpfRef, repoRoot, runTool } from './tools.js';

const ROUNDS = 5;

export interface SshFigure {
  entries: number;
  local_s: number | null;
  ssh_s: number | null;
  /** ssh_s / local_s; the target is <= 1.3. */
  ssh_vs_local: number | null;
  local_first_rows_ms: number | null;
  /** From mapViewOpen to the first window with rows, over ssh; the target is <= 300. */
  ssh_first_rows_ms: number | null;
  skipped: string[];
  errors: string[];
}

function value<T>(r: RpcResult): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** Milliseconds from mapViewOpen to the first window that has rows (served while the first read still runs). */
async function firstRows(host: HostPort): Promise<number> {
  let view = -1;
  let wake: () => void = () => undefined;
  const off = host.subscribe((e: AppEvent) => {
    if (e.type === 'map-view-updated' && e.view === view) wake();
  });
  try {
    const t0 = performance.now();
    view = value<MapViewOpened>(await host.dispatch('mapViewOpen', { path: PIN, refreshMs: 10_000 })).view;
    for (;;) {
      const updated = new Promise<void>((r) => (wake = r));
      const w = value<MapViewWindow>(await host.dispatch('mapViewWindow', { view, offset: 0, count: 100 }));
      if (w.count > 0) return performance.now() - t0;
      await updated;
    }
  } finally {
    off();
    if (view > 0) await host.dispatch('mapViewClose', { view });
  }
}

export async function measureSsh(bpffs: string | null): Promise<SshFigure> {
  const fig: SshFigure = {
    entries: DUMP_ENTRIES,
    local_s: null,
    ssh_s: null,
    ssh_vs_local: null,
    local_first_rows_ms: null,
    ssh_first_rows_ms: null,
    skipped: [],
    errors: [],
  };
  if (bpffs === null) return fig;
  const cannot = sshdSkipReason();
  const ref = buildBpfRef();
  if (cannot || 'skipped' in ref) {
    fig.skipped.push(`ssh: ${cannot ?? (ref as { skipped: string }).skipped}`);
    return fig;
  }
  progress('ssh: building the shippable agent (scripts/agent-bundle.mjs) and starting a loopback sshd');
  const agentDir = mkdtempSync(path.join(tmpdir(), 'bpfscope-bench-agent-'));
  let sshd: TestSshd | undefined;
  const open: HostConnection[] = [];
  try {
    execFileSync(process.execPath, [path.join(repoRoot, 'scripts/agent-bundle.mjs'), agentDir], { stdio: 'pipe' });
    sshd = await startSshd();
    progress(`ssh: filling ${DUMP_ENTRIES} entries with bpf-ref`);
    runTool(ref.binary, ['fill', path.join(bpffs, PIN), 'hash', String(DUMP_ENTRIES)]);
    const agentArgs = ['--engine', 'native', '--bpffs', bpffs];
    const password = sshd.password;
    const log = (line: string) => progress(`ssh: ${line}`);
    const cliPath = path.join(agentDir, 'bpfscope-agent.cjs');
    const local = connectAgent(directLauncher({ cliPath, agentArgs }), { log });
    const ssh = connectAgent(
      sshLauncher({
        destination: SSH_ALIAS,
        agentArgs,
        extraSshArgs: ['-F', sshd.clientConfig],
        agentDir,
        useInstalled: false,
        prompt: async (q) => (q.kind === 'hostkey' ? 'yes' : q.kind === 'sudo-password' ? password : null),
        log,
      }),
      { log },
    );
    open.push(local, ssh);
    for (const c of open) {
      const status = await c.ready();
      if (status.state !== 'connected') throw new Error(`${status.via} did not connect: ${status.reason}`);
    }
    const best = { local: Number.POSITIVE_INFINITY, ssh: Number.POSITIVE_INFINITY, localFirst: 0, sshFirst: 0 };
    best.localFirst = best.sshFirst = Number.POSITIVE_INFINITY;
    progress('ssh: warm-up round, locally and over ssh');
    await fullRead(local);
    await fullRead(ssh);
    for (let i = 0; i < ROUNDS; i++) {
      progress(`ssh: round ${i + 1} of ${ROUNDS}: first rows and full read, locally then over ssh`);
      await yieldToEventLoop();
      best.localFirst = Math.min(best.localFirst, await firstRows(local));
      best.local = Math.min(best.local, await fullRead(local));
      await yieldToEventLoop();
      best.sshFirst = Math.min(best.sshFirst, await firstRows(ssh));
      best.ssh = Math.min(best.ssh, await fullRead(ssh));
    }
    fig.local_s = best.local;
    fig.ssh_s = best.ssh;
    fig.ssh_vs_local = ratio(best.ssh, best.local);
    fig.local_first_rows_ms = Math.round(best.localFirst);
    fig.ssh_first_rows_ms = Math.round(best.sshFirst);
  } catch (e) {
    fig.errors.push(`ssh: ${(e as Error).message}`);
  } finally {
    await Promise.all(open.map((c) => c.dispose()));
    await sshd?.stop();
    rmSync(agentDir, { recursive: true, force: true });
  }
  return fig;
}
