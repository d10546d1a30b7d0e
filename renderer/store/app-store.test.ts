import type { ApiClient } from '../../shared/contract.js';

import { initStore, realParts } from '../test-support/render-app.js';

async function setup(pollMs = 0) {
  const parts = await realParts();
  await parts.api.mkdir({ path: 'tc' });
  await parts.api.mkdir({ path: 'tc/globals' });
  const store = await initStore(parts.api, pollMs);
  return { ...parts, store };
}

const names = (api: ApiClient, path: string) => api.list({ path }).then((es) => es.map((e) => e.name));

describe('app store', () => {
  it('loads the engine, the root folder and the handles on init', async () => {
    const { store } = await setup();
    const s = store.getState();
    expect(s.engine).toMatchObject({ engine: 'emulated', mountPoint: '/sys/fs/bpf' });
    // A fresh bpffs with bpf_preload shows the maps.debug and progs.debug iterators.
    expect(s.children['']?.map((e) => e.name)).toEqual(['tc', 'maps.debug', 'progs.debug']);
    expect(s.handles).toEqual([]);
  });

  it('loads a folder only when it is expanded, and forgets it when collapsed', async () => {
    const { api, store } = await setup();
    const list = vi.spyOn(api, 'list');
    expect(store.getState().children.tc).toBeUndefined();
    await store.getState().expand('tc');
    expect(store.getState().children.tc?.map((e) => e.name)).toEqual(['globals']);
    store.getState().collapse('tc');
    expect(store.getState().expanded.tc).toBeUndefined();
    expect(list.mock.calls).toEqual([[{ path: 'tc' }]]);
  });

  it('reloads the folders a tree-changed event names, and drops folders that are gone', async () => {
    const { engine, store } = await setup();
    await store.getState().expand('tc');
    await store.getState().expand('tc/globals');
    await engine.mkdir('tc/globals/new_dir');
    await vi.waitFor(() => expect(store.getState().children['tc/globals']?.map((e) => e.name)).toEqual(['new_dir']));
    await engine.rmdir('tc/globals/new_dir');
    await engine.rmdir('tc/globals');
    await vi.waitFor(() => expect(store.getState().children.tc).toEqual([]));
    expect(store.getState().children['tc/globals']).toBeUndefined();
    expect(store.getState().expanded['tc/globals']).toBeUndefined();
    await engine.mkdir('tc/globals');
    await vi.waitFor(() => expect(store.getState().children.tc?.map((e) => e.name)).toEqual(['globals']));
    expect(store.getState().expanded['tc/globals']).toBeUndefined();
  });

  it('refreshes the handle list on handles-changed', async () => {
    const { api, store } = await setup();
    const h = await api.createMap({ type: 'array', name: 'a', keySize: 4, valueSize: 4, maxEntries: 1, flags: [] });
    await vi.waitFor(() => expect(store.getState().handles.map((x) => x.name)).toEqual(['a']));
    await api.close({ handle: h.handle });
    await vi.waitFor(() => expect(store.getState().handles).toEqual([]));
  });

  it('selects a node and reads its details; polls while a map is selected (entries live in the map view)', async () => {
    const { api, store } = await setup(20);
    const h = await api.createMap({ type: 'hash', name: 'live', keySize: 4, valueSize: 4, maxEntries: 4, flags: [] });
    await api.pin({ handle: h.handle, path: 'tc/live' });
    await store.getState().select('tc/live');
    expect(store.getState().details?.info).toMatchObject({ kind: 'map', frozen: false });
    expect(store.getState().details?.dump).toBeUndefined();
    await api.mapFreeze({ handle: h.handle });
    await vi.waitFor(() => expect(store.getState().details?.info).toMatchObject({ kind: 'map', frozen: true }));
  });

  it('turns a refusal into a notice with errno, message and hint', async () => {
    const { api, store } = await setup();
    // BPF_OBJ_GET on a folder: the kernel answers EACCES.
    const refusal = await api.get({ path: 'tc', access: 'rw' }).catch((e: unknown) => e);
    store.getState().notifyError(refusal, 'Getting "tc"');
    const [notice] = store.getState().notices;
    expect(notice?.code).toBe('EACCES');
    expect(notice?.message).toMatch(/^Getting "tc": /);
    expect(notice?.hint).toMatch(/mode/);
    store.getState().dismissNotice(notice!.id);
    expect(store.getState().notices).toEqual([]);
  });

  it("keeps the kernel's errno and message for a refused update (NOEXIST twice: EEXIST)", async () => {
    const { api, store } = await setup();
    const h = await api.createMap({ type: 'hash', name: 'h', keySize: 4, valueSize: 4, maxEntries: 4, flags: [] });
    await api.mapUpdate({ handle: h.handle, key: '01000000', value: '01000000', flag: 'noexist' });
    const refusal = await api
      .mapUpdate({ handle: h.handle, key: '01000000', value: '02000000', flag: 'noexist' })
      .catch((e: unknown) => e);
    store.getState().notifyError(refusal, 'Updating key 01000000');
    expect(store.getState().notices).toEqual([
      expect.objectContaining({
        level: 'error',
        code: 'EEXIST',
        message: expect.stringMatching(/^Updating key 01000000: ./),
      }),
    ]);
    expect(await api.mapLookup({ handle: h.handle, key: '01000000' })).toBe('01000000');
  });

  it('reports a path through a pinned map as ENOTDIR when inspecting it', async () => {
    const { api, store } = await setup();
    const h = await api.createMap({ type: 'array', name: 'a', keySize: 4, valueSize: 4, maxEntries: 1, flags: [] });
    await api.pin({ handle: h.handle, path: 'tc/a' });
    await store.getState().select('tc/a/inner');
    expect(store.getState().details).toBeNull();
    expect(store.getState().detailsError).toMatch(/^ENOTDIR/);
    expect(store.getState().notices[0]).toMatchObject({
      code: 'ENOTDIR',
      message: expect.stringMatching(/^Inspecting "tc\/a\/inner"/),
    });
  });

  it("shows the rows of a map selected while the previous map's rows were still on their way", async () => {
    const { api, store } = await setup();
    for (const name of ['slow', 'next']) {
      const h = await api.createMap({ type: 'hash', name, keySize: 4, valueSize: 4, maxEntries: 4, flags: [] });
      await api.mapUpdate({ handle: h.handle, key: '07000000', value: '2a000000', flag: 'any' });
      await api.pin({ handle: h.handle, path: `tc/${name}` });
    }
    const window = api.mapViewWindow.bind(api);
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const spy = vi.spyOn(api, 'mapViewWindow').mockImplementationOnce(async (req) => {
      await held;
      return window(req);
    });
    const first = store.getState().openEntriesView('tc/slow');
    await vi.waitFor(() => expect(spy).toHaveBeenCalledTimes(1));
    await store.getState().openEntriesView('tc/next');
    release();
    await first;
    await vi.waitFor(() => expect(store.getState().entriesView?.win).toMatchObject({ total: 1 }));
    // The first view was closed before its rows came: that is no error of the view open now.
    expect(store.getState().entriesView).toMatchObject({ path: 'tc/next', error: null });
  });

  it('opens and closes one dialog at a time', async () => {
    const { store } = await setup();
    store.getState().openDialog('new-folder', 'tc');
    expect(store.getState().dialog).toEqual({ kind: 'new-folder', target: 'tc' });
    store.getState().openDialog('close-handle', '', 3);
    expect(store.getState().dialog).toEqual({ kind: 'close-handle', target: '', handle: 3 });
    store.getState().closeDialog();
    expect(store.getState().dialog).toBeNull();
  });

  it('keeps the API client out of its state, so a component cannot reach the transport through it', async () => {
    const { store, api } = await setup();
    const state = store.getState();
    expect('api' in state).toBe(false);
    expect(Object.values(state)).not.toContain(api);
  });

  it('shows a folder made elsewhere at the root, folders first', async () => {
    const { engine, store, api } = await setup();
    await engine.mkdir('xdp');
    await vi.waitFor(() =>
      expect(store.getState().children['']?.map((e) => e.name)).toEqual(['tc', 'xdp', 'maps.debug', 'progs.debug']),
    );
    const shown = store.getState().children['']?.map((e) => e.name);
    expect([...shown!].sort()).toEqual((await names(api, '')).sort());
  });
});
