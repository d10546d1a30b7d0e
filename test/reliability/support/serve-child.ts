// `bpfscope serve` from source (main/cli.ts through tsx) as a real child process, so a crash is an exit we can see.
// Unit tests run before the build, so this cannot use dist/ like the e2e specs do.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ServeChild {
  url: string;
  origin: string;
  token: string;
  port: number;
  pid: number;
  stderr(): string;
  /** Null while the process runs; its exit code or signal once it died. */
  exited(): string | null;
  stop(): Promise<void>;
}

const repo = fileURLToPath(new URL('../../..', import.meta.url));

export async function startServeChild(args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<ServeChild> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'main/cli.ts', 'serve', '--port', '0', ...args],
    {
      cwd: repo,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  let exit: string | null = null;
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.once('exit', (code, signal) => (exit = signal ?? `exit code ${code}`));
  const line = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /bpfscope listening on (\S+)/.exec(buf);
      if (m) resolve(m[1]!);
    });
    child.once('exit', () => reject(new Error(`serve exited before listening (${exit}): ${stderr}`)));
  });
  const url = new URL(line);
  return {
    url: line,
    origin: url.origin,
    token: url.searchParams.get('token') ?? '',
    port: Number(url.port),
    pid: child.pid!,
    stderr: () => stderr,
    exited: () => exit,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
