// A bare agent client written from docs/agent-protocol.md: spawn, frames in and out, nothing of the host
// connection. For tests that need the agent process itself (its exit, its fds) or frames no real client sends.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

import { encodeStreamFrameBytes, FrameReader, type FrameResult } from '../../shared/agent-frames.js';

import { agentCli } from './agent.js';

export interface RawAgent {
  child: ChildProcessWithoutNullStreams;
  /** Writes one frame (or raw bytes). */
  send(value: unknown): void;
  sendBytes(bytes: Uint8Array): void;
  /** The next frame the agent sends (decoded), in order. */
  next(): Promise<FrameResult>;
  /** One call, answered by the reply with its id; events arriving meanwhile are kept in `events`. */
  call(op: string, req: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;
  events: unknown[];
  /** Resolves with the exit code and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
}

export async function spawnRawAgent(args: string[]): Promise<RawAgent> {
  const child = spawn(process.execPath, [await agentCli(), 'agent', '--stdio', ...args], { stdio: 'pipe' });
  const reader = new FrameReader();
  const frames: FrameResult[] = [];
  const waiting: ((f: FrameResult) => void)[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    for (const f of reader.push(chunk)) {
      const w = waiting.shift();
      if (w) w(f);
      else frames.push(f);
    }
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.on('error', () => undefined);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const next = () => {
    const f = frames.shift();
    return f ? Promise.resolve(f) : new Promise<FrameResult>((resolve) => waiting.push(resolve));
  };
  const events: unknown[] = [];
  let nextId = 1;
  const raw: RawAgent = {
    child,
    send: (value) => child.stdin.write(encodeStreamFrameBytes(value)),
    sendBytes: (bytes) => child.stdin.write(bytes),
    next,
    events,
    exited,
    stderr: () => stderr,
    call: async (op, req) => {
      const id = nextId++;
      raw.send({ id, op, req });
      for (;;) {
        const f = await next();
        if (!f.ok) throw new Error(f.error.message);
        const v = f.value as { id?: number; event?: unknown };
        if (v.id === id) return v as { ok: boolean; value?: unknown; error?: { code: string } };
        if (v.event) events.push(v.event);
      }
    },
  };
  return raw;
}
