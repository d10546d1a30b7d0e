// One object's summary on a real private bpffs: its pins come from the index the tree watcher keeps, so pins made
// and removed outside bpfscope show up, and nothing walks every object or every process to answer.
import { spawn } from 'node:child_process';
import { linkSync, mkdirSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it, vi } from 'vitest';

import type { PinStore } from '../../../shared/engine.js';

import { nativeSkipReason, newHash, useNativeEngine } from '../../../test/support/native-env.js';

import { inspectPath, unlinkImpact } from '../../host/inspect.js';

const skip = nativeSkipReason('pin-index.test.ts');

/** Resolves after the next tree-changed event that names `dir`. */
function changeOf(engine: PinStore, dir: string): Promise<void> {
  return new Promise((resolve) => {
    const off = engine.subscribe((ev) => {
      if (ev.type === 'tree-changed' && ev.dirs.includes(dir)) {
        off();
        resolve();
      }
    });
  });
}

describe.skipIf(skip !== undefined)('native engine: pin index and object summaries', () => {
  const env = useNativeEngine();

  it('answers one object with its pins, handles and holders, without listing every object', async () => {
    const { engine } = env;
    const listAll = vi.spyOn(engine, 'listObjects');
    const h = await newHash(engine);
    await engine.mkdir('tc');
    await engine.pin(h.handle, 'tc/m');
    await engine.link('tc/m', 'second');
    const other = await newHash(engine);
    await engine.pin(other.handle, 'other');
    expect(await engine.objectSummary('map', h.id)).toMatchObject({
      kind: 'map',
      id: h.id,
      type: 'hash',
      name: 'h',
      pins: ['second', 'tc/m'],
      handles: [h.handle],
      holders: [],
    });
    // The engine's own changes are in the next answer at once, without waiting for the watcher.
    await engine.unlink('second');
    await engine.rename('tc', 'xdp');
    expect((await engine.objectSummary('map', h.id))?.pins).toEqual(['xdp/m']);
    // Unpinned but held: found by id.
    await engine.unlink('xdp/m');
    expect(await engine.objectSummary('map', h.id)).toMatchObject({ pins: [], handles: [h.handle] });
    await engine.close(h.handle);
    await vi.waitFor(async () => expect(await engine.objectSummary('map', h.id)).toBeUndefined());
    // The details and the Unlink dialog ask for their one object too.
    await inspectPath(engine, 'other', 0);
    expect(await unlinkImpact(engine, 'other')).toMatchObject({ otherPins: [], freesObject: false });
    expect(listAll).not.toHaveBeenCalled();
  });

  it('follows pins, folders and renames made outside bpfscope', async () => {
    const { engine, mount } = env;
    const h = await newHash(engine);
    await engine.pin(h.handle, 'a');
    expect((await engine.objectSummary('map', h.id))?.pins).toEqual(['a']);

    const made = changeOf(engine, '');
    mkdirSync(join(mount.dir, 'ext'));
    await made;
    let changed = changeOf(engine, 'ext');
    linkSync(join(mount.dir, 'a'), join(mount.dir, 'ext/b'));
    await changed;
    expect((await engine.objectSummary('map', h.id))?.pins).toEqual(['a', 'ext/b']);

    changed = changeOf(engine, '');
    renameSync(join(mount.dir, 'ext'), join(mount.dir, 'moved'));
    await changed;
    expect((await engine.objectSummary('map', h.id))?.pins).toEqual(['a', 'moved/b']);

    changed = changeOf(engine, 'moved');
    unlinkSync(join(mount.dir, 'moved/b'));
    await changed;
    expect((await engine.objectSummary('map', h.id))?.pins).toEqual(['a']);

    changed = changeOf(engine, '');
    rmSync(join(mount.dir, 'moved'), { recursive: true });
    unlinkSync(join(mount.dir, 'a'));
    await changed;
    expect(await engine.objectSummary('map', h.id)).toMatchObject({ pins: [], handles: [h.handle] });
  });

  it('names a process that holds the object, from a /proc scan', async () => {
    const { engine, mount } = env;
    const h = await newHash(engine);
    await engine.pin(h.handle, 'held');
    // A real other process keeps the map open through the pin (bpftool map show + sleep is not enough: it closes).
    const child = spawn(
      process.execPath,
      [
        '-e',
        `const koffi = require('koffi');
         const sys = koffi.load('libc.so.6').func('long syscall(long number, ...)');
         const path = Buffer.from(process.argv[1] + '\\0');
         const attr = Buffer.alloc(128);
         attr.writeBigUInt64LE(BigInt(koffi.address(path)), 0);
         const fd = sys(${process.arch === 'arm64' ? 280 : 321}, 'int', 7, 'void *', attr, 'uint', 128);
         console.log(fd);
         setInterval(() => {}, 1000);`,
        join(mount.dir, 'held'),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'], cwd: process.cwd() },
    );
    try {
      const fd = await new Promise<number>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(Number(d))));
      expect(fd).toBeGreaterThan(2);
      await vi.waitFor(
        async () =>
          expect((await engine.objectSummary('map', h.id))?.holders).toEqual([
            { pid: child.pid, comm: expect.any(String), fds: [fd] },
          ]),
        { timeout: 10_000, interval: 500 },
      );
    } finally {
      child.kill();
    }
  });
});
