// bpfscope over a real ssh: a real sshd on loopback, a throwaway user, the system's ssh client with bpfscope's
// askpass, the real host connection. The agent is shipped the first time and reused the second; the native
// engine runs as root through sudo with the password asked in bpfscope's prompt; failures say why.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AGENT_PROTOCOL_VERSION } from '../../shared/agent-protocol.js';

import { canMountBpffs, mountPrivateBpffs } from '../../test/support/bpffs.js';
import { apiOf } from '../../test/support/in-process-api.js';
import { SSH_ALIAS, sshdSkipReason, startSshd, type TestSshd } from '../../test/support/sshd.js';

import { connectAgent, type HostConnection } from './connection.js';
import { customCommandLauncher, type HostPrompt, type SshLauncherOptions, sshLauncher } from './ssh.js';
import { classifySshPrompt } from './ssh-askpass.js';
import { readAgentPayload } from './ssh-payload.js';

const skip = sshdSkipReason();
if (skip) console.warn(`[ssh.test.ts] skipped: ${skip}`);
const cannotMount = canMountBpffs();
if (cannotMount) console.warn(`[ssh.test.ts] the native part is skipped: ${cannotMount}`);

const REPO = fileURLToPath(new URL('../..', import.meta.url));
let sshd: TestSshd;
let agentDir: string;
const open: HostConnection[] = [];

beforeAll(async () => {
  agentDir = mkdtempSync(join(tmpdir(), 'bpfscope-agent-bundle-'));
  execFileSync(process.execPath, [join(REPO, 'scripts/agent-bundle.mjs'), agentDir], { stdio: 'pipe' });
  if (!skip) sshd = await startSshd();
}, 120_000);

afterAll(async () => {
  await Promise.all(open.splice(0).map((c) => c.dispose()));
  await sshd?.stop();
  if (agentDir) rmSync(agentDir, { recursive: true, force: true });
});

interface Session {
  connection: HostConnection;
  asked: HostPrompt[];
  log: string[];
  /** The ssh processes started, by pid. */
  sshPids: number[];
}

/** Answers by kind; a list is answered in turn (a wrong password, then the right one). */
type Answers = Partial<Record<HostPrompt['kind'], string | null | (string | null)[]>>;

function connect(answers: Answers, opts: Partial<SshLauncherOptions> = {}): Session {
  const asked: HostPrompt[] = [];
  const log: string[] = [];
  const sshPids: number[] = [];
  const ssh = sshLauncher({
    destination: SSH_ALIAS,
    agentArgs: ['--engine', 'emulated', '--empty'],
    prompt: async (q) => {
      asked.push(q);
      const a = answers[q.kind];
      return (Array.isArray(a) ? a.shift() : a) ?? null;
    },
    extraSshArgs: ['-F', sshd.clientConfig],
    agentDir,
    useInstalled: false,
    log: (line) => log.push(line),
    ...opts,
  });
  const launcher = {
    via: ssh.via,
    spawn: () => {
      const child = ssh.spawn();
      if (child.pid !== undefined) sshPids.push(child.pid);
      return child;
    },
  };
  const connection = connectAgent(launcher, { log: (line) => log.push(line) });
  open.push(connection);
  return { connection, asked, log, sshPids };
}

describe('what is shipped', () => {
  it('is the agent, its loader and koffi for one architecture, each with its checksum', () => {
    const payload = readAgentPayload(agentDir);
    expect(payload).toMatchObject({ version: '0.1.0', protocol: AGENT_PROTOCOL_VERSION });
    const x64 = payload.arches.x64?.map((f) => f.path) ?? [];
    expect(x64).toEqual(expect.arrayContaining(['bpfscope-agent.cjs', 'loader-child.cjs', 'package.json']));
    expect(x64).toContain('node_modules/@koromix/koffi-linux-x64/linux_x64/koffi.node');
    expect(x64.some((p) => p.includes('arm64'))).toBe(false);
    const arm64 = payload.arches.arm64?.map((f) => f.path);
    // The arm64 prebuild comes from the npm registry (npm pack) when this machine's npm did not install it.
    if (arm64) expect(arm64).toContain('node_modules/@koromix/koffi-linux-arm64/linux_arm64/koffi.node');
    else console.warn('[ssh.test.ts] no arm64 prebuild in the bundle: the npm registry was not reachable');
    const agent = readFileSync(join(agentDir, 'bpfscope-agent.cjs'));
    expect(payload.arches.x64?.[0]).toEqual({
      path: 'bpfscope-agent.cjs',
      size: agent.length,
      sha256: createHash('sha256').update(agent).digest('hex'),
      mode: 0o644,
    });
  });

  it('tells ssh questions apart', () => {
    const hostkey = `The authenticity of host '[127.0.0.1]:2222 ([127.0.0.1]:2222)' can't be established.
ED25519 key fingerprint is SHA256:abc.
Are you sure you want to continue connecting (yes/no/[fingerprint])?`;
    expect(classifySshPrompt(hostkey)).toEqual({ kind: 'hostkey', text: hostkey, secret: false });
    expect(classifySshPrompt("ann@db1's password:").kind).toBe('password');
    expect(classifySshPrompt("Enter passphrase for key '/home/ann/.ssh/id_ed25519':")).toMatchObject({
      kind: 'passphrase',
      secret: true,
    });
    expect(classifySshPrompt('Enter PIN for ECDSA-SK key:')).toMatchObject({ kind: 'other', secret: true });
  });
});

const cacheFile = () => join(sshd.home, '.cache/bpfscope/agent-0.1.0/bpfscope-agent.cjs');

describe.skipIf(skip !== undefined)('ssh hosts', { timeout: 60_000 }, () => {
  it('refusing the host key fails cleanly, sends nothing and says why', async () => {
    const { connection, asked } = connect({ hostkey: null });
    const status = await connection.ready();
    expect(status.state).toBe('disconnected');
    expect(status.reason).toContain(`the host key of ${SSH_ALIAS} was not accepted`);
    expect(asked.map((q) => q.kind)).toEqual(['hostkey']);
    expect(asked[0]?.text).toMatch(/continue connecting/);
    expect(existsSync(join(sshd.home, '.cache/bpfscope'))).toBe(false);
  });

  it('ships the agent the first time (after the host key question) and reuses it the second time', async () => {
    const first = connect({ hostkey: 'yes' });
    const status = await first.connection.ready();
    expect(status, first.log.join('\n')).toMatchObject({ state: 'connected', via: `ssh ${SSH_ALIAS}` });
    expect(status.agent?.uid).toBe(sshd.uid);
    expect(first.asked.map((q) => q.kind)).toEqual(['hostkey']);
    expect(first.log.some((l) => l.startsWith(`sending the agent to ${SSH_ALIAS} (x64`))).toBe(true);
    const api = apiOf(first.connection);
    await api.mkdir({ path: 'over-ssh' });
    expect((await api.list({ path: '' })).map((e) => e.name)).toContain('over-ssh');
    const shipped = statSync(cacheFile());
    expect(shipped.uid).toBe(sshd.uid);
    await first.connection.dispose();

    const second = connect({});
    expect((await second.connection.ready()).state).toBe('connected');
    expect(second.asked).toEqual([]);
    expect(second.log.some((l) => l.startsWith('sending the agent'))).toBe(false);
    expect(second.log.some((l) => l.startsWith(`reusing the agent on ${SSH_ALIAS}`))).toBe(true);
    expect(statSync(cacheFile())).toMatchObject({ ino: shipped.ino, mtimeMs: shipped.mtimeMs });
    await second.connection.dispose();

    // A cached file that no longer matches its checksum is not run: the agent is sent again.
    appendFileSync(cacheFile(), '\n// changed\n');
    const third = connect({});
    expect((await third.connection.ready()).state).toBe('connected');
    expect(third.log.some((l) => l.startsWith(`sending the agent to ${SSH_ALIAS}`))).toBe(true);
    expect(readFileSync(cacheFile()).equals(readFileSync(join(agentDir, 'bpfscope-agent.cjs')))).toBe(true);
    await third.connection.dispose();
  });

  it('asks for the login password when no key is offered, and a cancelled one says so', async () => {
    const noKey = ['-F', sshd.clientConfig, '-o', 'PubkeyAuthentication=no', '-o', 'NumberOfPasswordPrompts=1'];
    const good = connect({ hostkey: 'yes', password: sshd.password }, { extraSshArgs: noKey });
    expect((await good.connection.ready()).state).toBe('connected');
    const asked = good.asked.filter((q) => q.kind === 'password');
    expect(asked).toEqual([{ kind: 'password', text: `${sshd.user}@127.0.0.1's password:`, secret: true }]);
    expect(good.log.join('\n')).not.toContain(sshd.password);
    await good.connection.dispose();

    const cancelled = connect({ hostkey: 'yes', password: null }, { extraSshArgs: noKey });
    const status = await cancelled.connection.ready();
    expect(status.state).toBe('disconnected');
    expect(status.reason).toContain(`no password for ${SSH_ALIAS} was given`);
  });

  it('uses a bpfscope installed on the remote when its agent speaks our protocol, else the shipped one', async () => {
    const opt = join(sshd.home, 'opt');
    cpSync(agentDir, join(opt, 'agent'), { recursive: true });
    mkdirSync(join(opt, 'ours'));
    writeFileSync(join(opt, 'ours/bpfscope'), `#!/bin/sh\nexec node ${opt}/agent/bpfscope-agent.cjs "$@"\n`, {
      mode: 0o755,
    });
    // Another protocol's agent: its hello is one frame saying protocol 99.
    const hello = '{"hello":{"protocol":99}}';
    const octal = (n: number) => `\\${n.toString(8).padStart(3, '0')}`;
    const frame = `${octal(hello.length)}\\000\\000\\000\\001\\000\\000\\000${hello}`;
    mkdirSync(join(opt, 'other'));
    writeFileSync(join(opt, 'other/bpfscope'), `#!/bin/sh\nprintf '${frame}'\n`, { mode: 0o755 });
    execFileSync('chown', ['-R', `${sshd.user}:`, opt]);

    const installed = await sshd.withRemotePath(`${opt}/ours:/usr/bin:/bin`, async () => {
      const s = connect({ hostkey: 'yes' }, { useInstalled: true });
      return { status: await s.connection.ready(), log: s.log };
    });
    expect(installed.status.state, installed.log.join('\n')).toBe('connected');
    expect(installed.log).toContain(`using the bpfscope installed on ${SSH_ALIAS} at ${opt}/ours/bpfscope`);
    expect(installed.log.some((l) => l.startsWith('sending the agent') || l.startsWith('reusing'))).toBe(false);

    const other = await sshd.withRemotePath(`${opt}/other:/usr/bin:/bin`, async () => {
      const s = connect({ hostkey: 'yes' }, { useInstalled: true });
      return { status: await s.connection.ready(), log: s.log };
    });
    expect(other.status.state, other.log.join('\n')).toBe('connected');
    expect(other.log.some((l) => l.startsWith('using the bpfscope installed'))).toBe(false);
    expect(other.log.some((l) => l.startsWith(`reusing the agent on ${SSH_ALIAS}`))).toBe(true);
    await Promise.all(open.splice(0).map((c) => c.dispose()));
  });

  it('says what to install when the remote has no node, or one older than 20', async () => {
    const none = await sshd.withRemotePath('/nonexistent', () => connect({ hostkey: 'yes' }).connection.ready());
    expect(none.state).toBe('disconnected');
    expect(none.reason).toMatch(/node was not found on bpfscope-loopback .*install Node\.js 20 or later/);

    // A node that says it is 18: the boot checks the version before anything else.
    const old = join(sshd.home, 'old-node');
    mkdirSync(old);
    writeFileSync(
      join(old, 'v18.cjs'),
      "Object.defineProperty(process.versions, 'node', { value: '18.19.0' });\n" +
        "Object.defineProperty(process, 'version', { value: 'v18.19.0' });\n",
    );
    writeFileSync(join(old, 'node'), `#!/bin/sh\nexec /usr/bin/node -r ${old}/v18.cjs "$@"\n`, { mode: 0o755 });
    execFileSync('chown', ['-R', `${sshd.user}:`, old]);
    const tooOld = await sshd.withRemotePath(`${old}:/usr/bin:/bin`, () => connect({}).connection.ready());
    expect(tooOld.state).toBe('disconnected');
    expect(tooOld.reason).toContain(
      `bpfscope-loopback has Node.js v18.19.0 (/usr/bin/node), the bpfscope agent needs 20 or later: install Node.js`,
    );
  });

  it.skipIf(cannotMount !== undefined)(
    'runs the native engine as root through sudo (password asked, a wrong one asked again) on a private bpffs',
    async () => {
      const mount = await mountPrivateBpffs();
      try {
        const session = connect(
          { hostkey: 'yes', 'sudo-password': ['wrong password', sshd.password] },
          { agentArgs: ['--engine', 'native', '--bpffs', mount.dir] },
        );
        const status = await session.connection.ready();
        expect(status, session.log.join('\n')).toMatchObject({ state: 'connected' });
        expect(status.agent?.uid).toBe(0);
        const sudo = session.asked.filter((q) => q.kind === 'sudo-password');
        expect(sudo.map((q) => q.text)).toEqual([
          `[sudo] password for ${sshd.user}@${hostname()} on ${SSH_ALIAS}`,
          `Sorry, try again. [sudo] password for ${sshd.user}@${hostname()} on ${SSH_ALIAS}`,
        ]);
        expect(sudo.every((q) => q.secret)).toBe(true);
        expect(session.log.join('\n')).not.toContain(sshd.password);

        const api = apiOf(session.connection);
        await api.mkdir({ path: 'remote' });
        expect((await api.list({ path: '' })).map((e) => e.name)).toContain('remote');
        const m = await api.createMap({
          type: 'hash',
          name: 'over_ssh',
          keySize: 4,
          valueSize: 8,
          maxEntries: 8,
          flags: [],
        });
        await api.pin({ handle: m.handle, path: 'remote/over_ssh' });
        const shown = JSON.parse(
          execFileSync('bpftool', ['-j', 'map', 'show', 'pinned', join(mount.dir, 'remote/over_ssh')], {
            encoding: 'utf8',
          }),
        ) as { name: string; type: string };
        expect(shown).toMatchObject({ name: 'over_ssh', type: 'hash' });
        await api.unlink({ path: 'remote/over_ssh' });
        expect(existsSync(join(mount.dir, 'remote/over_ssh'))).toBe(false);
        expect(() =>
          execFileSync('bpftool', ['map', 'show', 'pinned', join(mount.dir, 'remote/over_ssh')], { stdio: 'pipe' }),
        ).toThrow();

        // The ssh process killed under the connection: disconnected, and why.
        process.kill(session.sshPids[0] ?? -1, 'SIGKILL');
        await expect.poll(() => session.connection.status().state).toBe('disconnected');
        expect(session.connection.status().reason).toContain(`the ssh connection to ${SSH_ALIAS} was ended by SIGKILL`);
        await expect(api.list({ path: '' })).rejects.toMatchObject({ code: 'ENOTCONN' });
      } finally {
        await Promise.all(open.splice(0).map((c) => c.dispose()));
        await mount.cleanup();
      }
    },
  );

  it('a cancelled sudo password ends the attempt with a clear reason', async () => {
    const mountless = connect({ hostkey: 'yes', 'sudo-password': null }, { elevate: 'sudo' });
    const status = await mountless.connection.ready();
    expect(status.state).toBe('disconnected');
    expect(status.reason).toContain(`sudo on ${SSH_ALIAS} needs a password and none was given`);
  });

  it('a custom command host runs the agent through a plain command line', async () => {
    const agent = join(agentDir, 'bpfscope-agent.cjs');
    const launcher = customCommandLauncher(['/bin/sh', '-c', `exec node ${agent} agent --stdio --engine emulated`]);
    expect(launcher.via).toBe(`command /bin/sh -c exec node ${agent} agent --stdio --engine emulated`);
    const connection = connectAgent(launcher);
    open.push(connection);
    expect((await connection.ready()).state).toBe('connected');
    expect((await apiOf(connection).list({ path: '' })).length).toBeGreaterThan(0);
    expect(() => customCommandLauncher([])).toThrow(/needs a command/);
  });
});
