// Each store action issues exactly the calls its intent needs, against the real emulated engine: the tree and the
// handle list are refreshed by the engine's events, never re-read by the action itself.

import { recordingApi } from '../test-support/recording-api.js';
import { initStore, realParts } from '../test-support/render-app.js';
import type { AppState } from './types.js';

async function setup() {
  const parts = await realParts();
  await parts.api.mkdir({ path: 'tc' });
  const h = await parts.api.createMap({ type: 'hash', name: 'ct', keySize: 4, valueSize: 8, maxEntries: 8, flags: [] });
  await parts.api.pin({ handle: h.handle, path: 'tc/ct' });
  await parts.api.close({ handle: h.handle });
  const rec = recordingApi(parts.api);
  const store = await initStore(rec.api);
  await store.getState().expand('tc');
  rec.take();
  return { ...parts, rec, store };
}

const names = (s: AppState, dir: string) => s.children[dir]?.map((e) => e.name);

describe('store commands', () => {
  it('a pin is one pin call; the new pin appears through the tree-changed event', async () => {
    const { api, rec, store } = await setup();
    const h = await api.createMap({ type: 'array', name: 'a', keySize: 4, valueSize: 4, maxEntries: 1, flags: [] });
    rec.take();
    rec.hold();
    await store.getState().pinHandle(h.handle, 'tc/a');
    expect(rec.take()).toEqual(['pin']);
    expect(names(store.getState(), 'tc')).toEqual(['ct']);
    rec.release();
    await vi.waitFor(() => expect(names(store.getState(), 'tc')).toEqual(['a', 'ct']));
    expect(rec.calls.filter((c) => c.op === 'list').at(-1)?.req).toEqual({ path: 'tc' });
  });

  it.each<[string, (s: AppState) => Promise<unknown>, string[]]>([
    ['mkdir', (s) => s.mkdir('tc/sub', 0o755), ['mkdir']],
    ['rename', (s) => s.rename('tc/ct', 'tc/flows', true), ['rename']],
    ['link', (s) => s.link('tc/ct', 'ct2'), ['link']],
    ['rmdir', (s) => s.mkdir('xdp', 0o700).then(() => s.rmdir('xdp')), ['mkdir', 'rmdir']],
    ['planRemoveTree', (s) => s.planRemoveTree('tc'), ['removeTree']],
    ['removeTree', (s) => s.removeTree('tc'), ['removeTree']],
    ['unlinkWithUndo', (s) => s.unlinkWithUndo('tc/ct'), ['unlinkWithUndo']],
    ['getObject', (s) => s.getObject('tc/ct', 'ro'), ['get']],
    [
      'createMap',
      (s) => s.createMap({ type: 'array', name: 'x', keySize: 4, valueSize: 4, maxEntries: 1, flags: [] }),
      ['createMap'],
    ],
    ['placeNode (move)', (s) => s.placeNode('tc/ct', '', 'move'), ['rename']],
    ['placeNode (second pin)', (s) => s.placeNode('tc/ct', '', 'link'), ['link']],
    ['editEntry', (s) => s.editEntry('tc/ct', '01000000', '0100000000000000', 'any', 'rw'), ['mapUpdateAt']],
    ['deleteEntry', (s) => s.deleteEntry('tc/ct', '01000000', 'rw').catch(() => undefined), ['mapDeleteAt']],
  ])('%s calls only what it needs', async (_name, run, ops) => {
    const { rec, store } = await setup();
    rec.hold();
    await run(store.getState());
    expect(rec.take()).toEqual(ops);
    rec.release();
  });

  it('closing a handle is one close call; the Handles list follows the event', async () => {
    const { rec, store } = await setup();
    const h = await store.getState().getObject('tc/ct', 'rw');
    await vi.waitFor(() => expect(store.getState().handles.map((x) => x.handle)).toEqual([h.handle]));
    rec.take();
    rec.hold();
    await store.getState().closeHandle(h.handle);
    expect(rec.take()).toEqual(['close']);
    expect(store.getState().handles).toHaveLength(1);
    rec.release();
    await vi.waitFor(() => expect(store.getState().handles).toEqual([]));
  });

  it('an entry edit opens no handle of the user: no handle event, an empty Handles list', async () => {
    const { api, rec, store } = await setup();
    const events: string[] = [];
    api.onEvent((e) => events.push(e.type));
    await store.getState().insertEntry('tc/ct', '02000000', '2a00000000000000', 'noexist', 'rw');
    await expect(
      store.getState().editEntry('tc/ct', '02000000', '0000000000000000', 'exist', 'ro'),
    ).rejects.toMatchObject({
      code: 'EPERM',
    });
    expect(
      await store
        .getState()
        .peekEntry('tc/ct')
        .catch((e: unknown) => e),
    ).toMatchObject({ code: 'EINVAL' });
    await store.getState().deleteEntry('tc/ct', '02000000', 'rw');
    expect(rec.take()).toEqual(['mapUpdateAt', 'mapUpdateAt', 'mapLookupAt', 'mapDeleteAt']);
    expect(events.filter((t) => t === 'handles-changed' || t === 'handle-closed')).toEqual([]);
    expect(await api.handles({})).toEqual([]);
    expect(store.getState().handles).toEqual([]);
  });
});
