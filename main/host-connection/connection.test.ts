// The host connection against real agent processes: a killed agent is reported with its signal, calls in flight
// fail with ENOTCONN instead of hanging, Reconnect starts a new agent; launchers that fail say why.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

import { afterEach, describe, expect, it } from 'vitest';

import { encodeStreamFrameBytes } from '../../shared/agent-frames.js';
import type { AppEvent } from '../../shared/contract.js';

import { type AgentUnderTest, agentCli, startAgent } from '../../test/support/agent.js';
import { canMountBpffs, mountPrivateBpffs, type PrivateBpffs } from '../../test/support/bpffs.js';

import { connectAgent, type HostConnection } from './connection.js';
import { commandLauncher } from './launcher.js';
import { openHost } from './open-host.js';

const open: { dispose(): Promise<void> }[] = [];
let mount: PrivateBpffs | undefined;
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.dispose()));
  await mount?.cleanup();
  mount = undefined;
});

async function agent(args: string[]): Promise<AgentUnderTest> {
  const a = await startAgent({ args });
  open.push(a.connection);
  return a;
}

function connect(...args: Parameters<typeof connectAgent>): HostConnection {
  const c = connectAgent(...args);
  open.push(c);
  return c;
}

const cannotMount = canMountBpffs();
if (cannotMount) console.warn(`[connection.test.ts] native parts skipped: ${cannotMount}`);
const hash = { type: 'hash', name: 'm', keySize: 4, valueSize: 8, maxEntries: 8, flags: [] } as const;

describe('host connection', { timeout: 60_000 }, () => {
  const killAndReconnect = (native: boolean) => async () => {
    if (native) mount = await mountPrivateBpffs();
    const args = native && mount ? ['--engine', 'native', '--bpffs', mount.dir] : ['--engine', 'emulated', '--empty'];
    const { api, pid, connection } = await agent(args);
    const events: AppEvent[] = [];
    api.onEvent((e) => events.push(e));
    const m = await api.createMap({ ...hash, flags: [] });
    await api.pin({ handle: m.handle, path: 'kept' });
    const { view } = await api.mapViewOpen({ path: 'kept' });
    // Stopped, the agent cannot answer: the call is surely in flight when it dies.
    process.kill(pid, 'SIGSTOP');
    const inFlight = api.listObjects({});
    process.kill(pid, 'SIGKILL');
    await expect(inFlight).rejects.toMatchObject({ code: 'ENOTCONN', message: expect.stringContaining('SIGKILL') });
    expect(connection.status()).toMatchObject({ state: 'disconnected', reason: 'the agent exited: SIGKILL' });
    await expect
      .poll(() => events.filter((e) => e.type === 'map-view-closed'))
      .toEqual([{ type: 'map-view-closed', view, reason: 'The agent exited (the agent exited: SIGKILL).' }]);
    expect(events).toContainEqual({
      type: 'connection-changed',
      status: expect.objectContaining({ state: 'disconnected', reason: 'the agent exited: SIGKILL' }),
    });
    await expect(api.describe({})).rejects.toMatchObject({
      code: 'ENOTCONN',
      hint: expect.stringContaining('Reconnect'),
    });

    const back = await api.reconnect({});
    expect(back).toMatchObject({ state: 'connected', via: 'direct' });
    expect(back.agent?.pid).not.toBe(pid);
    expect(await api.connectionStatus({})).toEqual(back);
    // A pin outlives the agent that made it; the emulated engine's state lived only in the dead agent.
    if (native) expect((await api.stat({ path: 'kept' })).kind).toBe('map');
    else await expect(api.stat({ path: 'kept' })).rejects.toMatchObject({ code: 'ENOENT' });
  };
  const what = 'reports a SIGKILLed agent, fails the call in flight, and Reconnect brings a new agent';
  it(`emulated: ${what}`, killAndReconnect(false));
  it.skipIf(cannotMount !== undefined)(`native: ${what}`, killAndReconnect(true));

  it('ends the agent on dispose: its stdin closes and it exits 0', async () => {
    const { connection } = await agent(['--engine', 'emulated', '--empty']);
    await connection.dispose();
    expect(connection.status()).toMatchObject({ state: 'disconnected', reason: 'the agent exited' });
  });

  it.skipIf(cannotMount !== undefined)("gives the agent's own refusal when it cannot open the engine", async () => {
    const cli = await agentCli();
    const notBpffs = '/tmp';
    await expect(
      openHost(
        { engine: 'native', bpffs: notBpffs, empty: false, port: 0, host: '127.0.0.1' },
        { agent: { cliPath: cli } },
      ),
    ).rejects.toMatchObject({ code: 'ENODEV', message: expect.stringContaining('is not a bpffs mount') });
  });

  it('says when the launcher cannot run its command', async () => {
    const c = connect(commandLauncher('pkexec', { command: '/nonexistent/pkexec', args: [] }));
    expect(await c.ready()).toMatchObject({
      state: 'disconnected',
      via: 'pkexec',
      reason: expect.stringMatching(/^the agent could not be started: spawn \/nonexistent\/pkexec ENOENT/),
    });
    expect(await c.dispatch('describe', {})).toMatchObject({ ok: false, error: { code: 'ENOTCONN' } });
  });

  it('ends an agent whose output is not frames, and says so', async () => {
    const script = "process.stdout.write('Welcome to the agent!\\n'); setInterval(() => {}, 1000);";
    const c = connect(commandLauncher('custom', { command: process.execPath, args: ['-e', script] }));
    expect(await c.ready()).toMatchObject({
      state: 'disconnected',
      reason: expect.stringMatching(/^the agent's output is not bpfscope frames \(Not a bpfscope frame header/),
    });
  });

  it.each([
    ['speaks another protocol', { hello: { role: 'agent', protocol: 99 } }, 'the agent speaks protocol 99'],
    ['does not start with a hello', { id: 1, ok: true, value: null }, 'the agent did not start with a hello'],
  ])('refuses an agent that %s', async (_n, first, reason) => {
    // Any command may sit behind a launcher: here one that writes a single frame and waits for its stdin to close.
    const frame = Buffer.from(encodeStreamFrameBytes(first)).toString('base64');
    const script = `process.stdout.write(Buffer.from('${frame}', 'base64')); process.stdin.resume();`;
    const c = connect(commandLauncher('custom', { command: process.execPath, args: ['-e', script] }));
    expect(await c.ready()).toMatchObject({ state: 'disconnected', reason: expect.stringContaining(reason) });
  });

  it.skipIf(cannotMount !== undefined)(
    'serve --engine native: the serve process never loads koffi, its agent does',
    async () => {
      mount = await mountPrivateBpffs();
      const serve = spawn(process.execPath, [await agentCli(), 'serve', '--engine', 'native', '--bpffs', mount.dir], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      open.push({
        dispose: () =>
          new Promise<void>((resolve) => {
            serve.once('exit', () => resolve());
            serve.kill('SIGTERM');
          }),
      });
      await new Promise<void>((resolve) =>
        serve.stdout.on('data', (d: Buffer) => d.includes('listening') && resolve()),
      );
      const pid = serve.pid ?? -1;
      const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
      expect(children).toHaveLength(1);
      const maps = (p: number) => readFileSync(`/proc/${p}/maps`, 'utf8');
      expect(maps(pid)).not.toContain('koffi');
      expect(maps(children[0] ?? -1)).toContain('koffi');
    },
  );
});
