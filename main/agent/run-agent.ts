// `bpfscope agent --stdio`: the host behind stdin/stdout. Logs go to stderr only (stdout carries frames); when
// stdin closes (or on SIGTERM/SIGINT/SIGHUP) it disposes the host, which closes every view, statistics token,
// Undo window and handle, and exits 0.
import { Console } from 'node:console';
import type { Readable, Writable } from 'node:stream';

import { AGENT_PROTOCOL_VERSION, type AgentHello } from '../../shared/agent-protocol.js';
import type { PinStore } from '../../shared/engine.js';
import { BpfError, isBpfError } from '../../shared/errors.js';

import { createEngine } from '../engine/create.js';
import { createHost, type Host } from '../host/create-host.js';
import { readAgentFacts } from './facts.js';
import { keepFreedMemory } from './keep-memory.js';
import { parseAgentOptions } from './options.js';
import { widenOutputBuffer } from './output-buffer.js';
import { runAgentSession } from './session.js';

/** Disposal that hangs must not keep a dead connection's agent alive: the kernel closes what is left at exit. */
const EXIT_DEADLINE_MS = 800;

function log(message: string): void {
  process.stderr.write(`bpfscope agent[${process.pid}]: ${message}\n`);
}

/** Where frames come in and go out: stdin/stdout, or Electron's parent port behind streams (utility-entry.ts). */
export interface AgentIo {
  input: Readable;
  output: Writable;
}

export async function runAgent(
  argv: string[],
  io: AgentIo = { input: process.stdin, output: process.stdout },
): Promise<void> {
  // Anything that prints with console.log would corrupt the frames on stdout.
  globalThis.console = new Console({ stdout: process.stderr, stderr: process.stderr });
  const opts = parseAgentOptions(argv);
  if (io.output === process.stdout) await widenOutputBuffer(1);
  await keepFreedMemory();
  const facts = readAgentFacts();
  let engine: PinStore | undefined;
  let error: BpfError | undefined;
  try {
    engine = await createEngine(opts);
  } catch (e) {
    error = isBpfError(e) ? e : new BpfError('EIO', `The engine could not be opened: ${(e as Error).message}`);
    log(`${error.code}: ${error.message}`);
  }
  // The Undo window is the default, or BPFSCOPE_UNDO_WINDOW_MS from the environment (see host/undo.ts).
  // The session writes every reply to the pipe as soon as it is made.
  const host: Host | undefined = engine && createHost(engine, { repliesSerialized: true });
  const hello: AgentHello['hello'] = {
    role: 'agent',
    protocol: AGENT_PROTOCOL_VERSION,
    ...facts,
    ...(engine ? { engine: engine.describe() } : {}),
    ...(error ? { error: error.toWire() } : {}),
  };

  let exiting = false;
  const shutdown = (why: string, code: number) => {
    if (exiting) return;
    exiting = true;
    log(`${why}; exiting`);
    setTimeout(() => process.exit(code), EXIT_DEADLINE_MS).unref();
    void (host?.dispose() ?? Promise.resolve())
      .catch((e: unknown) => log(`disposing: ${(e as Error).message}`))
      .finally(() => process.exit(code));
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => shutdown(signal, 0));
  io.output.on('error', () => shutdown('stdout closed', 0));

  const why = await runAgentSession({ host, hello, input: io.input, output: io.output, log });
  shutdown(why, host ? 0 : 1);
}
