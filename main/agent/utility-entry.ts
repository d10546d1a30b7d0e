// The agent inside an Electron utility process (see host-connection/utility-agent.ts): frames arrive as messages
// on the parent port and leave the same way; logs go to stderr, a pipe the window's main process reads.
import { PassThrough, Writable } from 'node:stream';

import { END_OF_INPUT } from '../host-connection/utility-agent.js';
import { runAgent } from './run-agent.js';

/** Electron's process.parentPort, as far as it is used here. */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

/** Streams over a parent port: what arrives is the input, what is written is posted back. */
export function parentPortIo(port: ParentPortLike): { input: PassThrough; output: Writable } {
  const input = new PassThrough();
  port.on('message', ({ data }) => {
    if (data instanceof Uint8Array) input.write(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    else if ((data as typeof END_OF_INPUT | null)?.bpfscope === END_OF_INPUT.bpfscope) input.end();
  });
  const output = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      port.postMessage(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength).slice());
      done();
    },
  });
  return { input, output };
}

/** The agent's options: from --stdio on, whatever Electron puts before them in process.argv. */
export function utilityAgentArgs(argv: readonly string[]): string[] {
  const at = argv.indexOf('--stdio');
  return at < 0 ? [] : argv.slice(at);
}

const port = (process as { parentPort?: ParentPortLike }).parentPort;
if (port) void runAgent(utilityAgentArgs(process.argv), parentPortIo(port));
