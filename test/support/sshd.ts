// A real OpenSSH server on loopback for tests: its own host key and config in a temp dir, a throwaway non-root user
// (useradd) whose home is in that dir, a key that logs in as that user, a password for sudo, and a sudo rule that
// lets the user run the shipped agent as root with that password. `ssh -F sshd.clientConfig bpfscope-loopback`
// reaches it; the first connection is asked about the host key (known_hosts starts empty).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SSH_ALIAS = 'bpfscope-loopback';

export interface TestSshd {
  port: number;
  user: string;
  uid: number;
  home: string;
  /** The user's password (for sudo). */
  password: string;
  /** An ssh_config naming SSH_ALIAS (HostName, Port, User, key, a known_hosts of its own). */
  clientConfig: string;
  knownHosts: string;
  /** The private key that logs in as user. */
  identityFile: string;
  /** The server's public host key. */
  hostKeyPub: string;
  /** Runs fn with the remote sessions' PATH set to path (~/.ssh/environment), then removes it. */
  withRemotePath<T>(path: string, fn: () => Promise<T>): Promise<T>;
  /** sshd's stderr so far (-e), for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/** Undefined when a test sshd can run here, else why not. */
export function sshdSkipReason(): string | undefined {
  if (process.getuid?.() !== 0) return 'a test sshd and its user need root';
  for (const tool of ['/usr/sbin/sshd', '/usr/bin/ssh', '/usr/bin/ssh-keygen', '/usr/sbin/useradd', '/usr/bin/sudo'])
    if (!existsSync(tool)) return `${tool} is missing (apt-get install openssh-server openssh-client sudo passwd)`;
  return undefined;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

async function untilListening(port: number, sshd: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (sshd.exitCode !== null) throw new Error(`sshd exited with ${sshd.exitCode}: ${log()}`);
    const up = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sshd did not listen on ${port}: ${log()}`);
}

export async function startSshd(): Promise<TestSshd> {
  const dir = mkdtempSync(join(tmpdir(), 'bpfscope-sshd-'));
  chmodSync(dir, 0o755);
  const user = `bpfscope-s${process.pid % 100_000}`;
  const home = join(dir, 'home');
  const password = `pw-${process.pid}-${Date.now() % 100_000}`;
  const sudoers = `/etc/sudoers.d/${user}`;
  let sshd: ChildProcess | undefined;
  const cleanup = () => {
    if (sshd && sshd.exitCode === null) sshd.kill('SIGTERM');
    rmSync(sudoers, { force: true });
    try {
      execFileSync('userdel', [user], { stdio: 'pipe' });
    } catch {
      // not created
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    execFileSync('useradd', ['--create-home', '--home-dir', home, '--shell', '/bin/sh', '--user-group', user], {
      stdio: 'pipe',
    });
    // A password also unlocks the account, which sshd requires even for key logins.
    execFileSync('chpasswd', [], { input: `${user}:${password}\n`, stdio: ['pipe', 'pipe', 'pipe'] });
    const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
    const keygen = (file: string) => execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
    keygen(join(dir, 'host_key'));
    mkdirSync(join(dir, 'client'), { mode: 0o700 });
    keygen(join(dir, 'client/id_ed25519'));
    writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client/id_ed25519.pub')), { mode: 0o644 });
    // The agent the boot ships, run as root through sudo with the user's password (the rule names nothing else).
    const rule = `${user} ALL=(root) /usr/bin/node ${home}/.cache/bpfscope/agent-*/bpfscope-agent.cjs agent --stdio *\n`;
    writeFileSync(`${sudoers}.tmp`, `Defaults:${user} !lecture\n${rule}`, { mode: 0o440 });
    execFileSync('visudo', ['-cf', `${sudoers}.tmp`], { stdio: 'pipe' });
    execFileSync('mv', [`${sudoers}.tmp`, sudoers]);
    chownSync(home, uid, uid);

    const port = await freePort();
    const config = join(dir, 'sshd_config');
    writeFileSync(
      config,
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${join(dir, 'host_key')}`,
        `PidFile ${join(dir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
        // The temp dir is under the world-writable /tmp.
        'StrictModes no',
        'UsePAM no',
        'PasswordAuthentication yes',
        `AllowUsers ${user}`,
        // Lets a test give the session a PATH of its choosing (withRemotePath).
        'PermitUserEnvironment PATH',
        'LogLevel VERBOSE',
      ].join('\n'),
    );
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
    let stderr = '';
    sshd = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    sshd.stderr?.setEncoding('utf8');
    sshd.stderr?.on('data', (d: string) => {
      stderr += d;
    });
    await untilListening(port, sshd, () => stderr);

    const knownHosts = join(dir, 'known_hosts');
    const clientConfig = join(dir, 'ssh_config');
    writeFileSync(
      clientConfig,
      [
        `Host ${SSH_ALIAS}`,
        '  HostName 127.0.0.1',
        `  Port ${port}`,
        `  User ${user}`,
        `  IdentityFile ${join(dir, 'client/id_ed25519')}`,
        '  IdentitiesOnly yes',
        `  UserKnownHostsFile ${knownHosts}`,
        '  GlobalKnownHostsFile /dev/null',
        '  StrictHostKeyChecking ask',
      ].join('\n'),
    );
    const running = sshd;
    return {
      port,
      user,
      uid,
      home,
      password,
      clientConfig,
      knownHosts,
      identityFile: join(dir, 'client/id_ed25519'),
      hostKeyPub: join(dir, 'host_key.pub'),
      withRemotePath: async (path, fn) => {
        const file = join(home, '.ssh/environment');
        mkdirSync(join(home, '.ssh'), { recursive: true });
        writeFileSync(file, `PATH=${path}\n`);
        try {
          return await fn();
        } finally {
          rmSync(file, { force: true });
        }
      },
      log: () => stderr,
      stop: async () => {
        if (running.exitCode === null) {
          const gone = new Promise((r) => running.once('exit', r));
          running.kill('SIGTERM');
          await gone;
        }
        cleanup();
      },
    };
  } catch (e) {
    cleanup();
    throw e;
  }
}
