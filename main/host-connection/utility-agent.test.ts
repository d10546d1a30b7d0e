// Electron's utility-process agent with stand-ins for UtilityProcess and process.parentPort (the Electron binary
// cannot run here): the real host connection on one side, the real agent session and emulated host on the other,
// frames carried as messages both ways, as in Electron.
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';

import { afterEach, describe, expect, it } from 'vitest';

import { AGENT_PROTOCOL_VERSION } from '../../shared/agent-protocol.js';
import type { AppEvent } from '../../shared/contract.js';

import { readAgentFacts } from '../agent/facts.js';
import { runAgentSession } from '../agent/session.js';
import { type ParentPortLike, parentPortIo, utilityAgentArgs } from '../agent/utility-entry.js';
import { createEmulatedEngine } from '../engine/emulated/index.js';
import { createHost } from '../host/create-host.js';
import { connectAgent, type HostConnection } from './connection.js';
import { type ForkUtility, type UtilityLike, utilityAgentLauncher } from './utility-agent.js';

/** A utility process whose "child" is an agent session in this process, reached only through messages. */
function standInFork(forks: { modulePath: string; args: string[]; options: unknown }[]): ForkUtility {
  return (modulePath, args, options) => {
    forks.push({ modulePath, args, options });
    const proc = new EventEmitter() as EventEmitter & UtilityLike & { pid: number | undefined };
    const childPort = new EventEmitter() as EventEmitter & ParentPortLike;
    // Messages are structured-cloned and delivered later, never in the sender's call.
    proc.postMessage = (m: unknown) => setImmediate(() => childPort.emit('message', { data: structuredClone(m) }));
    childPort.postMessage = (m: unknown) => setImmediate(() => proc.emit('message', structuredClone(m)));
    Object.assign(proc, { pid: 424242, stdout: null, stderr: new PassThrough(), kill: () => false });
    const io = parentPortIo(childPort);
    const host = createHost(createEmulatedEngine({ demo: false, traffic: false }));
    const hello = {
      role: 'agent',
      protocol: AGENT_PROTOCOL_VERSION,
      ...readAgentFacts(),
      engine: { engine: 'emulated' },
    };
    void runAgentSession({
      host,
      hello: hello as never,
      input: io.input,
      output: io.output,
      log: (line) => (proc.stderr as PassThrough).write(`${line}\n`),
    })
      .then(() => host.dispose())
      .then(() => proc.emit('exit', 0));
    return proc;
  };
}

const open: HostConnection[] = [];
afterEach(async () => void (await Promise.all(open.splice(0).map((c) => c.dispose()))));

describe('the agent in an Electron utility process', () => {
  it('forks the agent module with --stdio first, and serves calls and events over the parent port', async () => {
    const forks: { modulePath: string; args: string[]; options: unknown }[] = [];
    const launcher = utilityAgentLauncher(standInFork(forks), '/opt/bpfscope/dist/main/agent-utility.cjs', [
      '--engine',
      'emulated',
    ]);
    const connection = connectAgent(launcher);
    open.push(connection);
    const events: AppEvent[] = [];
    connection.subscribe((e) => events.push(e));
    expect(await connection.ready()).toMatchObject({ state: 'connected', via: 'direct' });
    expect(forks).toEqual([
      {
        modulePath: '/opt/bpfscope/dist/main/agent-utility.cjs',
        args: ['--stdio', '--engine', 'emulated'],
        options: { stdio: 'pipe', serviceName: 'bpfscope agent' },
      },
    ]);
    expect(await connection.dispatch('mkdir', { path: 'tc' })).toEqual({ ok: true, value: null });
    expect(await connection.dispatch('stat', { path: 'tc' })).toMatchObject({ ok: true, value: { kind: 'dir' } });
    await expect.poll(() => events).toContainEqual({ type: 'tree-changed', dirs: [''] });
  });

  it('ends the agent when the connection closes: end of input, the session ends, the process exits', async () => {
    const connection = connectAgent(utilityAgentLauncher(standInFork([]), '/x/agent-utility.cjs', []));
    await connection.ready();
    await connection.dispose();
    expect(connection.status()).toMatchObject({ state: 'disconnected', reason: 'the agent exited' });
  });

  it('finds the agent options in process.argv whatever Electron puts before them', () => {
    expect(utilityAgentArgs(['/opt/bpfscope/bpfscope', '/app/agent-utility.cjs', '--stdio', '--bpffs', '/b'])).toEqual([
      '--stdio',
      '--bpffs',
      '/b',
    ]);
    expect(utilityAgentArgs(['/opt/bpfscope/bpfscope'])).toEqual([]);
  });
});
