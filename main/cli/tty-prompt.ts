// The questions ssh and sudo ask a headless command (host key, password): on the terminal the command runs in,
// the secret ones without echo, on stderr so that stdout stays the command's output. Without a terminal there is
// nobody to ask, so the question is declined and the connection fails with ssh's own reason.
import { createInterface } from 'node:readline';

import type { HostPrompt, PromptFn } from '../host-connection/ssh.js';

type Muted = { _writeToOutput?: (text: string) => void };

function ask(q: HostPrompt): Promise<string | null> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    let answered = false;
    rl.on('close', () => {
      if (!answered) resolve(null);
    });
    rl.question(`${q.text.trimEnd()} `, (answer) => {
      answered = true;
      if (q.secret) process.stderr.write('\n');
      rl.close();
      resolve(answer);
    });
    // After the question is shown, nothing the user types is echoed for a secret.
    if (q.secret) (rl as unknown as Muted)._writeToOutput = () => undefined;
  });
}

export function ttyPrompt(isTty: boolean = process.stdin.isTTY === true): PromptFn {
  let queue: Promise<unknown> = Promise.resolve();
  return (q) => {
    if (!isTty) return Promise.resolve(null);
    const next = queue.then(() => ask(q));
    queue = next.catch(() => undefined);
    return next;
  };
}
