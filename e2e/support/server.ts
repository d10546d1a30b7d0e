// Starts `bpfscope serve` (the built dist/main/cli.js) as a real child process and reads its one line.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ServeProcess {
  url: string;
  origin: string;
  token: string;
  port: number;
  /** The serve process; its agent (native engine) is its child. */
  pid: number;
  stdoutLines: string[];
  /** Stops the process; resolves once all its output has been read. */
  stop(): Promise<void>;
  /** Sends `signal` and resolves once the process has exited (SIGKILL: a crash, no cleanup). */
  kill(signal: NodeJS.Signals): Promise<void>;
}

const cli = fileURLToPath(new URL('../../dist/main/cli.js', import.meta.url));

/** Runs serve as another user when `as` is given (the test process is root). */
export async function startServe(
  args: string[] = [],
  as?: { uid: number; gid: number },
  env?: NodeJS.ProcessEnv,
): Promise<ServeProcess> {
  const child: ChildProcess = spawn(process.execPath, [cli, 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(env ? { env } : {}),
    ...(as ? { uid: as.uid, gid: as.gid } : {}),
  });
  const stdoutLines: string[] = [];
  // 'close' comes after the last byte of output was read, unlike 'exit'.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start within 30 s: ${stderr}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const l of lines) {
        stdoutLines.push(l);
        if (l.startsWith('bpfscope listening on ')) {
          clearTimeout(timer);
          resolve(l);
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${stderr}`));
    });
  });
  const kill = (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return closed;
  };
  const url = line.slice('bpfscope listening on '.length);
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    port: Number(parsed.port),
    pid: child.pid ?? -1,
    stdoutLines,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return closed;
    },
    kill,
  };
}
