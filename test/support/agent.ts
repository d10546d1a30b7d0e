// A real `bpfscope agent --stdio` child process behind the real host connection: what serve and Electron use to
// reach the native engine. The CLI is bundled from the sources once per test process, as scripts/build.mjs does
// (a bundle starts in a fraction of tsx's time, and it is the form that ships).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

import type { ApiClient } from '../../shared/contract.js';

import { connectAgent, type HostConnection } from '../../main/host-connection/connection.js';
import { directLauncher } from '../../main/host-connection/launcher.js';

import { apiOf } from './in-process-api.js';

export const CLI_SOURCE = fileURLToPath(new URL('../../main/cli.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));

let bundled: Promise<string> | undefined;

/** The bundled CLI; inside the repo's node_modules so that its external packages (koffi, ws, zod) resolve. */
export function agentCli(): Promise<string> {
  bundled ??= (async () => {
    const outdir = join(REPO, 'node_modules/.cache/bpfscope-test-agent', String(process.pid));
    process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
    await build({
      entryPoints: [CLI_SOURCE],
      outdir,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      splitting: true,
      packages: 'external',
      chunkNames: 'chunks/[name]-[hash]',
      logLevel: 'warning',
    });
    return join(outdir, 'cli.js');
  })();
  return bundled;
}

export interface AgentUnderTest {
  connection: HostConnection;
  api: ApiClient;
  /** The agent's pid (from its hello). */
  pid: number;
  /** The agent's stderr lines so far. */
  log: string[];
}

export interface StartAgentOptions {
  /** Agent options after `agent --stdio`. */
  args: string[];
  undoWindowMs?: number;
}

/** Starts an agent and waits for its hello; throws with the reason when it does not connect. */
export async function startAgent(opts: StartAgentOptions): Promise<AgentUnderTest> {
  const env = { ...process.env };
  if (opts.undoWindowMs !== undefined) env.BPFSCOPE_UNDO_WINDOW_MS = String(opts.undoWindowMs);
  const log: string[] = [];
  const connection = connectAgent(directLauncher({ cliPath: await agentCli(), agentArgs: opts.args, env }), {
    log: (line) => log.push(line),
  });
  const status = await connection.ready();
  if (status.state !== 'connected' || !status.agent) {
    await connection.dispose();
    throw new Error(`the agent did not connect: ${status.reason}\n${log.join('\n')}`);
  }
  return { connection, api: apiOf(connection), pid: status.agent.pid, log };
}
