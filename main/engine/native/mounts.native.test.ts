// Every bpffs mount on a real host: one a test process mounted in its own mount namespace (unshare -m) is listed
// with its options and processes, and the engine browses and changes it through /proc/PID/root.
import { execFileSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { bpftoolSkipReason, nativeSkipReason, useNativeEngine } from '../../../test/support/native-env.js';
import { type OtherNamespaceBpffs, startOtherNamespaceBpffs } from '../../../test/support/other-namespace-bpffs.js';

import { createNativeEngine } from './engine.js';
import { scanBpffsMounts } from './mounts-scan.js';

const skip = nativeSkipReason('mounts.native.test.ts') ?? bpftoolSkipReason('mounts.native.test.ts');
const OPTIONS = 'uid=1000,gid=100,mode=0750,delegate_cmds=map_create:prog_load:obj_pin,delegate_maps=hash:array';

describe.skipIf(skip !== undefined)('native engine: mounts of every namespace', () => {
  const env = useNativeEngine();
  let other: OtherNamespaceBpffs;
  beforeAll(async () => {
    other = await startOtherNamespaceBpffs(`${OPTIONS},delegate_progs=xdp,delegate_attachs=any`, 'ns_flows');
  });
  afterAll(async () => {
    await other?.stop();
  });

  const theirs = () => scanBpffsMounts().find((m) => m.mountPoint === other.dir && !m.own);

  it('lists the other namespace mount with its options by name and the processes that see it', () => {
    const m = theirs();
    expect(m, `a bpf mount at ${other.dir} in another namespace`).toBeDefined();
    expect(m!.namespace).toBe(Number(/\d+/.exec(readlinkSync(`/proc/${other.pid}/ns/mnt`))![0]));
    expect(m!.options).toEqual({
      uid: 1000,
      gid: 100,
      mode: 0o750,
      delegate: {
        cmds: ['map_create', 'prog_load', 'obj_pin'],
        maps: ['hash', 'array'],
        progs: ['xdp'],
        attachs: ['any'],
      },
    });
    expect(m!.optionText).toBe(
      'uid=1000,gid=100,mode=750,delegate_cmds=map_create:prog_load:obj_pin,delegate_maps=hash:array,' +
        'delegate_progs=xdp,delegate_attachs=any',
    );
    expect(m!.processes).toContainEqual({ pid: other.pid, comm: 'sleep' });
    expect(m!.openPath).toMatch(new RegExp(`^/proc/\\d+/root${other.dir}$`));
    // This namespace has nothing mounted there.
    expect(scanBpffsMounts().some((x) => x.own && x.mountPoint === other.dir)).toBe(false);
  });

  it('marks the mount the engine shows, and switches the tree to the other namespace mount', async () => {
    const { engine } = env;
    const before = await engine.mounts!();
    expect(before.filter((m) => m.current).map((m) => m.mountPoint)).toEqual([env.mount.dir]);
    const described = await engine.openMount!(theirs()!.id);
    expect(described.mountPoint).toBe(theirs()!.openPath);
    expect(described.mountId).toBe(theirs()!.id);
    const names = (await engine.list('')).map((e) => e.name).sort();
    expect(names).toEqual(['maps.debug', 'ns_flows', 'progs.debug']);
    expect(await engine.pathInfo('ns_flows')).toMatchObject({ kind: 'map', name: 'ns_flows', type: 'hash' });
    // The root's owner and mode come from the mount options; the kernel adds the sticky bit.
    expect(await engine.stat('')).toMatchObject({ uid: 1000, gid: 100, mode: 0o1750 });
    // The options own the root only: a folder made there is its creator's.
    await engine.mkdir('made_here');
    expect(await engine.stat('made_here')).toMatchObject({ uid: 0, gid: 0 });
    await engine.rmdir('made_here');
    expect((await engine.mounts!()).find((m) => m.current)?.id).toBe(theirs()!.id);
  });

  it('refuses a path through /proc/PID/root that is no bpffs there, or whose process is gone, saying why', () => {
    expect(() => createNativeEngine({ bpffs: `/proc/${other.pid}/root/tmp` })).toThrow(
      expect.objectContaining({ code: 'ENODEV', message: expect.stringMatching(/mount namespace of process/) }),
    );
    expect(() => createNativeEngine({ bpffs: `/proc/999999999/root${other.dir}` })).toThrow(
      expect.objectContaining({ code: 'ENOENT', hint: expect.stringMatching(/List the mounts again/) }),
    );
  });

  it('pins into the other namespace mount, where its own processes see the pin', async () => {
    const engine = createNativeEngine({ bpffs: theirs()!.openPath });
    try {
      const h = await engine.createMap({
        type: 'array',
        name: 'from_here',
        keySize: 4,
        valueSize: 8,
        maxEntries: 2,
        flags: [],
      });
      await engine.pin(h.handle, 'from_here');
      const seen = execFileSync('nsenter', ['-t', String(other.pid), '-m', 'ls', other.dir], { encoding: 'utf8' });
      expect(seen.split('\n')).toContain('from_here');
      await engine.unlink('from_here');
    } finally {
      await engine.dispose();
    }
  });
});
