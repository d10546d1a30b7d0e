// Another local user swaps a folder of a world-writable bpffs for a symlink (to a root-owned folder outside,
// or to a second bpffs) while the engine, as root, works on paths through that folder: nothing outside the
// mount may change, and the other bpffs's map may never be opened.
import {
  chmodSync,
  lchownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { BpfError } from '../../../shared/errors.js';

import { mountPrivateBpffs } from '../../../test/support/bpffs.js';
import { nativeSkipReason, newHash } from '../../../test/support/native-env.js';
import { createRaceUser, type RaceUser, raceSkipReason } from '../../../test/support/race-user.js';

import { createNativeEngine } from './engine.js';

const skip = nativeSkipReason('symlink-race.test.ts') ?? raceSkipReason('symlink-race.test.ts');
const RACE_MS = 10_000;

/** Every file and folder under `dir` with file contents, to compare before and after. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const p = rel === '' ? name : `${rel}/${name}`;
      const st = statSync(join(dir, p));
      if (st.isDirectory()) {
        out[p] = 'dir';
        walk(p);
      } else out[p] = readFileSync(join(dir, p), 'utf8');
    }
  };
  walk('');
  return out;
}

describe.skipIf(skip !== undefined)('native engine: symlink races by another user', () => {
  let user: RaceUser;
  beforeAll(() => {
    user = createRaceUser();
  });
  afterAll(() => user?.remove());

  it('touch nothing outside the mount while a folder is swapped for a symlink for 10 s', {
    timeout: 30_000,
  }, async () => {
    const mount = await mountPrivateBpffs();
    const other = await mountPrivateBpffs();
    const sentinel = mkdtempSync(join(tmpdir(), 'bpfscope-sentinel-'));
    const engine = createNativeEngine({ bpffs: mount.dir });
    try {
      // Outside: a root-owned folder with files and an empty folder, and a second bpffs with a map.
      chmodSync(sentinel, 0o755);
      for (const f of ['f1', 'f2', 'm']) writeFileSync(join(sentinel, f), `sentinel ${f}\n`);
      mkdirSync(join(sentinel, 'sub'));
      const otherEngine = createNativeEngine({ bpffs: other.dir });
      const otherMap = await newHash(otherEngine);
      await otherEngine.pin(otherMap.handle, 'm');
      await otherEngine.dispose();
      // relatime: any BPF_OBJ_GET of the pin moves an atime this old to now.
      utimesSync(join(other.dir, 'm'), 1000, 1000);
      const sentinelBefore = snapshot(sentinel);
      const otherBefore = readdirSync(other.dir).sort();

      // Inside (a plain mount is 1777): the user's own folder "a" with two folder/symlink pairs to swap.
      const a = join(mount.dir, 'a');
      mkdirSync(a, 0o755);
      for (const [dir, link, target] of [
        ['x', 'xs', sentinel],
        ['y', 'ys', other.dir],
      ] as const) {
        mkdirSync(join(a, dir), 0o777);
        chmodSync(join(a, dir), 0o777);
        symlinkSync(target, join(a, link));
        lchownSync(join(a, link), user.uid, user.gid);
        lchownSync(join(a, dir), user.uid, user.gid);
      }
      lchownSync(a, user.uid, user.gid);

      const h = await newHash(engine);
      const codes = new Map<string, number>();
      const gotIds = new Set<number>();
      const run = async (p: Promise<unknown>): Promise<void> => {
        let code = 'ok';
        try {
          await p;
        } catch (e) {
          if (!(e instanceof BpfError)) throw e;
          code = e.code;
        }
        codes.set(code, (codes.get(code) ?? 0) + 1);
      };
      const swaps = user.swap(a, RACE_MS, [
        ['x', 'xs'],
        ['y', 'ys'],
      ]);
      // The engine's calls are synchronous: this loop keeps the event loop (and the engine's tree watcher,
      // flooded by the swaps) waiting until the swapper is done.
      const end = Date.now() + RACE_MS - 500;
      while (Date.now() < end) {
        await run(engine.pin(h.handle, 'a/x/f1'));
        await run(engine.unlink('a/x/f1'));
        await run(engine.mkdir('a/x/sub'));
        await run(engine.rmdir('a/x/sub'));
        await run(engine.mkdir('a/x/new'));
        await run(engine.rmdir('a/x/new'));
        await run(engine.pin(h.handle, 'a/x/f2'));
        await run(engine.rename('a/x/f2', 'a/x/f3'));
        await run(engine.rename('a/x/f3', 'a/x/m', { noreplace: true }));
        await run(engine.unlink('a/x/m'));
        await run(engine.symlink('t', 'a/x/l'));
        await run(engine.unlink('a/x/l'));
        await run(engine.pin(h.handle, 'a/y/m'));
        await run(engine.pin(h.handle, 'a/y/p'));
        await run(engine.list('a/y'));
        await run(engine.stat('a/y/m'));
        await run(engine.pathInfo('a/y/m'));
        for (const access of ['rw', 'ro'] as const) {
          try {
            const got = await engine.get('a/y/m', access);
            gotIds.add(got.id);
            await engine.close(got.handle);
          } catch (e) {
            if (!(e instanceof BpfError)) throw e;
          }
        }
        await run(engine.unlink('a/y/p'));
        await run(engine.unlink('a/y/m'));
      }
      expect(await swaps).toBeGreaterThan(1000);
      // The race was real: the engine met both the folder (success) and the symlink (EXDEV).
      expect(codes.get('ok') ?? 0).toBeGreaterThan(0);
      expect(codes.get('EXDEV') ?? 0).toBeGreaterThan(0);

      // Each escape is reported on its own.
      expect.soft(snapshot(sentinel), 'the folder outside').toEqual(sentinelBefore);
      expect.soft(readdirSync(other.dir).sort(), 'pins of the other bpffs').toEqual(otherBefore);
      expect.soft(statSync(join(other.dir, 'm')).atimeMs, "atime of the other bpffs's map").toBe(1000 * 1000);
      expect.soft(gotIds.has(otherMap.id), "a handle on the other bpffs's map").toBe(false);
      expect(gotIds.has(h.id)).toBe(true);
      // The engine still works.
      expect((await engine.list('a')).map((e) => e.name).sort()).toEqual(['x', 'xs', 'y', 'ys']);
    } finally {
      await engine.dispose();
      await mount.cleanup();
      await other.cleanup();
      rmSync(sentinel, { recursive: true, force: true });
    }
  });
});
