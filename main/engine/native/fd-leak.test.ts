// Every fd the engine opens internally is closed before the call returns, also when the call fails.
import { readdirSync } from 'node:fs';

import { describe, expect, it, vi } from 'vitest';

import {
  le32,
  le64,
  nativeSkipReason,
  newHash,
  RETURN_ZERO,
  useNativeEngine,
} from '../../../test/support/native-env.js';

const skip = nativeSkipReason('fd-leak.test.ts');

const openFds = (): number => readdirSync('/proc/self/fd').length;

describe.skipIf(skip !== undefined)('native engine: fd hygiene', () => {
  const env = useNativeEngine();

  it('10,000 mixed operations, failing ones included, leave the fd count at its baseline', async () => {
    const { engine } = env;
    const baseline = openFds();
    let ops = 0;
    let failures = 0;
    const run = async (p: Promise<unknown>): Promise<void> => {
      ops++;
      await p.catch(() => {
        failures++;
      });
    };
    const prog = await engine.loadProgram({ type: 'socket_filter', name: 'p', insns: RETURN_ZERO, license: 'GPL' });
    const jumps = await engine.createMap({
      type: 'prog_array',
      name: 'j',
      keySize: 4,
      valueSize: 4,
      maxEntries: 2,
      flags: [],
    });
    // Absolute symlinks are walked component by component (openat2 refuses them): those fds must close too.
    await engine.symlink(`${env.mount.dir}/d1`, 'abs');
    await engine.symlink('/tmp', 'out');
    for (let i = 0; ops < 10_000; i++) {
      const dir = `d${i % 7}`;
      await run(engine.mkdir(dir));
      const h = await newHash(engine, 4);
      await run(engine.pin(h.handle, `${dir}/m${i}`));
      await run(engine.pin(h.handle, `${dir}/m${i}`)); // EEXIST
      await run(engine.mapUpdate(h.handle, le32(i), le64(i), 'noexist'));
      await run(engine.mapLookup(h.handle, le32(i + 1))); // ENOENT
      await run(engine.mapDump(h.handle));
      await run(engine.mapUpdate(jumps.handle, le32(i % 2), { handle: prog.handle }, 'any'));
      await run(engine.mapDump(jumps.handle));
      await run(engine.list(dir));
      await run(engine.stat(`${dir}/m${i}`));
      await run(engine.pathInfo(`${dir}/m${i}`));
      await run(engine.pathInfo('maps.debug')); // ENOENT
      await run(engine.get(`${dir}/missing`, 'rw')); // ENOENT
      await run(engine.get(dir, 'ro')); // EACCES
      const got = await engine.get(`${dir}/m${i}`, 'ro');
      await run(engine.mapUpdate(got.handle, le32(1), le64(1), 'any')); // EPERM
      await run(engine.objectInfo(got.handle));
      await run(engine.close(got.handle));
      await run(engine.close(h.handle));
      await run(engine.objectAlive('map', h.id));
      await run(engine.unlink(`${dir}/m${i}`));
      await run(engine.rmdir(dir)); // ENOTEMPTY or gone
      await run(engine.mkdir('../out')); // EXDEV
      await run(engine.mkdir('out/x')); // EXDEV
      await run(engine.list('abs'));
      await run(engine.stat(`abs/m${i}`));
      if (i % 200 === 0) await run(engine.listObjects());
    }
    await engine.close(jumps.handle);
    await engine.close(prog.handle);
    expect(ops).toBeGreaterThanOrEqual(10_000);
    expect(failures).toBeGreaterThan(1000);
    expect(engine.handles()).toEqual([]);
    await vi.waitFor(() => expect(openFds()).toBe(baseline));
  });
});
