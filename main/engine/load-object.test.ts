// Dropping an ELF object on a folder (bpftool prog loadall) on both engines: the same programs and maps,
// pinned by name, checked from outside with bpftool on native; failures leave no pins and no objects.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { PinStore } from '../../shared/engine.js';

import { clangSkipReason, compileBpf } from '../../test/support/bpf-objects.js';
import { canMountBpffs } from '../../test/support/bpffs.js';
import { useLoadEngine } from '../../test/support/load-engines.js';

const noClang = clangSkipReason();
const noNative = canMountBpffs();
if (noClang) console.warn(`[load-object.test] skipped: ${noClang}`);
if (noNative) console.warn(`[load-object.test] native engine skipped: ${noNative}`);

/** What both engines must agree on: names, types and sizes of everything pinned. */
async function pinnedShape(engine: PinStore): Promise<unknown[]> {
  const out = [];
  for (const e of await engine.list('drop')) {
    const info = await engine.pathInfo(e.path);
    out.push(
      info.kind === 'map'
        ? {
            path: e.path,
            kind: 'map',
            type: info.type,
            name: info.name,
            key: info.keySize,
            value: info.valueSize,
            max: info.maxEntries,
          }
        : { path: e.path, kind: info.kind, type: info.type, name: info.kind === 'prog' ? info.name : '' },
    );
  }
  return out.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

const shapes: Record<string, unknown[]> = {};

for (const kind of ['emulated', 'native'] as const) {
  describe.skipIf(noClang || (kind === 'native' && noNative))(`loadObject on the ${kind} engine`, () => {
    const env = useLoadEngine(kind);

    it('pins every program by name and every map by name under the folder, and keeps no handle', async () => {
      const res = await env.engine.loadObject('drop', 'xdp_counter.o', compileBpf('xdp_counter').bytes);
      expect(res.programs.map((p) => [p.name, p.section, p.type, p.path])).toEqual([
        ['count_protocols', 'xdp', 'xdp', 'drop/count_protocols'],
        ['count_tc', 'tc', 'sched_cls', 'drop/count_tc'],
      ]);
      expect(res.maps.map((m) => [m.name, m.type, m.path])).toEqual([
        ['proto_counts', 'hash', 'drop/proto_counts'],
        ['tc_packets', 'array', 'drop/tc_packets'],
      ]);
      expect(env.engine.handles()).toEqual([]);
      const shape = await pinnedShape(env.engine);
      expect(shape).toContainEqual({
        path: 'drop/proto_counts',
        kind: 'map',
        type: 'hash',
        name: 'proto_counts',
        key: 4,
        value: 8,
        max: 256,
      });
      shapes[kind] = shape;
      // The program's pin keeps its map referenced: the map is among the maps the program uses.
      const prog = await env.engine.pathInfo('drop/count_protocols');
      const map = await env.engine.pathInfo('drop/proto_counts');
      expect(prog.kind === 'prog' && prog.mapIds).toEqual([map.id]);
      if (kind === 'native') {
        const bpftool = (what: string, name: string) =>
          JSON.parse(
            execFileSync('bpftool', ['-j', what, 'show', 'pinned', join(env.mount!.dir, 'drop', name)], {
              encoding: 'utf8',
            }),
          );
        expect(bpftool('prog', 'count_protocols')).toMatchObject({
          type: 'xdp',
          name: 'count_protocols',
          id: res.programs[0]!.id,
        });
        expect(bpftool('prog', 'count_tc')).toMatchObject({ type: 'sched_cls', name: 'count_tc' });
        expect(bpftool('map', 'proto_counts')).toMatchObject({
          type: 'hash',
          name: 'proto_counts',
          bytes_key: 4,
          bytes_value: 8,
          max_entries: 256,
        });
        expect(bpftool('map', 'tc_packets')).toMatchObject({ type: 'array', id: res.maps[1]!.id });
      }
    });

    it('a truncated object is EINVAL and pins nothing', async () => {
      const bytes = compileBpf('xdp_counter').bytes;
      await expect(env.engine.loadObject('drop', 'cut.o', bytes.subarray(0, 700))).rejects.toMatchObject({
        code: 'EINVAL',
      });
      expect(await env.engine.list('drop')).toEqual([]);
      expect(env.engine.handles()).toEqual([]);
    });

    it("a program the verifier rejects fails with the verifier's words, and its map is not left pinned", async () => {
      const err = await env.engine
        .loadObject('drop', 'rejected.o', compileBpf('rejected').bytes)
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'EACCES', message: expect.stringMatching(/R5 !read_ok/) });
      expect(await env.engine.list('drop')).toEqual([]);
      expect(env.engine.handles()).toEqual([]);
      if (kind === 'emulated') expect((await env.engine.listObjects()).filter((o) => o.name === 'seen')).toEqual([]);
    });

    it('a name already taken in the folder is EEXIST, and the pins made before it are removed', async () => {
      const h = await env.engine.createMap({
        type: 'array',
        name: 'taken',
        keySize: 4,
        valueSize: 4,
        maxEntries: 1,
        flags: [],
      });
      await env.engine.pin(h.handle, 'drop/tc_packets');
      await env.engine.close(h.handle);
      await expect(
        env.engine.loadObject('drop', 'xdp_counter.o', compileBpf('xdp_counter').bytes),
      ).rejects.toMatchObject({ code: 'EEXIST', path: 'drop/tc_packets' });
      expect((await env.engine.list('drop')).map((e) => e.name)).toEqual(['tc_packets']);
      expect(await env.engine.pathInfo('drop/tc_packets')).toMatchObject({ kind: 'map', name: 'taken' });
      expect(env.engine.handles()).toEqual([]);
    });

    it('refuses a target that is not a folder', async () => {
      await expect(env.engine.loadObject('missing', 'x.o', compileBpf('xdp_counter').bytes)).rejects.toMatchObject({
        code: 'ENOENT',
      });
    });
  });
}

describe.skipIf(noClang || noNative)('both engines', () => {
  it('pinned the same programs and maps with the same names, types and sizes', () => {
    expect(shapes.emulated).toBeDefined();
    expect(shapes.native).toEqual(shapes.emulated);
  });
});
