// `as_user` on the kernel: a child process per uid:gid (spawned with those ids, so no supplementary groups and no
// capabilities) opens its own native engine on the same mount and runs each operation it is sent.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import type { RunAsUser } from './credentials.js';
import type { Outcome } from './outcome.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const CHILD = join(HERE, 'as-user-child.ts');

interface Child {
  proc: ChildProcessWithoutNullStreams;
  next(): Promise<string>;
}

/** Children for one mount; close() ends them all. */
export class UserChildren {
  private readonly children = new Map<string, Child>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly mount: string) {}

  readonly run: RunAsUser = (who, op) => {
    // One operation at a time: a scenario is a sequence.
    const result = this.queue.then(() => this.send(who, op));
    this.queue = result.catch(() => undefined);
    return result;
  };

  private async send(who: { uid: number; gid: number }, op: unknown): Promise<Outcome> {
    const child = this.childFor(who);
    child.proc.stdin.write(`${JSON.stringify(op)}\n`);
    const line = await child.next();
    return JSON.parse(line) as Outcome;
  }

  private childFor(who: { uid: number; gid: number }): Child {
    const key = `${who.uid}:${who.gid}`;
    const known = this.children.get(key);
    if (known) return known;
    const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, this.mount], {
      uid: who.uid,
      gid: who.gid,
      cwd: join(HERE, '..'),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const lines = createInterface({ input: proc.stdout })[Symbol.asyncIterator]();
    const child: Child = {
      proc,
      next: async () => {
        const r = await lines.next();
        if (r.done) throw new Error(`the child running as ${key} ended: ${stderr.trim() || 'no output'}`);
        return r.value;
      },
    };
    this.children.set(key, child);
    return child;
  }

  async close(): Promise<void> {
    const ends = [...this.children.values()].map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.proc.exitCode !== null || c.proc.signalCode !== null) return resolve();
          c.proc.once('exit', () => resolve());
          c.proc.stdin.end();
        }),
    );
    this.children.clear();
    await Promise.all(ends);
  }
}
