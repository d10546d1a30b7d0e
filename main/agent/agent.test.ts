// `bpfscope agent --stdio` as a real child process spoken to frame by frame: its hello, what it refuses, and that
// closing its stdin ends it (exit 0) with nothing of its own left behind.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { AGENT_PROTOCOL_VERSION } from '../../shared/agent-protocol.js';
import { effectiveCapabilities } from '../../shared/capabilities.js';

import { agentCli } from '../../test/support/agent.js';
import { canMountBpffs, mountPrivateBpffs, type PrivateBpffs } from '../../test/support/bpffs.js';
import { type RawAgent, spawnRawAgent } from '../../test/support/raw-agent.js';

import { scanHolders } from '../engine/native/holders.js';
import { HOLDING_DIR } from '../host/holding.js';

let cli: string;
beforeAll(async () => void (cli = await agentCli()));

const hello = { hello: { protocol: AGENT_PROTOCOL_VERSION, role: 'client', client: 'agent.test' } };
const agents: RawAgent[] = [];
let mount: PrivateBpffs | undefined;
afterEach(async () => {
  for (const a of agents.splice(0)) {
    a.child.stdin.end();
    await a.exited;
  }
  await mount?.cleanup();
  mount = undefined;
});

async function spawnAgent(args: string[]): Promise<RawAgent> {
  const agent = await spawnRawAgent(args);
  agents.push(agent);
  return agent;
}

/** The agent's fds above stdio, as their link targets (anon_inode:bpf-map, socket:[..], ...). */
function fdTargets(pid: number): string[] {
  return readdirSync(`/proc/${pid}/fd`)
    .filter((fd) => Number(fd) > 2)
    .flatMap((fd) => {
      try {
        return [readlinkSync(`/proc/${pid}/fd/${fd}`)];
      } catch {
        return [];
      }
    });
}

const cannotMount = canMountBpffs();
if (cannotMount) console.warn(`[agent.test.ts] native parts skipped: ${cannotMount}`);

describe('bpfscope agent --stdio', { timeout: 60_000 }, () => {
  it('says who it is first: protocol, version, kernel, uid, capabilities, the engine', async () => {
    const agent = await spawnAgent(['--engine', 'emulated', '--empty']);
    const first = await agent.next();
    expect(first.ok).toBe(true);
    const h = (first as { value: { hello: Record<string, unknown> } }).value.hello;
    expect(h).toMatchObject({
      role: 'agent',
      protocol: AGENT_PROTOCOL_VERSION,
      version: JSON.parse(readFileSync('package.json', 'utf8')).version,
      pid: agent.child.pid,
      kernel: readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim(),
      uid: process.getuid?.(),
      // A child keeps its parent's capabilities: the same set as this test process.
      capabilities: effectiveCapabilities(readFileSync('/proc/self/status', 'utf8')),
      engine: { engine: 'emulated' },
    });
    agent.send(hello);
    expect(await agent.call('mkdir', { path: 'made' })).toEqual({ id: 1, ok: true, value: null });
    expect(await agent.call('stat', { path: 'made' })).toMatchObject({ ok: true, value: { kind: 'dir' } });
    expect(agent.events).toContainEqual({ type: 'tree-changed', dirs: [''] });
  });

  it('answers a frame without an id, or one it cannot read, with id null, and goes on', async () => {
    const agent = await spawnAgent(['--engine', 'emulated', '--empty']);
    await agent.next();
    agent.send(hello);
    agent.send({ op: 'mkdir', req: { path: 'x' } });
    expect(await agent.next()).toMatchObject({ ok: true, value: { id: null, ok: false, error: { code: 'EINVAL' } } });
    agent.sendBytes(Uint8Array.from([3, 0, 0, 0, 1, 0, 0, 0, 0x7b, 0x7b, 0x7b]));
    expect(await agent.next()).toMatchObject({ ok: true, value: { id: null, ok: false, error: { code: 'EINVAL' } } });
    expect(await agent.call('describe', {})).toMatchObject({ ok: true, value: { engine: 'emulated' } });
  });

  it.each([
    ['a call before the hello', { id: 1, op: 'describe', req: {} }, 'no-hello'],
    ['another protocol version', { hello: { protocol: 99, role: 'client', client: 'x' } }, 'protocol-mismatch'],
  ])('says goodbye and exits 0 on %s', async (_name, first, reason) => {
    const agent = await spawnAgent(['--engine', 'emulated', '--empty']);
    await agent.next();
    agent.send(first);
    expect(await agent.next()).toMatchObject({ ok: true, value: { bye: { reason } } });
    expect(await agent.exited).toEqual({ code: 0, signal: null });
  });

  it('ends the session at a broken header without crashing', async () => {
    const agent = await spawnAgent(['--engine', 'emulated', '--empty']);
    await agent.next();
    agent.send(hello);
    agent.sendBytes(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 1, 0, 0, 0]));
    expect(await agent.next()).toMatchObject({ ok: true, value: { bye: { reason: 'bad-frame' } } });
    expect(await agent.exited).toEqual({ code: 0, signal: null });
  });

  it.each([
    [['agent'], 'the agent needs --stdio'],
    [['agent', '--stdio', '--port', '80'], 'unknown agent option --port'],
  ])('refuses %j with the usage on stderr and exit 2', (args, message) => {
    const r = spawnSync(process.execPath, [cli, ...args], { input: '', encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  it.skipIf(cannotMount !== undefined)(
    'native: exits 0 when stdin closes, leaving no fd or handle behind; a pin held for Undo outlives it',
    async () => {
      mount = await mountPrivateBpffs();
      // The kernel preloads iterator pins (maps.debug, progs.debug) into a fresh mount.
      const preloaded = readdirSync(mount.dir);
      const agent = await spawnAgent(['--engine', 'native', '--bpffs', mount.dir]);
      expect(await agent.next()).toMatchObject({
        ok: true,
        value: { hello: { bpffs: expect.arrayContaining([mount.dir]) } },
      });
      agent.send(hello);
      const spec = { type: 'hash', name: 'm', keySize: 4, valueSize: 8, maxEntries: 8, flags: [] };
      const value = async (op: string, req: unknown) => {
        const r = await agent.call(op, req);
        expect(r).toMatchObject({ ok: true });
        return r.value as { handle: number; id: number; view: number; token: number };
      };
      // A pinned map with a view on it, an unpinned map held only by a handle, a map unlinked with Undo (its pin
      // is held on the mount, not by an fd), and run statistics on.
      const kept = await value('createMap', spec);
      await value('pin', { handle: kept.handle, path: 'kept' });
      await value('mapViewOpen', { path: 'kept' });
      const orphan = await value('createMap', { ...spec, name: 'orphan' });
      const undone = await value('createMap', { ...spec, name: 'undone' });
      await value('pin', { handle: undone.handle, path: 'undone' });
      await value('close', { handle: undone.handle });
      await value('unlinkWithUndo', { path: 'undone' });
      await value('statsEnable', {});
      const pid = agent.child.pid ?? -1;
      const held = scanHolders(-1);
      expect(held.get(`map:${kept.id}`)?.map((h) => h.pid)).toEqual([pid]);
      expect(held.get(`map:${orphan.id}`)?.map((h) => h.pid)).toEqual([pid]);
      expect(fdTargets(pid)).toContain('anon_inode:bpf-stats');
      // It never listens: no socket beside its stdio (which node hands it as a socketpair).
      expect(fdTargets(pid).filter((t) => t.startsWith('socket:'))).toEqual([]);

      agent.child.stdin.end();
      expect(await agent.exited).toEqual({ code: 0, signal: null });
      const after = scanHolders(-1);
      for (const m of [kept, orphan, undone]) expect(after.get(`map:${m.id}`)).toBeUndefined();
      expect(readdirSync(mount.dir).sort()).toEqual([...preloaded, HOLDING_DIR, 'kept'].sort());
      // The next agent on the mount offers the Undo the first one promised.
      const next = await spawnAgent(['--engine', 'native', '--bpffs', mount.dir]);
      await next.next();
      next.send(hello);
      expect(await next.call('listHeld', {})).toMatchObject({ ok: true, value: [{ path: 'undone' }] });
    },
  );
});
