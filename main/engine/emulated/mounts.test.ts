// Several bpffs mounts of one emulated kernel: the options own the root folder only, as bpf_fill_super does, and
// each mount is its own tree while handles and objects are the kernel's.
import { describe, expect, it } from 'vitest';

import { parseMountOptions } from '../../../shared/bpf/mount-options.js';

import { createEmulatedEngine } from './index.js';

const fresh = () => createEmulatedEngine({ demo: false, traffic: false, preloadDebugLinks: false });

describe('emulated engine: mounts', () => {
  it('gives a mount root the owner and mode of its options, sticky, and new nodes their creator', async () => {
    const e = fresh();
    const m = e.addMount({ mountPoint: '/run/ctr/bpf', options: parseMountOptions('rw,uid=1000,gid=100,mode=750') });
    await e.openMount(m.id);
    expect(await e.stat('')).toMatchObject({ uid: 1000, gid: 100, mode: 0o1750 });
    await e.mkdir('made_by_root');
    expect(await e.stat('made_by_root')).toMatchObject({ uid: 0, gid: 0 });
    // Others have no search permission on a 0750 root: another user cannot make a folder there.
    await expect(e.asUser({ uid: 2000, gid: 2000 }, () => e.mkdir('theirs'))).rejects.toMatchObject({
      code: 'EACCES',
    });
    await e.asUser({ uid: 1000, gid: 1000 }, () => e.mkdir('owners'));
    expect(await e.stat('owners')).toMatchObject({ uid: 1000, gid: 1000 });
    await e.dispose();
  });

  it('keeps each mount its own tree while a handle opened in one pins into the other', async () => {
    const e = fresh();
    const first = (await e.mounts())[0]!;
    const other = e.addMount({
      mountPoint: '/run/ctr/bpf',
      options: parseMountOptions('rw'),
      namespace: 4026532999,
      processes: [{ pid: 77, comm: 'runc' }],
    });
    const h = await e.createMap({ type: 'array', name: 'shared', keySize: 4, valueSize: 4, maxEntries: 1, flags: [] });
    await e.pin(h.handle, 'here');
    await e.openMount(other.id);
    expect((await e.list('')).map((x) => x.name)).toEqual([]);
    await e.pin(h.handle, 'there');
    const listed = await e.mounts();
    expect(listed.map((m) => [m.id, m.current, m.own])).toEqual([
      [first.id, false, true],
      [other.id, true, false],
    ]);
    expect(e.describe()).toMatchObject({ mountId: other.id, mountPoint: '/proc/77/root/run/ctr/bpf' });
    await e.openMount(first.id);
    expect((await e.list('')).map((x) => x.name)).toEqual(['here']);
    expect((await e.pathInfo('here')).id).toBe(h.id);
    await expect(e.openMount('9:99')).rejects.toMatchObject({ code: 'ENOENT' });
    await e.dispose();
  });
});
