// An ssh host of the list over a real sshd on loopback: its host-key question reaches the window through the
// registry, the answer lets ssh in, and when the remote agent is killed the host is retried and comes back
// without asking again (the key is now known).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { HostEvent, HostState } from '../../shared/hosts.js';

import { SSH_ALIAS, sshdSkipReason, startSshd, type TestSshd } from '../../test/support/sshd.js';

import { sshLauncher } from '../host-connection/ssh.js';
import { HostRegistry } from './registry.js';

const skip = sshdSkipReason();
if (skip) console.warn(`[registry-ssh.test.ts] skipped: ${skip}`);
const REPO = fileURLToPath(new URL('../..', import.meta.url));

let sshd: TestSshd | undefined;
let agentDir: string;
let registry: HostRegistry | undefined;

beforeAll(async () => {
  if (skip) return;
  agentDir = mkdtempSync(join(tmpdir(), 'bpfscope-agent-bundle-'));
  execFileSync(process.execPath, [join(REPO, 'scripts/agent-bundle.mjs'), agentDir], { stdio: 'pipe' });
  sshd = await startSshd();
}, 120_000);

afterAll(async () => {
  await registry?.dispose();
  await sshd?.stop();
  if (agentDir) rmSync(agentDir, { recursive: true, force: true });
});

describe.skipIf(skip !== undefined)('an ssh host in the registry', { timeout: 90_000 }, () => {
  it('relays the host-key question, connects, and comes back by itself after the agent dies', async () => {
    registry = new HostRegistry({
      primary: 'emulated',
      openLocal: () => Promise.reject(new Error('not used here')),
      backoff: { initialMs: 200, maxMs: 1000 },
      launchers: {
        ssh: (spec, prompt) =>
          sshLauncher({
            destination: spec.kind === 'ssh' ? spec.destination : '',
            agentArgs: ['--engine', 'emulated', '--empty'],
            prompt,
            extraSshArgs: ['-F', sshd!.clientConfig],
            agentDir,
            useInstalled: false,
          }),
      },
    });
    const reg = registry;
    const events: HostEvent[] = [];
    reg.subscribe((e) => events.push(e));
    const { id } = reg.add({ kind: 'ssh', destination: SSH_ALIAS });
    const state = (): HostState => reg.listing().hosts.find((h) => h.id === id)!.state;

    const connecting = reg.connect(id);
    await expect.poll(() => reg.pendingPrompts(), { timeout: 30_000 }).toHaveLength(1);
    const [question] = reg.pendingPrompts();
    expect(question).toMatchObject({ hostId: id, kind: 'hostkey' });
    expect(state()).toMatchObject({ state: 'authenticating' });
    reg.answer(question!.id, 'yes');
    await connecting;
    await expect.poll(() => state().state, { timeout: 30_000 }).toBe('connected');
    const first = state() as Extract<HostState, { state: 'connected' }>;
    expect(first).toMatchObject({ uid: sshd!.uid, via: `ssh ${SSH_ALIAS}` });

    process.kill(first.pid!, 'SIGKILL');
    const wentDown = () =>
      events.some(
        (e) =>
          e.type === 'hosts-changed' &&
          e.listing.hosts.some((h) => h.id === id && h.state.state === 'disconnected' && h.state.retryAt),
      );
    await expect.poll(wentDown, { timeout: 30_000 }).toBe(true);
    await expect.poll(() => state().state, { timeout: 30_000 }).toBe('connected');
    expect((state() as { pid: number }).pid).not.toBe(first.pid);
    expect(events.filter((e) => e.type === 'host-prompt')).toHaveLength(1);
  });
});
