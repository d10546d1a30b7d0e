// The headless CLI, run as a real child process against the emulated demo host it opens like serve does, its JSON
// compared with what the handler table answers in this process for a demo of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { InspectResult, UnlinkImpact, WireDump } from '../../shared/contract.js';
import type { DirEntry } from '../../shared/engine.js';
import type { BpffsMount } from '../../shared/mounts.js';

import { agentCli } from '../../test/support/agent.js';
import { cliJson, runCli, withoutIds } from '../../test/support/cli-run.js';

import { createEmulatedEngine } from '../engine/emulated/index.js';
import { createHost, type Host } from '../host/create-host.js';

let host: Host;
const call = async <T>(op: string, req: unknown): Promise<T> => {
  const r = await host.dispatch(op, req);
  if (!r.ok) throw new Error(`${op}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
};

beforeAll(async () => {
  await agentCli();
  host = createHost(createEmulatedEngine({ demo: true, traffic: true }));
});
afterAll(() => host.dispose());

describe('bpfscope ls|info|dump|pin|unlink on the emulated demo', { timeout: 180_000 }, () => {
  it("ls --json prints the handler table's DirEntry[] for the folder", async () => {
    const cli = await cliJson<DirEntry[]>(['ls', '--engine', 'emulated', 'tc/globals']);
    const table = await call<DirEntry[]>('list', { path: 'tc/globals' });
    expect(withoutIds(cli)).toEqual(withoutIds(table));
    expect(cli.map((e) => e.name)).toContain('cilium_ct4_global');
    for (const e of cli) expect(e.object?.id).toBeGreaterThan(0);
  });

  it('ls prints aligned ls -l lines, folders with a slash, the mount root by default', async () => {
    const run = await runCli(['ls']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^drwxr-xr-x +\d+ +0 +0 +dir +- +- +- +tc\/$/));
    // Aligned: the kind column starts at the same offset on every line.
    const at = lines.map((l) => l.search(/ (dir|map|prog|link) /));
    expect(new Set(at).size).toBe(1);
  });

  it('accepts the mount point in front of a path and a trailing slash', async () => {
    const { mountPoint } = await call<{ mountPoint: string }>('describe', {});
    const plain = await cliJson<DirEntry[]>(['ls', 'tc/globals']);
    const full = await cliJson<DirEntry[]>(['ls', `${mountPoint}/tc/globals/`]);
    expect(withoutIds(full)).toEqual(withoutIds(plain));
  });

  it('info --json is the InspectResult of the path without entries', async () => {
    const cli = await cliJson<InspectResult>(['info', 'tc/globals/cilium_ct4_global']);
    const table = await call<InspectResult>('inspectPath', { path: 'tc/globals/cilium_ct4_global', limit: 0 });
    expect(withoutIds(cli)).toEqual(withoutIds(table));
    expect(cli.info).toMatchObject({ kind: 'map', type: 'lru_hash', keySize: 16, valueSize: 32 });
    expect(cli.dump).toBeUndefined();
    const text = await runCli(['info', 'tc/globals/cilium_ct4_global']);
    expect(text.stdout).toMatch(/^type +lru_hash$/m);
    expect(text.stdout).toMatch(/^pins +tc\/globals\/cilium_ct4_global$/m);
  });

  it('dump --json is a WireDump of hex keys and values; --limit cuts it and says so', async () => {
    const all = await cliJson<WireDump>(['dump', 'tc/globals/cilium_ct4_global']);
    expect(all.truncated).toBe(false);
    expect(all.entries.length).toBeGreaterThan(3);
    for (const e of all.entries) {
      expect(e.key).toMatch(/^[0-9a-f]{32}$/);
      expect(e.value).toMatch(/^[0-9a-f]{64}$/);
    }
    const cut = await runCli(['dump', '--limit', '2', 'tc/globals/cilium_ct4_global']);
    expect(cut.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^key: ([0-9a-f]{2} ){15}[0-9a-f]{2} {2}value: ([0-9a-f]{2} ){31}[0-9a-f]{2}$/),
      expect.stringMatching(/^key: /),
      'Showing the first 2 elements (--limit)',
    ]);
  });

  it("dump of a program prints its instructions as bpftool's xlated dump does", async () => {
    const run = await runCli(['dump', 'tc/globals/cali_tc_main']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ +0: \(b7\) r\d = \d+$/m);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/\(95\) exit$/);
  });

  it('pin SRC DST pins the same object again, from a path or from id:KIND:N', async () => {
    const byPath = await cliJson<DirEntry>(['pin', 'tc/globals/cali_jump', 'tc/jump2']);
    expect(byPath).toMatchObject({ path: 'tc/jump2', kind: 'map', object: { type: 'prog_array', name: 'cali_jump' } });
    // Demo ids start at 20 or above.
    const gone = await runCli(['pin', 'id:map:1', 'tc/m']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/^bpfscope: ENOENT: .*map.* 1/);
  });

  it('unlink --json says what the pin was and whether that freed the object', async () => {
    const held = await cliJson<UnlinkImpact>(['unlink', 'tc/globals/cali_jump']);
    expect(held).toMatchObject({ entry: { path: 'tc/globals/cali_jump' }, freesObject: false });
    expect(held.holders.length).toBeGreaterThan(0);
    const freed = await runCli(['unlink', 'xdp/xdp_link']);
    expect(freed.stdout).toMatch(/^unlinked xdp\/xdp_link: link \d+ \(xdp\); the object is freed$/m);
  });

  it('a refusal exits 1 with the errno and what to do; a usage error exits 2 with the usage', async () => {
    const missing = await runCli(['info', 'tc/nothing']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^bpfscope: ENOENT: .*tc\/nothing.*bpfscope ls tc/);
    const notMap = await runCli(['dump', 'tc']);
    expect(notMap.stderr).toMatch(/^bpfscope: EINVAL: tc is a dir: dump reads maps and programs\. List it with/);
    const silent = await runCli(['ls', '--host', 'command:sleep 60', '--timeout', '1']);
    expect(silent.code).toBe(1);
    expect(silent.stderr).toMatch(
      /^bpfscope: ETIMEDOUT: The agent on command:sleep 60 did not answer within 1 s\. Raise --timeout/,
    );
    for (const args of [
      ['pin', 'tc/globals/cali_jump'],
      ['ls', '--engine', 'kernel'],
      ['info', '--frobnicate', 'x'],
    ]) {
      const run = await runCli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^bpfscope: .+\nusage: bpfscope ls/);
    }
  });

  it("mounts lists the demo host's mount and a container's, with the root, token options and processes", async () => {
    const run = await runCli(['mounts']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^mount +\/sys\/fs\/bpf \(opened\)$/m);
    expect(run.stdout).toMatch(/^mount +\/sys\/fs\/bpf \(mnt ns 4026532301, pid 2417 containerd-shim\)$/m);
    expect(run.stdout).toMatch(/^root +drwxr-x--T uid 1000 gid 1000$/m);
    expect(run.stdout).toMatch(
      /^options +uid=1000,gid=1000,mode=750,delegate_cmds=map_create:prog_load:obj_pin:obj_get,/m,
    );
    expect(run.stdout).toMatch(/^processes +2: 2417 containerd-shim, 2440 flow-agent$/m);
    const json = await cliJson<BpffsMount[]>(['mounts']);
    expect(json.map((m) => [m.mountPoint, m.current, m.own])).toEqual([
      ['/sys/fs/bpf', true, true],
      ['/sys/fs/bpf', false, false],
    ]);
  });
});
