// Switching mounts through the handler table: refused while a pin waits for Undo in the mount shown, since the
// Undo lives there; allowed once it is undone.
import { afterEach, describe, expect, it } from 'vitest';

import type { BpffsMount } from '../../shared/mounts.js';

import { createEmulatedEngine } from '../engine/emulated/index.js';
import { createHost, type Host } from './create-host.js';

let host: Host | undefined;
afterEach(() => host?.dispose());

async function call<T>(op: string, req: unknown): Promise<T> {
  const r = await host!.dispatch(op, req);
  if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
  return r.value as T;
}

describe('openMount', () => {
  it('waits for an open Undo of the mount shown, and then switches', async () => {
    host = createHost(createEmulatedEngine({ demo: true, traffic: false }));
    const [, container] = await call<BpffsMount[]>('mounts', {});
    const { undoToken } = await call<{ undoToken: string }>('unlinkWithUndo', { path: 'maps/events' });
    await expect(call('openMount', { id: container!.id })).rejects.toMatchObject({
      code: 'EBUSY',
      message: expect.stringMatching(/maps\/events can still be undone/),
    });
    await call('undoUnlink', { undoToken });
    await expect(call('openMount', { id: container!.id })).resolves.toMatchObject({ mountId: container!.id });
    expect((await call<{ name: string }[]>('list', { path: '' })).map((e) => e.name)).toContain('flow_table');
  });
});
