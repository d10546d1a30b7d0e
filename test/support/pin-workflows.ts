// The pin-workflow operations (getById, removeTree) checked the same way on any engine and any way of reaching it
// (in process, or an agent behind a pipe): every step goes through the API. Undo is in undo-suite.ts, which uses
// the engine-level helpers here.
import { describe, expect, it } from 'vitest';

import type { ApiClient, Request } from '../../shared/contract.js';
import type { MapSpec, ObjectKind, PinStore } from '../../shared/engine.js';
import { isBpfError } from '../../shared/errors.js';

/** An engine under test, for suites that check the engine itself alongside the API. */
export interface WorkflowEnv {
  engine: PinStore;
}

/** Clients under test: each open() gives a client on a fresh host (a fresh emulated engine, or the test's mount). */
export interface ApiWorkflowEnv {
  open(): Promise<ApiClient>;
}

const hash: MapSpec = { type: 'hash', name: 'flows', keySize: 4, valueSize: 8, maxEntries: 16, flags: [] };
const RETURN_ZERO = 'b7000000000000009500000000000000';

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

/** Resolves when the host reports the object freed. */
function freedVia(api: ApiClient, kind: ObjectKind, id: number): Promise<void> {
  return new Promise((resolve) => {
    const off = api.onEvent((ev) => {
      if (ev.type === 'object-freed' && ev.kind === kind && ev.id === id) {
        off();
        resolve();
      }
    });
  });
}

/** Whether the object still exists: a handle by id can be had (and is closed again), or the answer is ENOENT. */
async function alive(api: ApiClient, kind: ObjectKind, id: number): Promise<boolean> {
  try {
    const h = await api.getById({ kind, id, access: 'rw' });
    await api.close({ handle: h.handle });
    return true;
  } catch (e) {
    if (isBpfError(e) && e.code === 'ENOENT') return false;
    throw e;
  }
}

async function pinnedVia(api: ApiClient, path: string) {
  const h = await api.createMap({ ...hash, flags: [] });
  await api.pin({ handle: h.handle, path });
  await api.close({ handle: h.handle });
  return h;
}

const socketFilter = (name: string): Request<'loadProgram'> => ({
  type: 'socket_filter',
  name,
  insns: RETURN_ZERO,
  license: 'GPL',
});

export function definePinWorkflowTests(env: ApiWorkflowEnv): void {
  describe('getById', () => {
    it('opens an unpinned object by id and the handle keeps it alive', async () => {
      const api = await env.open();
      const h = await api.loadProgram(socketFilter('byid'));
      const byId = await api.getById({ kind: 'prog', id: h.id, access: 'rw' });
      expect(byId).toMatchObject({ kind: 'prog', id: h.id, name: 'byid', origin: 'id' });
      await api.close({ handle: h.handle });
      expect(await alive(api, 'prog', h.id)).toBe(true);
      await api.pin({ handle: byId.handle, path: 'again' });
      expect((await api.stat({ path: 'again' })).object?.id).toBe(h.id);
    });

    it('says ENOENT for an id that is gone and EINVAL for a read-only program', async () => {
      const api = await env.open();
      const h = await api.loadProgram(socketFilter('p'));
      await expect(api.getById({ kind: 'prog', id: h.id, access: 'ro' })).rejects.toMatchObject({ code: 'EINVAL' });
      const gone = freedVia(api, 'prog', h.id);
      await api.close({ handle: h.handle });
      await gone;
      await expect(api.getById({ kind: 'prog', id: h.id, access: 'rw' })).rejects.toMatchObject({ code: 'ENOENT' });
    });
  });

  describe('removeTree', () => {
    /** top/{s, sub/m}: m pinned only inside, s also pinned as "outside". */
    async function tree(api: ApiClient) {
      await api.mkdir({ path: 'top' });
      await api.mkdir({ path: 'top/sub' });
      const inside = await pinnedVia(api, 'top/sub/m');
      const shared = await pinnedVia(api, 'top/s');
      await api.link({ from: 'top/s', to: 'outside' });
      return { inside, shared };
    }

    it('lists what it would free on a dry run and removes nothing', async () => {
      const api = await env.open();
      const { inside, shared } = await tree(api);
      const plan = await api.removeTree({ path: 'top', dryRun: true });
      expect(plan.entries).toEqual(['top/s', 'top/sub/m', 'top/sub', 'top']);
      expect(plan.freed.map((o) => o.id)).toEqual([inside.id]);
      expect(plan.freed.map((o) => o.id)).not.toContain(shared.id);
      expect((await api.list({ path: 'top' })).map((e) => e.name).sort()).toEqual(['s', 'sub']);
    });

    it('removes bottom-up; the object pinned only inside is freed, the one pinned outside lives', async () => {
      const api = await env.open();
      const { inside, shared } = await tree(api);
      const gone = freedVia(api, 'map', inside.id);
      const r = await api.removeTree({ path: 'top', dryRun: false });
      expect(r).toMatchObject({ removed: ['top/s', 'top/sub/m', 'top/sub', 'top'], notRemoved: [] });
      await gone;
      await expect(api.stat({ path: 'top' })).rejects.toMatchObject({ code: 'ENOENT' });
      expect((await api.stat({ path: 'outside' })).object?.id).toBe(shared.id);
    });

    it('refuses the mount root', async () => {
      const api = await env.open();
      await expect(api.removeTree({ path: '', dryRun: true })).rejects.toMatchObject({ code: 'EBUSY' });
    });
  });
}
