// The headless CLI as a real child process against a private bpffs: the native engine through the agent child it
// starts like serve does, and through a command: host; checked with bpftool and the in-process handler table.

import { execFileSync } from 'node:child_process';

import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { UnlinkImpact, WireDump } from '../../shared/contract.js';
import type { DirEntry } from '../../shared/engine.js';

import { agentCli } from '../../test/support/agent.js';
import { mountPrivateBpffs, type PrivateBpffs } from '../../test/support/bpffs.js';
import { bpftoolMapCreate } from '../../test/support/bpftool-map.js';
import { cliJson, runCli } from '../../test/support/cli-run.js';
import { bpftoolSkipReason, nativeSkipReason, RETURN_ZERO } from '../../test/support/native-env.js';

import { createNativeEngine } from '../engine/native/engine.js';
import { createHost } from '../host/create-host.js';

const skip = nativeSkipReason('cli.native.test.ts') ?? bpftoolSkipReason('cli.native.test.ts');

const bpftool = <T>(...args: string[]): T =>
  JSON.parse(execFileSync('bpftool', ['-j', ...args], { encoding: 'utf8' })) as T;
const pinnedId = (kind: 'map' | 'prog', path: string): number =>
  bpftool<{ id: number }>(kind, 'show', 'pinned', path).id;

// Each command starts node and an agent child: on a loaded machine a test of several commands takes a while.
describe.skipIf(skip !== undefined)('bpfscope headless commands on a native bpffs', { timeout: 180_000 }, () => {
  let mount: PrivateBpffs;
  let native: string[];
  beforeAll(() => agentCli());
  beforeEach(async () => {
    mount = await mountPrivateBpffs();
    native = ['--engine', 'native', '--bpffs', mount.dir];
    bpftoolMapCreate(`${mount.dir}/m`, { type: 'hash', entries: 16, name: 'm' });
    execFileSync('bpftool', [
      'map',
      'update',
      'pinned',
      `${mount.dir}/m`,
      'key',
      '1',
      '0',
      '0',
      '0',
      'value',
      '7',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
    ]);
    execFileSync('mkdir', [`${mount.dir}/sub`]);
    // A program, loaded and pinned by the engine itself; its handle closes with the engine.
    const engine = createNativeEngine({ bpffs: mount.dir });
    const prog = await engine.loadProgram({ type: 'socket_filter', name: 'p', insns: RETURN_ZERO, license: 'GPL' });
    await engine.pin(prog.handle, 'sub/p');
    await engine.dispose();
  });
  afterEach(() => mount.cleanup());

  it('ls --json is what the handler table lists, with the ids bpftool sees', async () => {
    const cli = await cliJson<DirEntry[]>(['ls', ...native]);
    const host = createHost(createNativeEngine({ bpffs: mount.dir }));
    const r = await host.dispatch('list', { path: '' });
    await host.dispose();
    expect(r.ok && r.value).toEqual(cli);
    expect(cli.find((e) => e.name === 'm')?.object).toMatchObject({
      kind: 'map',
      id: pinnedId('map', `${mount.dir}/m`),
    });
    const sub = await cliJson<DirEntry[]>(['ls', ...native, `${mount.dir}/sub`]);
    expect(sub).toEqual([
      expect.objectContaining({
        path: 'sub/p',
        object: expect.objectContaining({ id: pinnedId('prog', `${mount.dir}/sub/p`) }),
      }),
    ]);
  });

  it('dump --json reads the entries bpftool wrote', async () => {
    const dump = await cliJson<WireDump>(['dump', ...native, 'm']);
    expect(dump).toEqual({ entries: [{ key: '01000000', value: '0700000000000000' }], truncated: false });
  });

  it('pin makes a new pin of the same object from a path or an id, as bpftool shows', async () => {
    const mapId = pinnedId('map', `${mount.dir}/m`);
    const progId = pinnedId('prog', `${mount.dir}/sub/p`);
    const byPath = await cliJson<DirEntry>(['pin', ...native, 'm', 'sub/m2']);
    expect(byPath).toMatchObject({ path: 'sub/m2', kind: 'map', nlink: 1, object: { id: mapId } });
    expect(pinnedId('map', `${mount.dir}/sub/m2`)).toBe(mapId);
    await cliJson(['pin', ...native, `id:map:${mapId}`, 'm3']);
    expect(pinnedId('map', `${mount.dir}/m3`)).toBe(mapId);
    await cliJson(['pin', ...native, `id:prog:${progId}`, 'p2']);
    expect(pinnedId('prog', `${mount.dir}/p2`)).toBe(progId);
    const taken = await runCli(['pin', ...native, 'm', 'm3']);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/^bpfscope: EEXIST: /);
  });

  it('unlink removes the pin and says whether the object lives on', async () => {
    await cliJson(['pin', ...native, 'm', 'm2']);
    const first = await cliJson<UnlinkImpact>(['unlink', ...native, 'm2']);
    expect(first).toMatchObject({ entry: { path: 'm2' }, otherPins: ['m'], freesObject: false });
    expect(() => pinnedId('map', `${mount.dir}/m2`)).toThrow();
    const last = await runCli(['unlink', ...native, 'm']);
    expect(last.stdout).toMatch(/^unlinked m: map \d+ \(hash m\); the object is freed$/m);
    expect(() => pinnedId('map', `${mount.dir}/m`)).toThrow();
  });

  it('reaches the same bpffs through a command: host running the agent', async () => {
    const cmd = `command:${process.execPath} ${await agentCli()} agent --stdio --engine native --bpffs '${mount.dir}'`;
    const viaCommand = await cliJson<DirEntry[]>(['ls', '--host', cmd, 'sub']);
    expect(viaCommand).toEqual(await cliJson<DirEntry[]>(['ls', ...native, 'sub']));
    await cliJson(['pin', '--host', cmd, 'sub/p', 'p3']);
    expect(pinnedId('prog', `${mount.dir}/p3`)).toBe(pinnedId('prog', `${mount.dir}/sub/p`));
  });

  it("a bpffs path that is not a mount fails with the agent's reason, exit 1", async () => {
    const run = await runCli(['ls', '--engine', 'native', '--bpffs', `${mount.dir}/sub`]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^bpfscope: E[A-Z]+: .*sub/);
  });
});
