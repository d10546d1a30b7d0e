// A host behind an agent process: the same dispatch/subscribe as createHost, over the agent protocol on the
// child's stdin/stdout. It says when the agent is gone and why, fails calls in flight with ENOTCONN instead of
// leaving them hanging, and starts a new agent on reconnect().
import {
  AGENT_PROTOCOL_VERSION,
  type AgentHello,
  type ClientHello,
  isAgentHello,
} from '../../shared/agent-protocol.js';
import type { AppEvent, ConnectionStatus, RpcResult, WsServerFrame } from '../../shared/contract.js';
import { BpfError, type WireError } from '../../shared/errors.js';

import type { HostPort } from '../host/port.js';
import { FrameWriter, readFrames } from '../stream/frame-io.js';
import { exitReason, StderrTail } from './exit-reason.js';
import type { AgentLauncher, AgentProcess } from './launcher.js';
import { OpenViews } from './open-views.js';

export interface HostConnection extends HostPort {
  status(): ConnectionStatus;
  /** Resolves when the current attempt has settled: connected, or disconnected and why. */
  ready(): Promise<ConnectionStatus>;
  /** Starts a new agent unless one is connected or connecting; resolves with the settled status. */
  reconnect(): Promise<ConnectionStatus>;
  /** Closes the agent's stdin (it exits and releases everything), killing it if it has not gone in time. */
  dispose(): Promise<void>;
}

export interface ConnectionOptions {
  /** Where the agent's stderr lines go (serve: its own stderr). */
  log?: (line: string) => void;
  maxFrameBytes?: number;
  /** How long dispose() waits for the agent to exit after its stdin closed, before SIGKILL. */
  exitGraceMs?: number;
}

interface Attempt {
  child: AgentProcess;
  writer: FrameWriter;
  pending: Map<number, (r: RpcResult) => void>;
  /** Calls made before the agent's hello, sent once it arrives. */
  queued: { id: number; op: unknown; req: unknown }[];
  settled: Promise<ConnectionStatus>;
  settle(status: ConnectionStatus): void;
  closed: Promise<void>;
}

const CLIENT = 'bpfscope';
const notConnected = (status: ConnectionStatus): WireError =>
  new BpfError('ENOTCONN', `The agent is not running (${status.reason ?? 'disconnected'}).`, {
    hint: 'Press Reconnect to start it again; nothing was sent.',
  }).toWire();

export function connectAgent(launcher: AgentLauncher, opts: ConnectionOptions = {}): HostConnection {
  const listeners = new Set<(event: AppEvent) => void>();
  const views = new OpenViews();
  let status: ConnectionStatus = { state: 'connecting', via: launcher.via, since: Date.now() };
  let attempt: Attempt | undefined;
  let nextId = 1;
  let disposed = false;
  // Events are handed on one macrotask after their frame: a reply read in the same chunk settles first, so a
  // transport has booked the view a mapViewOpen reply created before that view's first event reaches it.
  let eventQueue: AppEvent[] = [];
  const emit = (event: AppEvent) => {
    if (eventQueue.push(event) > 1) return;
    setImmediate(() => {
      const batch = eventQueue;
      eventQueue = [];
      for (const e of batch) for (const l of listeners) l(e);
    });
  };
  const setStatus = (next: ConnectionStatus) => {
    status = next;
    emit({ type: 'connection-changed', status: next });
  };

  const start = (): Attempt => {
    let settle!: (s: ConnectionStatus) => void;
    const settled = new Promise<ConnectionStatus>((r) => (settle = r));
    let child: AgentProcess;
    try {
      child = launcher.spawn();
    } catch (e) {
      const down = { state: 'disconnected', via: launcher.via, since: Date.now() } as const;
      setStatus({ ...down, reason: `the agent could not be started: ${(e as Error).message}` });
      settle(status);
      throw e;
    }
    const writer = new FrameWriter(child.stdin, opts.maxFrameBytes);
    const self: Attempt = {
      child,
      writer,
      pending: new Map(),
      queued: [],
      settled,
      settle,
      closed: new Promise((resolve) => {
        child.once('close', () => resolve());
        child.once('error', () => child.pid === undefined && resolve());
      }),
    };
    const stderr = new StderrTail(child.stderr, opts.log);
    let spawnError: Error | undefined;
    // A command that cannot be run (no pkexec, no ssh) fails here, and may not emit close afterwards.
    child.once('error', (e) => {
      spawnError = e;
      if (child.pid === undefined) onClose(null, null);
    });
    writer.write({ hello: { protocol: AGENT_PROTOCOL_VERSION, role: 'client', client: CLIENT } } satisfies ClientHello);

    let greeted = false;
    let byeMessage: string | undefined;
    readFrames(
      child.stdout,
      {
        frame: (result) => {
          if (!result.ok) return opts.log?.(`agent frame refused: ${result.error.message}`);
          if (!greeted) return onHello(result.value);
          const frame = result.value as WsServerFrame | { id: null } | { bye: { message: string } };
          if ('bye' in frame) byeMessage = frame.bye.message;
          else if ('event' in frame) onEvent(frame.event);
          else if (typeof frame.id === 'number') {
            const { id, ...rest } = frame as { id: number } & RpcResult;
            self.pending.get(id)?.(rest as RpcResult);
            self.pending.delete(id);
          } else opts.log?.(`agent refused a frame: ${JSON.stringify(frame).slice(0, 300)}`);
        },
        end: (error) => {
          // Its output ended or stopped being frames: this agent is of no further use, so it is ended.
          if (error) byeMessage ??= `the agent's output is not bpfscope frames (${error.message})`;
          child.stdin.end();
          const kill = setTimeout(() => child.kill('SIGKILL'), opts.exitGraceMs ?? 2000);
          child.once('close', () => clearTimeout(kill));
        },
      },
      opts.maxFrameBytes,
    );

    const onHello = (value: unknown) => {
      if (!isAgentHello(value)) {
        child.kill('SIGKILL');
        byeMessage = 'the agent did not start with a hello';
        return;
      }
      const { hello } = value as AgentHello;
      const { role: _r, protocol, engine: _e, error, ...facts } = hello;
      if (protocol !== AGENT_PROTOCOL_VERSION) {
        byeMessage = `the agent speaks protocol ${protocol}, this bpfscope speaks ${AGENT_PROTOCOL_VERSION}`;
        child.stdin.end();
        return;
      }
      if (error) {
        byeMessage = `the agent could not open the engine: ${error.message}`;
        status = { ...status, error, agent: facts };
        return;
      }
      greeted = true;
      setStatus({ state: 'connected', via: launcher.via, since: Date.now(), agent: facts });
      for (const q of self.queued.splice(0)) send(self, q.id, q.op, q.req);
      settle(status);
    };

    let closed = false;
    const onClose = (code: number | null, signal: NodeJS.Signals | null) => {
      if (closed) return;
      closed = true;
      const reason = byeMessage ?? exitReason({ code, signal, spawnError, stderr: stderr.last() });
      const gone: ConnectionStatus = {
        state: 'disconnected',
        via: launcher.via,
        since: Date.now(),
        reason,
        ...(status.error ? { error: status.error } : {}),
        ...(status.agent ? { agent: status.agent } : {}),
      };
      const down = notConnected(gone);
      const lost = new BpfError('ENOTCONN', `The agent exited before it answered (${reason}).`, {
        hint: 'Whether the action took effect is unknown: press Reconnect, then check before trying again.',
      }).toWire();
      for (const q of self.queued.splice(0)) self.pending.get(q.id)?.({ ok: false, error: down });
      for (const resolve of self.pending.values()) resolve({ ok: false, error: lost });
      self.pending.clear();
      if (attempt === self) {
        for (const view of views.drain())
          emit({ type: 'map-view-closed', view, reason: `The agent exited (${reason}).` });
        if (!disposed) setStatus(gone);
        else status = gone;
      }
      settle(gone);
    };
    child.once('close', onClose);
    return self;
  };

  const onEvent = (event: AppEvent) => {
    if (event.type === 'map-view-closed') views.closed(event.view);
    // The agent's own connectionStatus is "in-process": only this side knows how the agent is reached.
    if (event.type === 'connection-changed') return;
    emit(event);
  };

  const send = (a: Attempt, id: number, op: unknown, req: unknown) => {
    try {
      a.writer.write({ id, op, req });
    } catch (e) {
      const error = new BpfError('E2BIG', `The request is too large to send: ${(e as Error).message}`);
      a.pending.get(id)?.({ ok: false, error: error.toWire() });
      a.pending.delete(id);
    }
  };

  const reconnect = async (): Promise<ConnectionStatus> => {
    if (disposed) return status;
    if (status.state === 'connected' || (status.state === 'connecting' && attempt)) return attempt!.settled;
    setStatus({ state: 'connecting', via: launcher.via, since: Date.now() });
    try {
      attempt = start();
    } catch {
      return status;
    }
    return attempt.settled;
  };

  const dispatch = async (op: unknown, req: unknown): Promise<RpcResult> => {
    if (op === 'connectionStatus') return { ok: true, value: status };
    if (op === 'reconnect') return { ok: true, value: await reconnect() };
    const a = attempt;
    if (!a || status.state === 'disconnected' || disposed) return { ok: false, error: notConnected(status) };
    const id = nextId++;
    const result = await new Promise<RpcResult>((resolve) => {
      a.pending.set(id, resolve);
      if (status.state === 'connected') send(a, id, op, req);
      else a.queued.push({ id, op, req });
    });
    if (result.ok) views.record(op, req, result.value);
    return result;
  };

  void reconnect();
  return {
    dispatch,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    status: () => status,
    ready: () => attempt?.settled ?? Promise.resolve(status),
    reconnect,
    dispose: async () => {
      if (disposed) return;
      disposed = true;
      const a = attempt;
      if (!a) return;
      void a.writer.end();
      const timer = setTimeout(() => a.child.kill('SIGKILL'), opts.exitGraceMs ?? 2000);
      await a.closed;
      clearTimeout(timer);
    },
  };
}
