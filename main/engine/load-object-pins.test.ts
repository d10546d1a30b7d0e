// LIBBPF_PIN_BY_NAME maps when an object is dropped on a folder, on both engines: the folder is the pin root,
// so the map is pinned (or an existing pin reused) there and never under /sys/fs/bpf; a failed load removes
// every pin it made, by-name ones included, and keeps the pins it only reused.
import { describe, expect, it } from 'vitest';

import type { PinStore } from '../../shared/engine.js';

import { clangSkipReason, compileBpf } from '../../test/support/bpf-objects.js';
import { canMountBpffs } from '../../test/support/bpffs.js';
import { sysBpffsListing } from '../../test/support/host-state.js';
import { namesIn, useLoadEngine } from '../../test/support/load-engines.js';

const noClang = clangSkipReason();
const noNative = canMountBpffs();
if (noClang) console.warn(`[load-object-pins.test] skipped: ${noClang}`);
if (noNative) console.warn(`[load-object-pins.test] native engine skipped: ${noNative}`);

/** A map like the object's shared_counts, pinned at `path`; returns its id. */
async function pinSharedCounts(engine: PinStore, path: string, maxEntries = 64): Promise<number> {
  const h = await engine.createMap({
    type: 'hash',
    name: 'shared_counts',
    keySize: 4,
    valueSize: 8,
    maxEntries,
    flags: [],
  });
  await engine.pin(h.handle, path);
  await engine.close(h.handle);
  return h.id;
}

async function pinBlocker(engine: PinStore, path: string): Promise<number> {
  const h = await engine.createMap({
    type: 'array',
    name: 'blocker',
    keySize: 4,
    valueSize: 4,
    maxEntries: 1,
    flags: [],
  });
  await engine.pin(h.handle, path);
  await engine.close(h.handle);
  return h.id;
}

/** pin_by_name.o with its by-name map renamed (symbol and BTF alike) to a path that leads two folders up. */
function mapNamedAsPath(): Uint8Array {
  const bytes = Buffer.from(compileBpf('pin_by_name').bytes);
  const from = Buffer.from('shared_counts\0');
  for (let at = bytes.indexOf(from); at >= 0; at = bytes.indexOf(from, at + 1)) bytes.write('../../victims', at);
  return new Uint8Array(bytes);
}

for (const kind of ['emulated', 'native'] as const) {
  describe.skipIf(noClang || (kind === 'native' && noNative))(`pin-by-name maps on the ${kind} engine`, () => {
    const env = useLoadEngine(kind);

    it('are pinned in the folder the object was dropped on, and nothing appears under /sys/fs/bpf', async () => {
      const before = sysBpffsListing();
      const res = await env.engine.loadObject('drop', 'pin_by_name.bpf.o', compileBpf('pin_by_name').bytes);
      expect(res.maps.map((m) => [m.name, m.path])).toEqual([
        ['shared_counts', 'drop/shared_counts'],
        ['local_stats', 'drop/local_stats'],
      ]);
      expect(await namesIn(env.engine, 'drop')).toEqual(['count_by_name', 'local_stats', 'shared_counts']);
      const prog = await env.engine.pathInfo('drop/count_by_name');
      expect(prog.kind === 'prog' && prog.mapIds.sort()).toEqual(res.maps.map((m) => m.id).sort());
      expect(sysBpffsListing()).toEqual(before);
      expect(env.engine.handles()).toEqual([]);
    });

    it('reuse a compatible pin already in the folder: the program uses that very map', async () => {
      const existing = await pinSharedCounts(env.engine, 'drop/shared_counts');
      const res = await env.engine.loadObject('drop', 'pin_by_name.bpf.o', compileBpf('pin_by_name').bytes);
      expect(res.maps.find((m) => m.name === 'shared_counts')).toMatchObject({
        id: existing,
        path: 'drop/shared_counts',
      });
      const prog = await env.engine.pathInfo('drop/count_by_name');
      expect(prog.kind === 'prog' && prog.mapIds).toContain(existing);
    });

    it('refuse a pin of that name with other parameters (EINVAL), and leave it and the folder as they were', async () => {
      const other = await pinSharedCounts(env.engine, 'drop/shared_counts', 128);
      const err = await env.engine
        .loadObject('drop', 'pin_by_name.bpf.o', compileBpf('pin_by_name').bytes)
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'EINVAL', message: expect.stringMatching(/reuse pinned map.*shared_counts/s) });
      expect(await namesIn(env.engine, 'drop')).toEqual(['shared_counts']);
      expect(await env.engine.pathInfo('drop/shared_counts')).toMatchObject({ id: other, maxEntries: 128 });
    });

    it('a load the verifier rejects leaves no pin, the by-name pin included', async () => {
      const before = sysBpffsListing();
      const err = await env.engine
        .loadObject('drop', 'pin_by_name_rejected.bpf.o', compileBpf('pin_by_name_rejected').bytes)
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'EACCES', message: expect.stringMatching(/R5 !read_ok/) });
      expect(await namesIn(env.engine, 'drop')).toEqual([]);
      expect(sysBpffsListing()).toEqual(before);
      expect(env.engine.handles()).toEqual([]);
    });

    it('a load whose pins collide removes what it pinned by name, and keeps what was there', async () => {
      const blocker = await pinBlocker(env.engine, 'drop/local_stats');
      const err = await env.engine
        .loadObject('drop', 'pin_by_name.bpf.o', compileBpf('pin_by_name').bytes)
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'EEXIST', path: 'drop/local_stats' });
      expect(await namesIn(env.engine, 'drop')).toEqual(['local_stats']);
      expect(await env.engine.pathInfo('drop/local_stats')).toMatchObject({ id: blocker });
    });

    it('a map named like a path in a crafted object is refused before it can reuse a pin outside the folder', async () => {
      await env.engine.mkdir('drop/inner');
      const victim = await pinSharedCounts(env.engine, 'victims');
      const err = await env.engine.loadObject('drop/inner', 'crafted.o', mapNamedAsPath()).catch((e: unknown) => e);
      expect(err).toMatchObject({
        code: 'EINVAL',
        message: expect.stringContaining('named "../../victims", which cannot be a pin name in the folder'),
      });
      expect(await namesIn(env.engine, 'drop/inner')).toEqual([]);
      expect(await env.engine.pathInfo('victims')).toMatchObject({ id: victim });
      expect((await env.engine.listObjects()).filter((o) => o.name === 'count_by_name')).toEqual([]);
    });

    it('a failed load keeps the by-name pin it only reused', async () => {
      const shared = await pinSharedCounts(env.engine, 'drop/shared_counts');
      const blocker = await pinBlocker(env.engine, 'drop/local_stats');
      const err = await env.engine
        .loadObject('drop', 'pin_by_name.bpf.o', compileBpf('pin_by_name').bytes)
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'EEXIST', path: 'drop/local_stats' });
      expect(await namesIn(env.engine, 'drop')).toEqual(['local_stats', 'shared_counts']);
      expect(await env.engine.pathInfo('drop/shared_counts')).toMatchObject({ id: shared });
      expect(await env.engine.pathInfo('drop/local_stats')).toMatchObject({ id: blocker });
    });
  });
}
