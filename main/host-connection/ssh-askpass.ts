// SSH_ASKPASS for ssh run without a terminal: ssh runs the helper with its question as argv[1] and reads the
// answer from its stdout. The helper is a sh script (the packaged Electron cannot run as node) in a fresh 0700
// directory: it writes the question into one FIFO, which this process holds open, and cats the answer from a
// second one, which this process opens for writing once the user has answered (as askpass.ts does for sudo). A
// cancelled question makes it exit 1, which ssh takes as "no". Answers never touch a command line (printf is a
// shell builtin), the environment, a file or a log.
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { Socket } from 'node:net';
import { join } from 'node:path';

import { privateBase } from './askpass.js';

export interface HostPrompt {
  kind: 'hostkey' | 'password' | 'passphrase' | 'sudo-password' | 'other';
  text: string;
  /** The answer is a secret: the dialog should not echo it. */
  secret: boolean;
}

/** Asks the user; null means the user cancelled. A host key question is answered with "yes" (or its fingerprint). */
export type PromptFn = (q: HostPrompt) => Promise<string | null>;

export interface SshAskpass {
  /** The program to name in SSH_ASKPASS. */
  readonly program: string;
  /** The questions that were cancelled, by kind, for a clear reason when ssh gives up. */
  readonly cancelled: ReadonlySet<HostPrompt['kind']>;
  dispose(): void;
}

/** What ssh asks through askpass, told apart by its wording (OpenSSH's prompts). */
export function classifySshPrompt(text: string): HostPrompt {
  if (/continue connecting|authenticity of host/i.test(text)) return { kind: 'hostkey', text, secret: false };
  if (/passphrase/i.test(text)) return { kind: 'passphrase', text, secret: true };
  if (/password/i.test(text)) return { kind: 'password', text, secret: true };
  return { kind: 'other', text, secret: !/\(yes\/no/i.test(text) };
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** How often the answer FIFO is tried for a reader (a write-only open without one fails with ENXIO). */
const POLL_MS = 20;

export function startSshAskpass(prompt: PromptFn): SshAskpass {
  const dir = mkdtempSync(join(privateBase(), 'bpfscope-ssh-askpass-'));
  const [question, answer, program] = ['question', 'answer', 'askpass'].map((n) => join(dir, n)) as [
    string,
    string,
    string,
  ];
  const cancelled = new Set<HostPrompt['kind']>();
  let disposed = false;
  const timers = new Set<ReturnType<typeof setInterval>>();
  execFileSync('mkfifo', ['-m', '600', question, answer], { stdio: 'pipe' });
  writeFileSync(
    program,
    [
      '#!/bin/sh',
      '# bpfscope: hands ssh\'s question to the app and prints the answer; "n" (cancelled) makes ssh give up.',
      `printf '%s\\000' "$1" > ${shellQuote(question)} || exit 1`,
      `r=$(cat ${shellQuote(answer)}) || exit 1`,
      'case $r in y*) printf \'%s\\n\' "${r#y}" ;; *) exit 1 ;; esac',
      '',
    ].join('\n'),
    { mode: 0o700 },
  );
  // Read-write: the FIFO never reports end-of-file between two helpers' questions.
  const questions = new Socket({ fd: openSync(question, constants.O_RDWR | constants.O_NONBLOCK), writable: false });
  questions.unref();
  questions.on('error', () => undefined);

  const reply = (text: string) =>
    new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (disposed) return void (clearInterval(timer), resolve());
        let fd: number;
        try {
          fd = openSync(answer, constants.O_WRONLY | constants.O_NONBLOCK);
        } catch {
          return; // ENXIO: the helper has not opened it yet
        }
        clearInterval(timer);
        timers.delete(timer);
        try {
          writeSync(fd, text);
        } finally {
          closeSync(fd);
        }
        resolve();
      }, POLL_MS);
      timer.unref();
      timers.add(timer);
    });

  let pending = Buffer.alloc(0);
  let queue = Promise.resolve();
  questions.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (let end = pending.indexOf(0); end >= 0; end = pending.indexOf(0)) {
      const q = classifySshPrompt(pending.subarray(0, end).toString('utf8').trim());
      pending = pending.subarray(end + 1);
      queue = queue.then(async () => {
        const a = await prompt(q).catch(() => null);
        if (a === null) cancelled.add(q.kind);
        await reply(a === null ? 'n' : `y${a}`);
      });
    }
  });

  return {
    program,
    cancelled,
    dispose: () => {
      if (disposed) return;
      disposed = true;
      for (const t of timers) clearInterval(t);
      questions.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
