// loadObject through the real handler table and contract (wire-codec round trip), as the renderer calls it.
import { describe, expect, it } from 'vitest';

import { clangSkipReason, compileBpf } from '../../test/support/bpf-objects.js';
import { createInProcessApi } from '../../test/support/in-process-api.js';

const noClang = clangSkipReason();
if (noClang) console.warn(`[host/load-object.test] compiled-object test skipped: ${noClang}`);

describe('loadObject request', () => {
  it.skipIf(noClang)("takes the object's bytes and answers with every pin", async () => {
    const { api, dispose } = await createInProcessApi();
    try {
      await api.mkdir({ path: 'o' });
      const res = await api.loadObject({
        folder: 'o',
        fileName: 'xdp_counter.o',
        data: compileBpf('xdp_counter').bytes,
      });
      expect(res.programs.map((p) => p.path)).toEqual(['o/count_protocols', 'o/count_tc']);
      expect(res.maps.map((m) => m.path)).toEqual(['o/proto_counts', 'o/tc_packets']);
      expect((await api.list({ path: 'o' })).map((e) => e.kind).sort()).toEqual(['map', 'map', 'prog', 'prog']);
    } finally {
      await dispose();
    }
  });

  it('refuses data that is not bytes, an empty file, a file that is not ELF, and a path outside the mount', async () => {
    const { api, dispose } = await createInProcessApi();
    try {
      const loadAny = api.loadObject as (req: unknown) => Promise<unknown>;
      await expect(loadAny({ folder: '', fileName: 'x.o', data: 'f0VMRgIBAQ==' })).rejects.toMatchObject({
        code: 'EINVAL',
        message: expect.stringMatching(/bytes/),
      });
      await expect(api.loadObject({ folder: '', fileName: 'x.o', data: new Uint8Array() })).rejects.toMatchObject({
        code: 'EINVAL',
        message: expect.stringMatching(/empty/),
      });
      await expect(
        api.loadObject({ folder: '', fileName: 'x.o', data: new TextEncoder().encode('not an ELF file') }),
      ).rejects.toMatchObject({ code: 'EINVAL' });
      expect(await api.list({ path: '' })).toHaveLength(2);
      await expect(
        api.loadObject({ folder: '../etc', fileName: 'x.o', data: new Uint8Array([0x7f, 0x45, 0x4c, 0x46]) }),
      ).rejects.toMatchObject({ code: 'EXDEV' });
    } finally {
      await dispose();
    }
  });
});
