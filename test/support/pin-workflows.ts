// The pin-workflow operations (getById, removeTree) checked the same way on any engine; Undo is in undo.shared.ts.
import { describe, expect, it } from 'vitest';

import type { MapSpec, ObjectKind, PinStore } from '../../shared/engine.js';

import { createHandlers, type HandlerTable } from '../../main/host/handlers.js';

export interface WorkflowEnv {
  engine: PinStore;
}

const hash: MapSpec = { type: 'hash', name: 'flows', keySize: 4, valueSize: 8, maxEntries: 16, flags: [] };
const RETURN_ZERO = Uint8Array.from([0xb7, 0, 0, 0, 0, 0, 0, 0, 0x95, 0, 0, 0, 0, 0, 0, 0]);

/** Resolves when the engine reports the object freed. */
export function freed(engine: PinStore, kind: ObjectKind, id: number): Promise<void> {
  return new Promise((resolve) => {
    const off = engine.subscribe((ev) => {
      if (ev.type === 'object-freed' && ev.kind === kind && ev.id === id) {
        off();
        resolve();
      }
    });
  });
}

/** A map pinned at `path` with no handle left open: the pin is its only reference. */
export async function pinnedOnly(engine: PinStore, path: string) {
  const h = await engine.createMap(hash);
  await engine.pin(h.handle, path);
  await engine.close(h.handle);
  return h;
}

export function definePinWorkflowTests(env: WorkflowEnv): void {
  const handlers = (windowMs = 60_000): HandlerTable => createHandlers(env.engine, { undoWindowMs: windowMs });

  describe('getById', () => {
    it('opens an unpinned object by id and the handle keeps it alive', async () => {
      const h = await env.engine.loadProgram({
        type: 'socket_filter',
        name: 'byid',
        insns: RETURN_ZERO,
        license: 'GPL',
      });
      const byId = await handlers().getById({ kind: 'prog', id: h.id, access: 'rw' });
      expect(byId).toMatchObject({ kind: 'prog', id: h.id, name: 'byid', origin: 'id' });
      await env.engine.close(h.handle);
      expect(await env.engine.objectAlive('prog', h.id)).toBe(true);
      await env.engine.pin(byId.handle, 'again');
      expect((await env.engine.stat('again')).object?.id).toBe(h.id);
    });

    it('says ENOENT for an id that is gone and EINVAL for a read-only program', async () => {
      const h = await env.engine.loadProgram({ type: 'socket_filter', name: 'p', insns: RETURN_ZERO, license: 'GPL' });
      await expect(handlers().getById({ kind: 'prog', id: h.id, access: 'ro' })).rejects.toMatchObject({
        code: 'EINVAL',
      });
      const gone = freed(env.engine, 'prog', h.id);
      await env.engine.close(h.handle);
      await gone;
      await expect(handlers().getById({ kind: 'prog', id: h.id, access: 'rw' })).rejects.toMatchObject({
        code: 'ENOENT',
      });
    });
  });

  describe('removeTree', () => {
    it('lists what it would free on a dry run and removes nothing', async () => {
      await env.engine.mkdir('top');
      await env.engine.mkdir('top/sub');
      const inside = await pinnedOnly(env.engine, 'top/sub/m');
      const shared = await pinnedOnly(env.engine, 'top/s');
      await env.engine.link('top/s', 'outside');
      const plan = await handlers().removeTree({ path: 'top', dryRun: true });
      expect(plan.entries).toEqual(['top/s', 'top/sub/m', 'top/sub', 'top']);
      expect(plan.freed.map((o) => o.id)).toEqual([inside.id]);
      expect(plan.freed.map((o) => o.id)).not.toContain(shared.id);
      expect((await env.engine.list('top')).map((e) => e.name).sort()).toEqual(['s', 'sub']);
    });

    it('removes bottom-up; the object pinned only inside is freed, the one pinned outside lives', async () => {
      await env.engine.mkdir('top');
      await env.engine.mkdir('top/sub');
      const inside = await pinnedOnly(env.engine, 'top/sub/m');
      const shared = await pinnedOnly(env.engine, 'top/s');
      await env.engine.link('top/s', 'outside');
      const gone = freed(env.engine, 'map', inside.id);
      const r = await handlers().removeTree({ path: 'top', dryRun: false });
      expect(r).toMatchObject({ removed: ['top/s', 'top/sub/m', 'top/sub', 'top'], notRemoved: [] });
      await gone;
      await expect(env.engine.stat('top')).rejects.toMatchObject({ code: 'ENOENT' });
      expect((await env.engine.stat('outside')).object?.id).toBe(shared.id);
    });

    it('refuses the mount root', async () => {
      await expect(handlers().removeTree({ path: '', dryRun: true })).rejects.toMatchObject({ code: 'EBUSY' });
    });
  });
}
