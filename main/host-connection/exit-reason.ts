// Why an agent went away, in the words the UI shows: "the agent exited: SIGSEGV", "the agent exited with code 1:
// <its last stderr line>", "the agent could not be started: spawn pkexec ENOENT", or "disconnected".
import type { Readable } from 'node:stream';

export interface ExitFacts {
  code: number | null;
  signal: NodeJS.Signals | null;
  spawnError?: Error | undefined;
  /** The agent's last stderr line, when it wrote any. */
  stderr?: string | undefined;
}

export function exitReason({ code, signal, spawnError, stderr }: ExitFacts): string {
  if (spawnError) return `the agent could not be started: ${spawnError.message}`;
  if (signal) return `the agent exited: ${signal}`;
  if (code === null) return 'disconnected';
  if (code === 0) return 'the agent exited';
  return `the agent exited with code ${code}${stderr ? `: ${stderr}` : ''}`;
}

/** Passes the agent's stderr on line by line and keeps the last line, for exitReason. */
export class StderrTail {
  private partial = '';
  private lastLine = '';

  constructor(stream: Readable, forward?: (line: string) => void) {
    stream.setEncoding('utf8');
    stream.on('data', (text: string) => {
      const lines = (this.partial + text).split('\n');
      this.partial = lines.pop() ?? '';
      for (const line of lines) {
        if (line.trim() === '') continue;
        this.lastLine = line;
        forward?.(line);
      }
    });
    stream.on('error', () => undefined);
  }

  last(): string | undefined {
    const line = (this.partial.trim() || this.lastLine).replace(/^bpfscope agent\[\d+\]: /, '');
    return line === '' ? undefined : line.slice(0, 300);
  }
}
