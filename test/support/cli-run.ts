// The built CLI as a real child process: exit code, stdout and stderr of one `bpfscope …` run.
import { execFile } from 'node:child_process';

import { agentCli } from './agent.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliRun> {
  const cli = await agentCli();
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { env, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs the CLI and parses its JSON; fails with its stderr when it did not exit 0. */
export async function cliJson<T>(args: string[], env?: NodeJS.ProcessEnv): Promise<T> {
  const run = await runCli([...args, '--json'], env);
  if (run.code !== 0) throw new Error(`bpfscope ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** The value with every object id left out: two emulated demos number their objects from different starts. */
export function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value === null || typeof value !== 'object') return value;
  const ID_KEYS = new Set(['id', 'progId', 'mapIds', 'btfId']);
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([k]) => !ID_KEYS.has(k))
      .map(([k, v]) => [k, withoutIds(v)]),
  );
}
