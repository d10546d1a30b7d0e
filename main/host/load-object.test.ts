// loadObject through the real handler table and contract (JSON round trip), as the renderer calls it.
import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../../shared/elf/base64.js';
import { clangSkipReason, compileBpf } from '../../test/support/bpf-objects.js';
import { createInProcessApi } from '../../test/support/in-process-api.js';

const noClang = clangSkipReason();
if (noClang) console.warn(`[host/load-object.test] compiled-object test skipped: ${noClang}`);

describe('loadObject request', () => {
  it.skipIf(noClang)('takes the object as base64 and answers with every pin', async () => {
    const { api, dispose } = await createInProcessApi();
    try {
      await api.mkdir({ path: 'o' });
      const res = await api.loadObject({ folder: 'o', fileName: 'xdp_counter.o', data: bytesToBase64(compileBpf('xdp_counter').bytes) });
      expect(res.programs.map((p) => p.path)).toEqual(['o/count_protocols', 'o/count_tc']);
      expect(res.maps.map((m) => m.path)).toEqual(['o/proto_counts', 'o/tc_packets']);
      expect((await api.list({ path: 'o' })).map((e) => e.kind).sort()).toEqual(['map', 'map', 'prog', 'prog']);
    } finally {
      await dispose();
    }
  });

  it('refuses bytes that are not base64, an empty file, and a path outside the mount', async () => {
    const { api, dispose } = await createInProcessApi();
    try {
      await expect(api.loadObject({ folder: '', fileName: 'x.o', data: 'not base64!' })).rejects.toMatchObject({ code: 'EINVAL' });
      await expect(api.loadObject({ folder: '', fileName: 'x.o', data: 'abc' })).rejects.toMatchObject({ code: 'EINVAL', message: expect.stringMatching(/base64/) });
      await expect(api.loadObject({ folder: '', fileName: 'x.o', data: '' })).rejects.toMatchObject({ code: 'EINVAL', message: expect.stringMatching(/empty/) });
      await expect(api.loadObject({ folder: '../etc', fileName: 'x.o', data: 'AAAA' })).rejects.toMatchObject({ code: 'EXDEV' });
    } finally {
      await dispose();
    }
  });
});
