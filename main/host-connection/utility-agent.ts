// The unprivileged agent in Electron: a utility process (Electron's own Node child; the packaged app has the
// RunAsNode fuse off, so its binary cannot run the CLI in node mode). Utility processes have no stdin, so frames
// travel as messages on the parent port, and this adapter gives the connection the stdio shape it speaks.
import { EventEmitter } from 'node:events';
import { PassThrough, Writable } from 'node:stream';

import type { AgentLauncher, AgentProcess } from './launcher.js';

/** The part of Electron's UtilityProcess this uses. */
export interface UtilityLike {
  readonly pid: number | undefined;
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  postMessage(message: unknown): void;
  kill(): boolean;
  on(event: 'message', listener: (message: unknown) => void): this;
  on(event: 'exit', listener: (code: number) => void): this;
}

/** Electron's utilityProcess.fork, as far as it is used here. */
export type ForkUtility = (
  modulePath: string,
  args: string[],
  options: { stdio: 'pipe'; serviceName: string },
) => UtilityLike;

/** What the parent posts besides frame bytes: the end of its input (stdin closed). */
export const END_OF_INPUT = { bpfscope: 'end-of-input' } as const;

class UtilityAgentProcess extends EventEmitter implements AgentProcess {
  readonly stdin: Writable;
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  private exited = false;

  constructor(private readonly proc: UtilityLike) {
    super();
    const post = (message: unknown) => {
      if (!this.exited) proc.postMessage(message);
    };
    this.stdin = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        post(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength).slice());
        done();
      },
      final: (done) => {
        post(END_OF_INPUT);
        done();
      },
    });
    if (proc.stderr) proc.stderr.pipe(this.stderr);
    else this.stderr.end();
    proc.on('message', (message) => {
      if (message instanceof Uint8Array) this.stdout.write(Buffer.from(message));
    });
    proc.on('exit', (code) => {
      this.exited = true;
      this.stdout.end();
      this.emit('close', code, null);
    });
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  kill(signal?: NodeJS.Signals): boolean {
    // The utility process API only sends SIGTERM; a hung agent gets what was asked for, through its pid.
    if (signal && signal !== 'SIGTERM' && this.proc.pid !== undefined) {
      process.kill(this.proc.pid, signal);
      return true;
    }
    return this.proc.kill();
  }
}

/** Agent options go after the module path: --stdio --engine native --bpffs DIR. */
export function utilityAgentLauncher(fork: ForkUtility, modulePath: string, agentArgs: string[]): AgentLauncher {
  return {
    via: 'direct',
    spawn: () =>
      new UtilityAgentProcess(
        fork(modulePath, ['--stdio', ...agentArgs], { stdio: 'pipe', serviceName: 'bpfscope agent' }),
      ),
  };
}
