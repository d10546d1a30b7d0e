import { createAppStore } from './app-store.js';
import { createFakeApi } from '../test-support/fake-api.js';
import { BpfError } from '../../shared/errors.js';

async function setup(pollMs = 0) {
  const api = createFakeApi();
  await api.mkdir({ path: 'tc' });
  await api.mkdir({ path: 'tc/globals' });
  const store = createAppStore({ api, pollMs });
  await store.getState().init();
  return { api, store };
}

const settle = () => new Promise((r) => setTimeout(r, 10));

describe('app store', () => {
  it('loads the engine, the root folder and the handles on init', async () => {
    const { store } = await setup();
    const s = store.getState();
    expect(s.engine?.engine).toBe('emulated');
    expect(s.children['']?.map((e) => e.name)).toEqual(['tc']);
    expect(s.handles).toEqual([]);
  });

  it('loads a folder only when it is expanded, and forgets it when collapsed', async () => {
    const { api, store } = await setup();
    expect(store.getState().children.tc).toBeUndefined();
    await store.getState().expand('tc');
    expect(store.getState().children.tc?.map((e) => e.name)).toEqual(['globals']);
    store.getState().collapse('tc');
    expect(store.getState().expanded.tc).toBeUndefined();
    expect(api.calls.filter((c) => c === 'list')).toHaveLength(2);
  });

  it('reloads the folders a tree-changed event names, and drops folders that are gone', async () => {
    const { api, store } = await setup();
    await store.getState().expand('tc');
    await store.getState().expand('tc/globals');
    await api.mkdir({ path: 'tc/globals/new_dir' });
    await settle();
    expect(store.getState().children['tc/globals']?.map((e) => e.name)).toEqual(['new_dir']);
    await api.rmdir({ path: 'tc/globals/new_dir' });
    await api.rmdir({ path: 'tc/globals' });
    api.emit({ type: 'tree-changed', dirs: ['tc/globals'] });
    await settle();
    expect(store.getState().children['tc/globals']).toBeUndefined();
    expect(store.getState().children.tc).toEqual([]);
  });

  it('refreshes the handle list on handles-changed', async () => {
    const { api, store } = await setup();
    await api.createMap({ type: 'array', name: 'a', keySize: 4, valueSize: 4, maxEntries: 1, flags: [] });
    await settle();
    expect(store.getState().handles.map((h) => h.name)).toEqual(['a']);
  });

  it('selects a node and reads its details; polls while a map is selected', async () => {
    const { api, store } = await setup(20);
    const h = await api.createMap({ type: 'hash', name: 'live', keySize: 4, valueSize: 4, maxEntries: 4, flags: [] });
    await api.pin({ handle: h.handle, path: 'tc/live' });
    await store.getState().select('tc/live');
    expect(store.getState().details?.info?.kind).toBe('map');
    expect(store.getState().details?.dump?.entries).toEqual([]);
    api.setEntries(h.id, [['01000000', '2a000000']]);
    await new Promise((r) => setTimeout(r, 80));
    expect(store.getState().details?.dump?.entries).toEqual([{ key: '01000000', value: '2a000000' }]);
    store.getState().dispose();
  });

  it('turns a refusal into a notice with errno, message and hint', async () => {
    const { api, store } = await setup();
    api.failNext('list', new BpfError('EACCES', 'Permission denied listing tc.'));
    await store.getState().expand('tc');
    const [notice] = store.getState().notices;
    expect(notice?.code).toBe('EACCES');
    expect(notice?.message).toContain('Permission denied listing tc.');
    expect(notice?.hint).toMatch(/mode/);
    store.getState().dismissNotice(notice!.id);
    expect(store.getState().notices).toEqual([]);
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
});
