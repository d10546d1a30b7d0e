// The elevating host with real agent processes: an agent run as nobody (setpriv) is what the window starts with;
// "elevation" starts another agent (here the same CLI as root, standing in for what pkexec or sudo run) and swaps
// it in; a refusal leaves the first agent serving and says why.
import { spawn } from 'node:child_process';

import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { AppEvent } from '../../shared/contract.js';

import { agentCli } from '../../test/support/agent.js';

import { connectAgent, type HostConnection } from './connection.js';
import { type ElevatingHost, type ElevatingHostOptions, elevatingHost } from './elevating-host.js';
import { commandLauncher, directLauncher } from './launcher.js';

const whyNot = process.getuid?.() === 0 ? undefined : 'running an agent as nobody needs root (setpriv)';
if (whyNot) console.warn(`[elevating-host.test.ts] skipped: ${whyNot}`);

let cli: string;
beforeAll(async () => void (cli = await agentCli()));
const open: { dispose(): Promise<void> }[] = [];
afterEach(async () => void (await Promise.all(open.splice(0).map((c) => c.dispose()))));

const EMULATED = ['--engine', 'emulated', '--empty'];
const everything = { which: (c: string) => `/usr/bin/${c}`, exists: () => true };

/** The unprivileged agent the window starts with: the CLI as uid 65534. */
async function asNobody(): Promise<HostConnection> {
  const args = [
    '--reuid',
    '65534',
    '--regid',
    '65534',
    '--clear-groups',
    '--',
    process.execPath,
    cli,
    'agent',
    '--stdio',
  ];
  const connection = connectAgent(commandLauncher('direct', { command: 'setpriv', args: [...args, ...EMULATED] }));
  open.push(connection);
  expect(await connection.ready()).toMatchObject({ state: 'connected', agent: { uid: 65534 } });
  return connection;
}

/** Instead of pkexec/sudo: a root agent from this CLI, or a command that fails like they do. */
const rootAgent: typeof connectAgent = (launcher, opts) =>
  connectAgent({ via: launcher.via, spawn: directLauncher({ cliPath: cli, agentArgs: EMULATED }).spawn }, opts);
const failingLike =
  (stderr: string, code: number): typeof connectAgent =>
  (launcher, opts) =>
    connectAgent(
      { via: launcher.via, spawn: () => spawn('sh', ['-c', `echo "${stderr}" >&2; exit ${code}`], { stdio: 'pipe' }) },
      opts,
    );

async function host(opts: Partial<ElevatingHostOptions>): Promise<ElevatingHost> {
  const h = elevatingHost(await asNobody(), { agentArgs: EMULATED, probe: everything, ...opts });
  open.push(h);
  return h;
}

describe.skipIf(whyNot !== undefined)('elevating host', { timeout: 60_000 }, () => {
  it('says who the agent runs as and which ways exist', async () => {
    const h = await host({ connect: rootAgent });
    expect(await h.dispatch('elevation', {})).toMatchObject({
      ok: true,
      value: {
        needed: true,
        current: 'uid 65534, no CAP_BPF',
        ways: [
          { method: 'pkexec', available: true },
          { method: 'sudo', available: true, asksPassword: true },
        ],
      },
    });
  });

  it('swaps in the root agent: the window hears it, calls reach it, the old agent is gone', async () => {
    const h = await host({ connect: rootAgent });
    const oldPid = h.status().agent!.pid;
    const events: AppEvent[] = [];
    h.subscribe((e) => events.push(e));
    const r = await h.dispatch('elevate', { method: 'sudo', password: 'hunter2' });
    expect(r).toMatchObject({ ok: true, value: { state: 'connected', via: 'sudo', agent: { uid: 0 } } });
    expect(events).toContainEqual(expect.objectContaining({ type: 'connection-changed', status: h.status() }));
    expect(() => process.kill(oldPid, 0)).toThrow();
    expect(await h.dispatch('mkdir', { path: 'as-root' })).toEqual({ ok: true, value: null });
    expect(h.status().agent!.pid).not.toBe(oldPid);
    expect(await h.dispatch('elevation', {})).toMatchObject({ ok: true, value: { needed: false, current: 'root' } });
    expect(JSON.stringify(events)).not.toContain('hunter2');
  });

  it('keeps the unprivileged agent serving when the prompt is dismissed, and says so', async () => {
    const h = await host({ connect: failingLike('Error executing command as another user: Request dismissed', 126) });
    await h.dispatch('mkdir', { path: 'kept' });
    const r = await h.dispatch('elevate', { method: 'pkexec' });
    expect(r).toMatchObject({ ok: false, error: { code: 'ECANCELED' } });
    expect(!r.ok && r.error.message).toContain('bpfscope goes on as uid 65534, no CAP_BPF');
    expect(h.status()).toMatchObject({ state: 'connected', via: 'direct', agent: { uid: 65534 } });
    expect(await h.dispatch('stat', { path: 'kept' })).toMatchObject({ ok: true, value: { kind: 'dir' } });
  });

  it('refuses sudo without a password, and a malformed request without echoing it', async () => {
    const h = await host({ connect: rootAgent });
    expect(await h.dispatch('elevate', { method: 'sudo' })).toMatchObject({ ok: false, error: { code: 'EINVAL' } });
    const r = await h.dispatch('elevate', { method: 'sudo', password: 'two\nlines-secret' });
    expect(r).toMatchObject({ ok: false, error: { code: 'EINVAL' } });
    expect(JSON.stringify(r)).not.toContain('lines-secret');
    expect(h.status().via).toBe('direct');
  });

  it('says why a way cannot be used here instead of trying it', async () => {
    const h = await host({ connect: rootAgent, probe: { which: () => undefined, exists: () => false } });
    const r = await h.dispatch('elevate', { method: 'pkexec' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'ENOENT', message: 'pkexec cannot be used here: pkexec is not installed.' },
    });
  });

  it('--elevate pkexec starts the root agent without waiting for the window', async () => {
    const h = await host({ connect: rootAgent, requested: 'pkexec' });
    await expect.poll(() => h.status().via, { timeout: 20_000 }).toBe('pkexec');
    expect(h.status().agent?.uid).toBe(0);
  });
});
