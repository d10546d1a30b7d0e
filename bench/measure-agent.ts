// Figure 5: the full read of a 1M-entry hash as the UI does it (open a map view, wait for its first complete read,
// fetch every row in windows, close it), through the agent pipe and in process, interleaved in the same run.
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import type { AppEvent, RpcResult } from '../shared/contract.js';
import { MAX_WINDOW_ROWS, type MapViewOpened, type MapViewWindow } from '../shared/mapview.js';

import type { HostPort } from '../main/host/port.js';
import { connectAgent } from '../main/host-connection/connection.js';
import { directLauncher } from '../main/host-connection/launcher.js';

import { DUMP_ENTRIES } from './measure-dump.js';
import { buildApp } from './serve.js';
import { progress, ratio, yieldToEventLoop } from './timing.js';
import { buildBpfRef, repoRoot, runTool } from './tools.js';

export const PIN = 'agent_hash_1m';
/** Window requests a full read keeps in flight. */
const IN_FLIGHT = 4;
/** A full read takes about a second and crosses two processes, which a shared machine jostles: more rounds. */
const ROUNDS = 5;

export interface AgentFigure {
  entries: number;
  in_process_s: number | null;
  agent_s: number | null;
  /** agent_s / in_process_s: the pipe's cost; the target is <= 1.15. */
  agent_vs_in_process: number | null;
  skipped: string[];
  errors: string[];
}

function value<T>(r: RpcResult): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** Seconds from mapViewOpen to the last row of the last window; checks that every row came. */
export async function fullRead(host: HostPort): Promise<number> {
  let view = -1;
  let complete!: () => void;
  const done = new Promise<void>((r) => (complete = r));
  const off = host.subscribe((e: AppEvent) => {
    if (e.type === 'map-view-updated' && e.view === view && e.complete) complete();
  });
  try {
    const t0 = performance.now();
    // The longest refresh interval: no second read starts while the rows are fetched.
    view = value<MapViewOpened>(await host.dispatch('mapViewOpen', { path: PIN, refreshMs: 10_000 })).view;
    await done;
    let rows = 0;
    let next = 0;
    // A reader that wants every row keeps a few windows in flight; in process that changes nothing.
    const reader = async (): Promise<void> => {
      while (next < DUMP_ENTRIES) {
        const offset = next;
        next += MAX_WINDOW_ROWS;
        const w = value<MapViewWindow>(await host.dispatch('mapViewWindow', { view, offset, count: MAX_WINDOW_ROWS }));
        if (w.keys.byteLength !== w.count * w.keySize || w.values.byteLength !== w.count * w.valueSize)
          throw new Error(`window at ${offset}: ${w.keys.byteLength} key bytes for ${w.count} rows`);
        rows += w.count;
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, reader));
    const seconds = (performance.now() - t0) / 1000;
    if (rows !== DUMP_ENTRIES) throw new Error(`read ${rows} rows, expected ${DUMP_ENTRIES}`);
    return seconds;
  } finally {
    off();
    if (view > 0) await host.dispatch('mapViewClose', { view });
  }
}

export async function measureAgent(bpffs: string | null): Promise<AgentFigure> {
  const fig: AgentFigure = {
    entries: DUMP_ENTRIES,
    in_process_s: null,
    agent_s: null,
    agent_vs_in_process: null,
    skipped: [],
    errors: [],
  };
  if (bpffs === null) return fig; // run.ts has already said why there is no private bpffs
  const ref = buildBpfRef();
  if ('skipped' in ref) {
    fig.skipped.push(`agent: cannot fill the map: ${ref.skipped}`);
    return fig;
  }
  progress('agent: building the app (node scripts/build.mjs)');
  const buildError = buildApp();
  if (buildError !== null) {
    fig.skipped.push(`agent: ${buildError}`);
    return fig;
  }
  progress(`agent: filling ${DUMP_ENTRIES} entries with bpf-ref`);
  runTool(ref.binary, ['fill', path.join(bpffs, PIN), 'hash', String(DUMP_ENTRIES)]);

  // The in-process host is loaded here, not at the top: the native engine needs Linux and koffi.
  const { createHost } = await import('../main/host/create-host.js');
  const { createNativeEngine } = await import('../main/engine/native/index.js');
  const local = createHost(createNativeEngine({ bpffs }));
  const cliPath = path.join(repoRoot, 'dist/main/cli.js');
  const agent = connectAgent(directLauncher({ cliPath, agentArgs: ['--engine', 'native', '--bpffs', bpffs] }), {
    log: (line) => progress(`agent: ${line}`),
  });
  try {
    const status = await agent.ready();
    if (status.state !== 'connected') throw new Error(`the agent did not start: ${status.reason}`);
    const best = { local: Number.POSITIVE_INFINITY, agent: Number.POSITIVE_INFINITY };
    // One untimed round first: both processes' code is compiled hot before anything is timed.
    progress('agent: warm-up round, in process and through the agent pipe');
    await fullRead(local);
    await fullRead(agent);
    // Rounds interleave the two, so load that comes and goes on a shared machine hits both alike.
    for (let i = 0; i < ROUNDS; i++) {
      progress(`agent: round ${i + 1} of ${ROUNDS}: full read in process, then through the agent pipe`);
      await yieldToEventLoop();
      best.local = Math.min(best.local, await fullRead(local));
      await yieldToEventLoop();
      best.agent = Math.min(best.agent, await fullRead(agent));
    }
    fig.in_process_s = best.local;
    fig.agent_s = best.agent;
    fig.agent_vs_in_process = ratio(fig.agent_s, fig.in_process_s);
  } catch (e) {
    fig.errors.push(`agent: ${(e as Error).message}`);
  } finally {
    await agent.dispose();
    await local.dispose();
  }
  return fig;
}
