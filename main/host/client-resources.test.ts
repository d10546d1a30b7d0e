// A client that goes away (a closed tab, a crashed window) leaves no map view and no statistics running.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createInProcessApi, type InProcessApi } from '../../test/support/in-process-api.js';

import { ClientResources } from './client-resources.js';

let env: InProcessApi;
beforeEach(async () => (env = await createInProcessApi({ demo: true })));
afterEach(() => env.dispose());

const call = (owned: ClientResources, op: string, req: unknown) => owned.call(op, req);

describe('ClientResources', () => {
  it('closes the views a client opened, and only those, when it goes', async () => {
    const a = new ClientResources(env.host);
    const b = new ClientResources(env.host);
    const va = await call(a, 'mapViewOpen', { path: 'tc/globals/cilium_ct4_global' });
    const vb = await call(b, 'mapViewOpen', { path: 'tc/globals/cilium_ct4_global' });
    expect(va.ok && vb.ok).toBe(true);
    await a.release();
    expect(env.host.views.views()).toEqual([(vb as { value: { view: number } }).value.view]);
    await b.release();
    expect(env.host.views.views()).toEqual([]);
  });

  it('turns statistics off for a client that left them on', async () => {
    const owned = new ClientResources(env.host);
    const on = await call(owned, 'statsEnable', {});
    const token = (on as { value: { token: number } }).value.token;
    await owned.release();
    // The token is gone: disabling it again is EBADF, as for any token that is not live.
    await expect(env.api.statsDisable({ token })).rejects.toMatchObject({ code: 'EBADF' });
  });

  it('does not count a refused call or a view the client closed itself', async () => {
    const owned = new ClientResources(env.host);
    expect((await call(owned, 'mapViewOpen', { path: 'no/such/map' })).ok).toBe(false);
    const v = await call(owned, 'mapViewOpen', { path: 'tc/globals/cilium_ct4_global' });
    const view = (v as { value: { view: number } }).value.view;
    await call(owned, 'mapViewClose', { view });
    expect(owned.ownsView(view)).toBe(false);
  });
});
