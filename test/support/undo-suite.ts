// Unlink with Undo checked the same way on any engine: the pin is held in the mount (not by a handle), so a new
// bpfscope on the same mount, with no other state, offers it again or removes it when its window has passed.
import { describe, expect, it } from 'vitest';

import type { ApiClient } from '../../shared/contract.js';
import type { PinStore } from '../../shared/engine.js';

import { createHost } from '../../main/host/create-host.js';
import { HOLDING_DIR } from '../../main/host/holding.js';
import { UndoRegistry } from '../../main/host/undo.js';

import { apiOf } from './in-process-api.js';
import { freed, pinnedOnly, type WorkflowEnv } from './pin-workflows.js';

/** Names at the mount root, holding folder included; without the kernel's own `maps.debug` / `progs.debug`. */
const rootNames = async (engine: Pick<PinStore, 'list'>): Promise<string[]> =>
  (await engine.list('')).map((e) => e.name).filter((n) => !n.endsWith('.debug'));

const waitPast = async (at: number): Promise<void> => {
  while (Date.now() <= at) await new Promise((r) => setTimeout(r, Math.max(1, at + 1 - Date.now())));
};

export function defineUndoTests(env: WorkflowEnv): void {
  // A host over the test's engine, as a client sees it; the engine's owner ends it.
  const handlers = (windowMs = 60_000): ApiClient => apiOf(createHost(env.engine, { undoWindowMs: windowMs }));

  describe('unlink with undo', () => {
    it("keeps the last pin's object alive in the window and pins it again on undo", async () => {
      const h = await pinnedOnly(env.engine, 'last');
      const t = handlers();
      const r = await t.unlinkWithUndo({ path: 'last' });
      expect(r.expiresAt).toBeGreaterThan(Date.now());
      await expect(env.engine.stat('last')).rejects.toMatchObject({ code: 'ENOENT' });
      expect(await env.engine.objectAlive('map', h.id)).toBe(true);
      await expect(t.undoUnlink({ undoToken: r.undoToken })).resolves.toEqual({ path: 'last' });
      expect((await env.engine.stat('last')).object?.id).toBe(h.id);
      // Nothing is left open or held: only the pin remains, and the holding folder is gone.
      expect(env.engine.handles().filter((x) => x.id === h.id && x.kind === 'map')).toEqual([]);
      expect(await rootNames(env.engine)).toEqual(['last']);
      await expect(t.undoUnlink({ undoToken: r.undoToken })).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('holds the pin inside the mount, where no listing shows it and no "frees" count sees it', async () => {
      await env.engine.mkdir('top');
      const h = await pinnedOnly(env.engine, 'top/m');
      await env.engine.link('top/m', 'other');
      const t = handlers();
      await t.unlinkWithUndo({ path: 'other' });
      const held = (await env.engine.listObjects()).find((o) => o.kind === 'map' && o.id === h.id);
      expect(held?.pins.sort()).toEqual([expect.stringMatching(new RegExp(`^${HOLDING_DIR}/.+/other$`)), 'top/m']);
      expect(held?.handles).toEqual([]);
      expect(await rootNames(env.engine)).toContain(HOLDING_DIR);
      expect(await rootNames({ list: (path) => t.list({ path }) })).toEqual(['top']);
      const seen = (await t.listObjects({})).find((o) => o.kind === 'map' && o.id === h.id);
      expect(seen?.pins).toEqual(['top/m']);
      expect(await t.unlinkImpact({ path: 'top/m' })).toMatchObject({ otherPins: [], freesObject: true });
      expect((await t.removeTree({ path: 'top', dryRun: true })).freed.map((o) => o.id)).toEqual([h.id]);
      expect((await t.inspectPath({ path: 'top/m' })).pins).toEqual(['top/m']);
    });

    it('refuses every path into the holding folder with EPERM', async () => {
      await pinnedOnly(env.engine, 'x');
      const t = handlers();
      await t.unlinkWithUndo({ path: 'x' });
      const reserved = { code: 'EPERM', message: new RegExp(HOLDING_DIR) };
      await expect(t.list({ path: HOLDING_DIR })).rejects.toMatchObject(reserved);
      await expect(t.stat({ path: HOLDING_DIR })).rejects.toMatchObject(reserved);
      await expect(t.removeTree({ path: HOLDING_DIR, dryRun: false })).rejects.toMatchObject(reserved);
      await expect(t.mkdir({ path: `${HOLDING_DIR}/mine` })).rejects.toMatchObject(reserved);
      await expect(t.rename({ from: HOLDING_DIR, to: 'mine' })).rejects.toMatchObject(reserved);
      await expect(t.unlinkWithUndo({ path: HOLDING_DIR })).rejects.toMatchObject(reserved);
      expect((await t.listHeld({})).map((x) => x.path)).toEqual(['x']);
    });

    it('frees the object when the window passes, leaves no holding folder, and undo then says ENOENT', async () => {
      await env.engine.mkdir('deep');
      await env.engine.mkdir('deep/er');
      const h = await pinnedOnly(env.engine, 'deep/er/short');
      const t = handlers(30);
      const gone = freed(env.engine, 'map', h.id);
      const r = await t.unlinkWithUndo({ path: 'deep/er/short' });
      await gone;
      expect(await env.engine.objectAlive('map', h.id)).toBe(false);
      expect(await t.listHeld({})).toEqual([]);
      expect(await rootNames(env.engine)).toEqual(['deep']);
      await expect(t.undoUnlink({ undoToken: r.undoToken })).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('says EEXIST when the name was taken meanwhile, and undo works once it is free again', async () => {
      const h = await pinnedOnly(env.engine, 'taken');
      const t = handlers();
      const r = await t.unlinkWithUndo({ path: 'taken' });
      await env.engine.mkdir('taken');
      await expect(t.undoUnlink({ undoToken: r.undoToken })).rejects.toMatchObject({
        code: 'EEXIST',
        message: /taken by something else/,
      });
      expect((await t.listHeld({})).map((x) => x.undoToken)).toEqual([r.undoToken]);
      await env.engine.rmdir('taken');
      await t.undoUnlink({ undoToken: r.undoToken });
      expect((await env.engine.stat('taken')).object?.id).toBe(h.id);
    });

    it('says ENOENT naming the folder when the folder of the pin is gone, and keeps the pin', async () => {
      await env.engine.mkdir('f');
      const h = await pinnedOnly(env.engine, 'f/m');
      const t = handlers();
      const r = await t.unlinkWithUndo({ path: 'f/m' });
      await env.engine.rmdir('f');
      await expect(t.undoUnlink({ undoToken: r.undoToken })).rejects.toMatchObject({
        code: 'ENOENT',
        message: /folder of "f\/m" is gone/,
      });
      await env.engine.mkdir('f');
      await t.undoUnlink({ undoToken: r.undoToken });
      expect((await env.engine.stat('f/m')).object?.id).toBe(h.id);
    });

    it('restores a symlink with its target', async () => {
      await env.engine.symlink('some/where', 'ln');
      const t = handlers();
      const r = await t.unlinkWithUndo({ path: 'ln' });
      await expect(env.engine.stat('ln')).rejects.toMatchObject({ code: 'ENOENT' });
      await t.undoUnlink({ undoToken: r.undoToken });
      expect(await env.engine.stat('ln')).toMatchObject({ kind: 'symlink', target: 'some/where' });
    });

    it('refuses a folder with EISDIR and leaves it', async () => {
      await env.engine.mkdir('d');
      await expect(handlers().unlinkWithUndo({ path: 'd' })).rejects.toMatchObject({ code: 'EISDIR' });
      expect((await env.engine.stat('d')).kind).toBe('dir');
      expect(await rootNames(env.engine)).toEqual(['d']);
    });
  });

  describe('held pins found by a new bpfscope on the same mount', () => {
    it('offers a held pin and restores it at its path with the same object', async () => {
      await env.engine.mkdir('a');
      await env.engine.mkdir('a/b');
      const h = await pinnedOnly(env.engine, 'a/b/m');
      const before = handlers();
      const r = await before.unlinkWithUndo({ path: 'a/b/m' });
      const after = handlers();
      const held = await after.listHeld({});
      expect(held).toEqual([
        { undoToken: r.undoToken, path: 'a/b/m', expiresAt: r.expiresAt, remainingMs: expect.any(Number) },
      ]);
      expect(held[0]!.remainingMs).toBeGreaterThan(0);
      expect(held[0]!.remainingMs).toBeLessThanOrEqual(60_000);
      await expect(after.undoUnlink({ undoToken: r.undoToken })).resolves.toEqual({ path: 'a/b/m' });
      expect((await env.engine.stat('a/b/m')).object?.id).toBe(h.id);
      expect(await rootNames(env.engine)).toEqual(['a']);
    });

    it('keeps two unlinks of one path apart', async () => {
      const first = await pinnedOnly(env.engine, 'p');
      const t = handlers();
      const r1 = await t.unlinkWithUndo({ path: 'p' });
      const second = await pinnedOnly(env.engine, 'p');
      const r2 = await t.unlinkWithUndo({ path: 'p' });
      expect(r2.undoToken).not.toBe(r1.undoToken);
      expect((await handlers().listHeld({})).map((x) => x.path)).toEqual(['p', 'p']);
      await t.undoUnlink({ undoToken: r1.undoToken });
      expect((await env.engine.stat('p')).object?.id).toBe(first.id);
      await expect(t.undoUnlink({ undoToken: r2.undoToken })).rejects.toMatchObject({ code: 'EEXIST' });
      await env.engine.unlink('p');
      await t.undoUnlink({ undoToken: r2.undoToken });
      expect((await env.engine.stat('p')).object?.id).toBe(second.id);
    });

    it('removes a held pin whose window ended while no bpfscope ran, and the object is freed', async () => {
      const h = await pinnedOnly(env.engine, 'late');
      // A bpfscope that stops (a crash) inside the window: its timers die with it, the held pin stays.
      const crashed = new UndoRegistry(env.engine, 30);
      const r = await crashed.unlinkWithUndo('late');
      crashed.dispose();
      await waitPast(r.expiresAt);
      expect(await env.engine.objectAlive('map', h.id)).toBe(true);
      const gone = freed(env.engine, 'map', h.id);
      const next = handlers();
      expect(await next.listHeld({})).toEqual([]);
      await gone;
      expect(await rootNames(env.engine)).toEqual([]);
      await expect(next.undoUnlink({ undoToken: r.undoToken })).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('leaves folders in the holding folder that are not its own alone', async () => {
      await env.engine.mkdir(HOLDING_DIR);
      await env.engine.mkdir(`${HOLDING_DIR}/notes`);
      await pinnedOnly(env.engine, `${HOLDING_DIR}/notes/m`);
      expect(await handlers().listHeld({})).toEqual([]);
      expect((await env.engine.stat(`${HOLDING_DIR}/notes/m`)).kind).toBe('map');
    });
  });
}
