// SSH_ASKPASS for ssh run without a terminal: ssh runs the helper with its question as argv[1] and reads the
// answer from its stdout. The helper (a few lines of JavaScript run by this process's own runtime) hands the
// question to this process over a Unix socket in a fresh 0700 directory and prints what the user answered; a
// cancelled question makes it exit 1, which ssh takes as "no". Answers never touch a command line, the
// environment, a file or a log.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
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

const HELPER = `'use strict';
const net = require('net');
const s = net.connect(require('path').join(__dirname, 'sock'));
let reply = '';
s.setEncoding('utf8');
s.on('connect', () => s.end(JSON.stringify({ text: process.argv[2] || '' })));
s.on('data', (d) => { reply += d; });
s.on('error', () => process.exit(1));
s.on('end', () => {
  let r;
  try { r = JSON.parse(reply); } catch (e) { process.exit(1); }
  if (typeof r.answer !== 'string') process.exit(1);
  process.stdout.write(r.answer + '\\n');
});
`;

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export function startSshAskpass(prompt: PromptFn): SshAskpass {
  const dir = mkdtempSync(join(privateBase(), 'bpfscope-ssh-askpass-'));
  const program = join(dir, 'askpass');
  const cancelled = new Set<HostPrompt['kind']>();
  writeFileSync(join(dir, 'askpass.cjs'), HELPER, { mode: 0o600 });
  // Electron's binary runs the helper as plain node.
  writeFileSync(
    program,
    `#!/bin/sh\nELECTRON_RUN_AS_NODE=1 exec ${shellQuote(process.execPath)} ${shellQuote(join(dir, 'askpass.cjs'))} "$@"\n`,
    { mode: 0o700 },
  );
  const sockets = new Set<Socket>();
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let request = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      request += d;
    });
    socket.on('end', () => {
      let text: string;
      try {
        text = String((JSON.parse(request) as { text?: unknown }).text ?? '');
      } catch {
        socket.end('{}');
        return;
      }
      const q = classifySshPrompt(text.trim());
      prompt(q).then(
        (answer) => {
          if (answer === null) cancelled.add(q.kind);
          socket.end(JSON.stringify(answer === null ? {} : { answer }));
        },
        () => {
          cancelled.add(q.kind);
          socket.end('{}');
        },
      );
    });
  });
  server.listen(join(dir, 'sock'));
  server.unref();
  let disposed = false;
  return {
    program,
    cancelled,
    dispose: () => {
      if (disposed) return;
      disposed = true;
      for (const s of sockets) s.destroy();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
