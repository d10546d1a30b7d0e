// Overlapping listings of one folder: replies may come back in any order, and an older one never replaces what a
// newer one showed. Each listing is read from the real engine when asked; only its reply is held back.
import type { ApiClient } from '../../shared/contract.js';
import type { DirEntry } from '../../shared/engine.js';

import { initStore, realParts } from '../test-support/render-app.js';

interface Held {
  path: string;
  release(): void;
}

/** `list` reads at once but answers only when the test releases it. */
function heldListings(real: ApiClient): { api: ApiClient; held: Held[] } {
  const held: Held[] = [];
  const api = new Proxy(real, {
    get(target, prop, receiver) {
      if (prop !== 'list') return Reflect.get(target, prop, receiver) as unknown;
      return async (req: { path: string }): Promise<DirEntry[]> => {
        const read = target.list(req);
        await new Promise<void>((release) => held.push({ path: req.path, release }));
        return read;
      };
    },
  });
  return { api, held };
}

async function setup() {
  const parts = await realParts();
  await parts.api.mkdir({ path: 'tc' });
  await parts.api.mkdir({ path: 'tc/globals' });
  const { api, held } = heldListings(parts.api);
  const init = initStore(api);
  await vi.waitFor(() => expect(held).toHaveLength(1));
  held.shift()!.release();
  const store = await init;
  return { ...parts, held, store };
}

const names = (entries: DirEntry[] | undefined) => entries?.map((e) => e.name);

describe('tree listings with a generation guard', () => {
  it('a late reply of an older listing does not overwrite a newer one', async () => {
    const { engine, held, store } = await setup();
    const first = store.getState().loadDir('tc');
    await engine.mkdir('tc/xdp');
    const second = store.getState().loadDir('tc');
    // The first listing, the one the tree-changed event of the mkdir started, and the second.
    await vi.waitFor(() => expect(held.map((h) => h.path)).toEqual(['tc', 'tc', 'tc']));
    const [older, ...newer] = held.splice(0);
    for (const h of newer) h.release();
    await second;
    expect(names(store.getState().children.tc)).toEqual(['globals', 'xdp']);
    older!.release();
    await first;
    expect(names(store.getState().children.tc)).toEqual(['globals', 'xdp']);
  });

  it('a late listing of a folder that a newer listing found gone does not bring it back', async () => {
    const { engine, held, store } = await setup();
    const expanding = store.getState().expand('tc');
    await vi.waitFor(() => expect(held).toHaveLength(1));
    held.shift()!.release();
    await expanding;
    const child = store.getState().expand('tc/globals');
    await engine.rmdir('tc/globals');
    const parent = store.getState().loadDir('tc');
    // The child's listing, then the parent's from the rmdir's event and from loadDir.
    await vi.waitFor(() => expect(held.map((h) => h.path)).toEqual(['tc/globals', 'tc', 'tc']));
    const [late, ...fresh] = held.splice(0);
    for (const h of fresh) h.release();
    await parent;
    expect(store.getState().children['tc/globals']).toBeUndefined();
    late!.release();
    await child;
    expect(names(store.getState().children.tc)).toEqual([]);
    expect(store.getState().children['tc/globals']).toBeUndefined();
    expect(store.getState().expanded['tc/globals']).toBeUndefined();
  });

  it('a folder that changes while its first listing is under way is listed again', async () => {
    const { engine, held, store } = await setup();
    const expanding = store.getState().expand('tc');
    await vi.waitFor(() => expect(held).toHaveLength(1));
    await engine.mkdir('tc/late');
    await vi.waitFor(() => expect(held.map((h) => h.path)).toEqual(['tc', 'tc']));
    for (const h of held.splice(0)) h.release();
    await expanding;
    await vi.waitFor(() => expect(names(store.getState().children.tc)).toEqual(['globals', 'late']));
    expect(store.getState().loading).toEqual({});
  });
});
