// sudo -A's askpass for a password typed into bpfscope's dialog. sudo closes every fd above stderr before it runs
// the askpass program, so the password goes through a FIFO in a fresh 0700 directory: the askpass script (in the
// same directory, run by sudo as this user) cats it once, and the FIFO is removed as soon as it was read, so a
// second prompt (a wrong password) gets nothing and sudo gives up instead of retrying the same password. The
// password is never on a command line, in the environment, in a file or in a log.
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  constants,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Askpass {
  /** The program to name in SUDO_ASKPASS. */
  readonly program: string;
  /** Whether sudo has read the password. */
  readonly delivered: boolean;
  /** Stops offering the password and removes the directory. Idempotent. */
  dispose(): void;
}

/** How often the FIFO is tried for a reader (a write-only open without one fails with ENXIO, never blocks). */
const POLL_MS = 20;

/** $XDG_RUNTIME_DIR when it is this user's private directory, else the temp directory. */
export function privateBase(): string {
  const runtime = process.env.XDG_RUNTIME_DIR;
  try {
    if (runtime) {
      const st = statSync(runtime);
      if (st.isDirectory() && st.uid === process.getuid?.() && (st.mode & 0o077) === 0) return runtime;
    }
  } catch {
    // not there: the temp directory will do
  }
  return tmpdir();
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export function startAskpass(password: string): Askpass {
  const dir = mkdtempSync(join(privateBase(), 'bpfscope-askpass-'));
  const fifo = join(dir, 'password');
  const program = join(dir, 'askpass');
  let secret: Buffer | undefined = Buffer.from(`${password}\n`, 'utf8');
  let delivered = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  const forget = () => {
    secret?.fill(0);
    secret = undefined;
  };
  const dispose = () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
    forget();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    execFileSync('mkfifo', ['-m', '600', fifo], { stdio: 'pipe' });
    writeFileSync(
      program,
      `#!/bin/sh\n# bpfscope: the password typed into its dialog, once.\nexec cat -- ${shellQuote(fifo)}\n`,
      {
        mode: 0o700,
      },
    );
  } catch (e) {
    dispose();
    throw e;
  }
  const offer = () => {
    if (!secret) return;
    let fd: number;
    try {
      fd = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    } catch {
      return; // ENXIO: no reader yet
    }
    try {
      writeSync(fd, secret);
      delivered = true;
    } finally {
      closeSync(fd);
      forget();
      unlinkSync(fifo);
      clearInterval(timer);
      timer = undefined;
    }
  };
  timer = setInterval(offer, POLL_MS);
  timer.unref();
  return {
    program,
    get delivered() {
      return delivered;
    },
    dispose,
  };
}
