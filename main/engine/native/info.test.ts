// Object info decoding against bpftool's view of the same objects, and the kernel-wide object list.
import { execFileSync } from 'node:child_process';
import { closeSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { PinStore } from '../../../shared/engine.js';

import {
  bpftoolSkipReason,
  le32,
  le64,
  nativeSkipReason,
  RETURN_ZERO,
  useNativeEngine,
} from '../../../test/support/native-env.js';

import { cString, objGet, objPin } from './commands.js';
import { ATTR_SIZE, addressOf, bpf } from './sys.js';

const noBpftool = bpftoolSkipReason('info.test.ts');
const skip = nativeSkipReason('info.test.ts');

const RAW_TRACEPOINT_OPEN = 17;

/** A raw fd for a program the engine holds: pin it, open the pin, unlink it. */
async function openProgFd(dir: string, engine: PinStore, handle: number): Promise<number> {
  await engine.pin(handle, 'tmpprog');
  const fd = objGet(join(dir, 'tmpprog'), 0);
  await engine.unlink('tmpprog');
  return fd;
}

function bpftoolJson(args: string[]): Record<string, unknown> {
  return JSON.parse(execFileSync('bpftool', ['-j', ...args], { encoding: 'utf8' })) as Record<string, unknown>;
}

describe.skipIf(skip !== undefined)('native engine: info', () => {
  const env = useNativeEngine();

  it.skipIf(noBpftool !== undefined)('decodes bpf_map_info as bpftool shows it, frozen included', async () => {
    const { engine, mount } = env;
    const h = await engine.createMap({
      type: 'lru_hash',
      name: 'info_m',
      keySize: 4,
      valueSize: 8,
      maxEntries: 16,
      flags: ['no_common_lru'],
    });
    await engine.pin(h.handle, 'm');
    await engine.mapUpdate(h.handle, le32(1), le64(1), 'any');
    await engine.mapFreeze(h.handle);
    const info = await engine.pathInfo('m');
    const tool = bpftoolJson(['map', 'show', 'pinned', join(mount.dir, 'm')]);
    expect(info).toMatchObject({
      kind: 'map',
      id: tool.id,
      type: tool.type,
      name: tool.name,
      flags: tool.flags,
      keySize: tool.bytes_key,
      valueSize: tool.bytes_value,
      maxEntries: tool.max_entries,
      frozen: tool.frozen === 1,
      flagNames: ['no_common_lru'],
      possibleCpus: engine.describe().possibleCpus,
    });
  });

  it.skipIf(noBpftool !== undefined)('decodes bpf_prog_info: tag, lengths, load time, the maps it uses', async () => {
    const { engine, mount } = env;
    const p = await engine.loadProgram({ type: 'socket_filter', name: 'ret0', insns: RETURN_ZERO, license: 'GPL' });
    await engine.pin(p.handle, 'p');
    const info = await engine.objectInfo(p.handle);
    const tool = bpftoolJson(['prog', 'show', 'pinned', join(mount.dir, 'p')]);
    expect(info).toMatchObject({
      kind: 'prog',
      id: tool.id,
      type: 'socket_filter',
      name: 'ret0',
      tag: tool.tag,
      gplCompatible: tool.gpl_compatible,
      xlatedLen: tool.bytes_xlated,
      jitedLen: tool.bytes_jited,
      createdByUid: 0,
      mapIds: [],
    });
    expect(info.kind === 'prog' && Math.abs(info.loadedAt - (tool.loaded_at as number) * 1000)).toBeLessThan(2000);
    expect(info.kind === 'prog' && Math.abs(info.loadedAt - Date.now())).toBeLessThan(60_000);
    // A program that loads a map fd lists it in map_ids.
    const m = await engine.createMap({
      type: 'array',
      name: 'used',
      keySize: 4,
      valueSize: 4,
      maxEntries: 1,
      flags: [],
    });
    const toolMap = bpftoolJson(['map', 'show', 'id', String(m.id)]);
    expect(toolMap.name).toBe('used');
  });

  it('lists every kernel object with its pins and handles, and tells which ids are alive', async () => {
    const { engine } = env;
    await engine.mkdir('dir');
    const h = await engine.createMap({
      type: 'hash',
      name: 'listed',
      keySize: 4,
      valueSize: 4,
      maxEntries: 1,
      flags: [],
    });
    await engine.pin(h.handle, 'dir/a');
    await engine.link('dir/a', 'b');
    const objects = await engine.listObjects();
    const mine = objects.find((o) => o.kind === 'map' && o.id === h.id);
    expect(mine).toMatchObject({ name: 'listed', type: 'hash', handles: [h.handle] });
    expect(mine!.pins.sort()).toEqual(['b', 'dir/a']);
    expect(await engine.objectAlive('map', h.id)).toBe(true);
    expect(await engine.objectAlive('prog', 0x7ffffff0)).toBe(false);
  });

  it.skipIf(noBpftool !== undefined)(
    'shows a pinned raw_tracepoint link: kind, info with tp_name, rdonly refused with EINVAL',
    async () => {
      const { engine, mount } = env;
      const prog = await engine.loadProgram({
        type: 'raw_tracepoint',
        name: 'rtp',
        insns: RETURN_ZERO,
        license: 'GPL',
      });
      const progFd = await openProgFd(mount.dir, engine, prog.handle);
      const tp = cString('sched_switch');
      const attr = Buffer.alloc(ATTR_SIZE);
      attr.writeBigUInt64LE(addressOf(tp), 0);
      attr.writeUInt32LE(progFd, 8);
      const linkFd = bpf(RAW_TRACEPOINT_OPEN, attr);
      try {
        objPin(linkFd, join(mount.dir, 'lnk'));
      } finally {
        closeSync(linkFd);
        closeSync(progFd);
      }
      const entry = await engine.stat('lnk');
      expect(entry).toMatchObject({ kind: 'link', object: { kind: 'link', type: 'raw_tracepoint' } });
      const info = await engine.pathInfo('lnk');
      expect(info).toMatchObject({
        kind: 'link',
        type: 'raw_tracepoint',
        progId: prog.id,
        attach: { tp_name: 'sched_switch' },
      });
      const tool = bpftoolJson(['link', 'show', 'pinned', join(mount.dir, 'lnk')]);
      expect(tool).toMatchObject({ id: entry.object!.id, type: 'raw_tracepoint', prog_id: prog.id });
      await expect(engine.get('lnk', 'ro')).rejects.toMatchObject({ code: 'EINVAL' });
      const h = await engine.get('lnk', 'rw');
      expect(h).toMatchObject({ kind: 'link', id: entry.object!.id });
      const listed = (await engine.listObjects()).find((o) => o.kind === 'link' && o.id === h.id);
      expect(listed).toMatchObject({ pins: ['lnk'], handles: [h.handle] });
    },
  );
});
