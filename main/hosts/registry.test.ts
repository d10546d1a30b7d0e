// The host registry with real agents: a custom-command host runs `bpfscope agent --stdio` as its command, gets its
// own engine, is retried with backoff when the agent is killed, and relays a launcher's questions to the window.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { release, tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { clientFromCaller } from '../../shared/client.js';
import type { ApiClient, OpName } from '../../shared/contract.js';
import type { HostEvent, HostSpec, HostState } from '../../shared/hosts.js';

import { agentCli } from '../../test/support/agent.js';

import { commandLauncher } from '../host-connection/launcher.js';
import { openHost } from '../host-connection/open-host.js';
import { defaultCommandHosts, hostControl } from './control.js';
import { hostsFile } from './persist.js';
import { HostRegistry, type HostRegistryOptions } from './registry.js';

const dirs: string[] = [];
const registries: HostRegistry[] = [];
afterEach(async () => {
  await Promise.all(registries.splice(0).map((r) => r.dispose()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function registry(extra: Partial<HostRegistryOptions> = {}): { reg: HostRegistry; dir: string; events: HostEvent[] } {
  const dir = mkdtempSync(join(tmpdir(), 'bpfscope-hosts-'));
  dirs.push(dir);
  const reg = new HostRegistry({
    primary: 'emulated',
    openLocal: (engine) => openHost({ engine, bpffs: '/nonexistent', empty: true, port: 0, host: '127.0.0.1' }, {}),
    file: hostsFile(dir),
    backoff: { initialMs: 50, maxMs: 200 },
    ...extra,
  });
  registries.push(reg);
  const events: HostEvent[] = [];
  reg.subscribe((e) => events.push(e));
  return { reg, dir, events };
}

const agentCommand = async (): Promise<HostSpec> => ({
  kind: 'command',
  argv: [process.execPath, await agentCli(), 'agent', '--stdio', '--engine', 'emulated', '--empty'],
});

const apiOf = (reg: HostRegistry, id: string): ApiClient => {
  const port = reg.link(id)!;
  return clientFromCaller(
    (op: OpName, req) => port.dispatch(op, req),
    (l) => port.subscribe(l),
  );
};

const stateOf = (reg: HostRegistry, id: string): HostState => reg.listing().hosts.find((h) => h.id === id)!.state;

describe('host registry', { timeout: 60_000 }, () => {
  it('always lists this computer, and connects the primary engine in process', async () => {
    const { reg } = registry();
    await reg.start();
    const { hosts, primary } = reg.listing();
    expect(hosts.slice(0, 2).map((h) => h.label)).toEqual(['This computer (emulated)', 'This computer (native)']);
    expect(primary).toBe('local:emulated');
    expect(stateOf(reg, 'local:emulated')).toMatchObject({
      state: 'connected',
      mount: '/sys/fs/bpf',
      kernel: release(),
    });
    expect(stateOf(reg, 'local:native')).toEqual({ state: 'idle' });
  });

  it('says why a local engine could not open, and calls to it fail with ENOTCONN', async () => {
    const { reg } = registry({
      openLocal: () => Promise.reject(new Error('no bpffs is mounted at /nonexistent')),
    });
    await reg.connect('local:native');
    expect(stateOf(reg, 'local:native')).toMatchObject({
      state: 'disconnected',
      reason: 'no bpffs is mounted at /nonexistent',
    });
    expect(stateOf(reg, 'local:native')).not.toHaveProperty('retryAt');
    await expect(apiOf(reg, 'local:native').list({ path: '' })).rejects.toMatchObject({ code: 'ENOTCONN' });
  });

  it('runs a custom command host as its own engine, and retries it with backoff when its agent dies', async () => {
    const { reg, events } = registry();
    const entry = reg.add(await agentCommand());
    expect(entry.source).toBe('saved');
    await reg.connect(entry.id);
    const first = stateOf(reg, entry.id);
    expect(first).toMatchObject({ state: 'connected', uid: process.getuid!(), mount: expect.any(String) });
    const api = apiOf(reg, entry.id);
    await api.mkdir({ path: 'only-here' });
    expect((await api.list({ path: '' })).map((e) => e.name)).toContain('only-here');
    const local = reg.link('local:emulated');
    expect(local).toBeDefined();

    process.kill((first as { pid: number }).pid, 'SIGKILL');
    await expect
      .poll(() => stateOf(reg, entry.id))
      .toMatchObject({
        state: 'disconnected',
        reason: 'the agent exited: SIGKILL',
        retryAt: expect.any(Number),
      });
    await expect.poll(() => stateOf(reg, entry.id).state, { timeout: 20_000 }).toBe('connected');
    expect((stateOf(reg, entry.id) as { pid: number }).pid).not.toBe((first as { pid: number }).pid);
    // A new agent: a new (empty) engine, reached through the same link.
    expect((await api.list({ path: '' })).map((e) => e.name)).not.toContain('only-here');
    expect(events.some((e) => e.type === 'hosts-changed')).toBe(true);
  });

  it('stops a host the user disconnects, without retrying it', async () => {
    const { reg } = registry();
    const { id } = reg.add(await agentCommand());
    await reg.connect(id);
    await reg.disconnect(id);
    expect(stateOf(reg, id)).toMatchObject({ state: 'disconnected', reason: 'disconnected by you' });
    await new Promise((r) => setTimeout(r, 300));
    expect(stateOf(reg, id)).not.toHaveProperty('retryAt');
    await expect(apiOf(reg, id).list({ path: '' })).rejects.toMatchObject({ code: 'ENOTCONN' });
    await reg.connect(id);
    expect(stateOf(reg, id).state).toBe('connected');
  });

  it('says why a command that cannot run did not connect', async () => {
    const { reg } = registry({ backoff: { initialMs: 60_000, maxMs: 60_000 } });
    const { id } = reg.add({ kind: 'command', argv: ['/nonexistent/bpfscope-agent', '--stdio'] });
    await reg.connect(id);
    expect(stateOf(reg, id)).toMatchObject({
      state: 'disconnected',
      reason: expect.stringContaining('the agent could not be started: spawn /nonexistent/bpfscope-agent ENOENT'),
    });
  });

  it("relays a launcher's question to the window and hands the answer back", async () => {
    const answers: (string | null)[] = [];
    const spec = await agentCommand();
    const { reg, events } = registry({
      launchers: {
        ssh: (_spec, prompt) => {
          const inner = commandLauncher('ssh', {
            command: (spec as { argv: string[] }).argv[0]!,
            args: (spec as { argv: string[] }).argv.slice(1),
          });
          return {
            via: 'ssh',
            spawn: () => {
              void prompt({ kind: 'hostkey', text: 'Trust host key SHA256:abc?', secret: false }).then((a) =>
                answers.push(a),
              );
              return inner.spawn();
            },
          };
        },
      },
    });
    const { id } = reg.add({ kind: 'ssh', destination: 'example.org', user: 'ops', port: 2222 });
    expect(id).toBe('ssh:ops@example.org:2222');
    const connecting = reg.connect(id);
    await expect.poll(() => reg.pendingPrompts()).toHaveLength(1);
    const [prompt] = reg.pendingPrompts();
    expect(prompt).toMatchObject({ hostId: id, kind: 'hostkey', secret: false });
    expect(events).toContainEqual({ type: 'host-prompt', prompt });
    expect(stateOf(reg, id)).toMatchObject({ state: 'authenticating', question: 'Trust host key SHA256:abc?' });
    reg.answer(prompt!.id, 'yes');
    await connecting;
    expect(answers).toEqual(['yes']);
    expect(events).toContainEqual({ type: 'host-prompt-done', id: prompt!.id });
    await expect.poll(() => stateOf(reg, id).state).toBe('connected');
    expect(() => reg.answer(prompt!.id, 'again')).toThrow('no longer asked');
  });

  it('does not retry a host whose question the user cancelled: Connect asks again', async () => {
    let asked = 0;
    const { reg } = registry({
      launchers: {
        ssh: (_spec, prompt) => ({
          via: 'ssh',
          spawn: () => {
            // Stands in for ssh: it waits for the answer and gives up when there is none.
            const child = commandLauncher('ssh', { command: 'sleep', args: ['600'] }).spawn();
            asked++;
            void prompt({ kind: 'hostkey', text: 'Trust host key SHA256:abc?', secret: false }).then(
              (a) => a === null && child.kill('SIGTERM'),
            );
            return child;
          },
        }),
      },
    });
    const { id } = reg.add({ kind: 'ssh', destination: 'example.org' });
    const connecting = reg.connect(id);
    await expect.poll(() => reg.pendingPrompts()).toHaveLength(1);
    reg.answer(reg.pendingPrompts()[0]!.id, null);
    await connecting;
    const state = stateOf(reg, id);
    expect(state.state).toBe('disconnected');
    expect(state).not.toHaveProperty('retryAt');
    void reg.connect(id);
    await expect.poll(() => reg.pendingPrompts()).toHaveLength(1);
    expect(asked).toBe(2);
    reg.answer(reg.pendingPrompts()[0]!.id, null);
  });

  it('remembers hosts added by hand across restarts, and removes only those', async () => {
    const { reg, dir } = registry();
    reg.add({ kind: 'ssh', destination: 'db1', user: 'root' }, 'database');
    const saved = JSON.parse(readFileSync(join(dir, 'hosts.json'), 'utf8'));
    expect(saved).toEqual({
      version: 1,
      hosts: [{ label: 'database', spec: { kind: 'ssh', destination: 'db1', user: 'root' } }],
    });
    const again = new HostRegistry({
      primary: 'native',
      openLocal: () => Promise.reject(new Error('x')),
      file: hostsFile(dir),
    });
    registries.push(again);
    expect(again.listing().hosts.map((h) => h.label)).toEqual([
      'This computer (native)',
      'This computer (emulated)',
      'database',
    ]);
    await expect(again.remove('local:native')).rejects.toThrow('cannot be removed');
    await again.remove('ssh:root@db1');
    expect(JSON.parse(readFileSync(join(dir, 'hosts.json'), 'utf8')).hosts).toEqual([]);
  });
});

describe('custom-command hosts through the control channel', () => {
  const add = (control: ReturnType<typeof hostControl>) =>
    control.call('hostAdd', { spec: { kind: 'command', argv: ['/bin/sh', '-c', 'id > /tmp/pwned'] } });

  it('are refused with EPERM when bpfscope runs as root, and nothing is added', async () => {
    const { reg } = registry();
    await reg.start();
    const before = reg.listing().hosts.length;
    const r = await add(hostControl(reg, defaultCommandHosts(0, false)));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('EPERM');
      expect(r.error.message).toMatch(/runs as root/);
      expect(r.error.hint).toMatch(/--allow-command-hosts/);
    }
    expect(reg.listing().hosts.length).toBe(before);
  });

  it('are added for a user who could run the command anyway, or when root allows them', async () => {
    for (const policy of [defaultCommandHosts(1000, false), defaultCommandHosts(0, true)]) {
      const { reg } = registry({
        launchers: { command: () => commandLauncher('command', { command: '/bin/false', args: [] }) },
      });
      await reg.start();
      const r = await add(hostControl(reg, policy));
      expect(r.ok).toBe(true);
      expect(reg.listing().hosts.some((h) => h.spec.kind === 'command')).toBe(true);
    }
  });
});
