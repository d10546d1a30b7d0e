// One agent connection over a pair of streams: hello first each way, then calls in and replies and events out,
// until the input ends or the client breaks the protocol. The process around it (run-agent.ts) owns the host.
import type { Readable, Writable } from 'node:stream';

import { type FrameResult, FrameTooLargeError } from '../../shared/agent-frames.js';
import { AGENT_PROTOCOL_VERSION, type AgentBye, type AgentHello, isClientHello } from '../../shared/agent-protocol.js';
import type { RpcResult, WsCall } from '../../shared/contract.js';
import { BpfError, type WireError } from '../../shared/errors.js';

import type { HostPort } from '../host/port.js';
import { FrameWriter, readFrames } from '../stream/frame-io.js';

export interface AgentSessionOptions {
  /** Absent when the engine could not be opened: the hello then carries the error and the session ends. */
  host: HostPort | undefined;
  hello: AgentHello['hello'];
  input: Readable;
  output: Writable;
  log(message: string): void;
  maxFrameBytes?: number;
}

/** A reply the agent could not tie to a call (the frame had no id, or could not be read). */
type Unmatched = { id: null; ok: false; error: WireError };

const refusal = (message: string, hint?: string): WireError =>
  new BpfError('EINVAL', message, hint === undefined ? {} : { hint }).toWire();

/** Runs the session; resolves with why it ended, once no more frames will be read. */
export function runAgentSession(opts: AgentSessionOptions): Promise<string> {
  const writer = new FrameWriter(opts.output, opts.maxFrameBytes);
  writer.write({ hello: opts.hello } satisfies AgentHello);
  const { host } = opts;
  if (!host) return writer.end().then(() => 'the engine could not be opened');

  return new Promise<string>((resolve) => {
    let greeted = false;
    let offEvents: (() => void) | undefined;
    let stopReading: () => void = () => {};
    const finish = (why: string) => {
      offEvents?.();
      offEvents = undefined;
      stopReading();
      resolve(why);
    };
    const bye = (reason: AgentBye['bye']['reason'], message: string) => {
      opts.log(`ending the session: ${message}`);
      writer.write({ bye: { reason, message } } satisfies AgentBye);
      void writer.end();
      finish(message);
    };
    const reply = (id: number, result: RpcResult) => {
      try {
        writer.write({ id, ...result });
      } catch (e) {
        if (!(e instanceof FrameTooLargeError)) throw e;
        const error = new BpfError(
          'E2BIG',
          `The answer (${e.bytes} bytes) is over the ${e.maxBytes}-byte frame limit.`,
          {
            hint: 'Ask for less at once: a smaller window or export range.',
          },
        );
        writer.write({ id, ok: false, error: error.toWire() });
      }
    };
    const unmatched = (error: WireError) => writer.write({ id: null, ok: false, error } satisfies Unmatched);

    const onFrame = (result: FrameResult) => {
      if (!greeted) {
        if (!result.ok || !isClientHello(result.value))
          return bye('no-hello', 'The first frame was not a client hello.');
        const theirs = result.value.hello.protocol;
        if (theirs !== AGENT_PROTOCOL_VERSION) {
          return bye(
            'protocol-mismatch',
            `The client speaks protocol ${theirs}; this agent speaks ${AGENT_PROTOCOL_VERSION}.`,
          );
        }
        greeted = true;
        offEvents = host.subscribe((event) => writer.write({ event }));
        return;
      }
      if (!result.ok) return unmatched(refusal(result.error.message, 'The frame was skipped; nothing was changed.'));
      const call = result.value as Partial<WsCall> | null;
      if (call === null || typeof call !== 'object' || typeof call.id !== 'number') {
        return unmatched(refusal('The frame has no numeric id.', 'Send calls as {"id": N, "op": NAME, "req": {...}}.'));
      }
      const id = call.id;
      void host.dispatch(call.op, call.req).then((r) => reply(id, r));
    };

    stopReading = readFrames(
      opts.input,
      {
        frame: onFrame,
        end: (error) => {
          if (error && error.reason !== 'truncated') return bye('bad-frame', error.message);
          finish(error ? `the input ended inside a frame: ${error.message}` : 'the input closed');
        },
      },
      opts.maxFrameBytes,
    );
    opts.output.once('close', () => finish('the output closed'));
  });
}
