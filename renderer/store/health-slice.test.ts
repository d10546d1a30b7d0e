// Unlinking several findings' pins at once against the real emulated engine: one pending Undo for the set, which
// restores every pin; a pin that cannot go is refused by name while the others still go and stay undoable.
import { initStore, realParts } from '../test-support/render-app.js';

async function setup() {
  const parts = await realParts();
  for (const name of ['a', 'b']) {
    const h = await parts.api.createMap({ type: 'hash', name, keySize: 4, valueSize: 8, maxEntries: 8, flags: [] });
    await parts.api.pin({ handle: h.handle, path: name });
    await parts.api.close({ handle: h.handle });
  }
  return { ...parts, store: await initStore(parts.api) };
}

const exists = (api: Awaited<ReturnType<typeof realParts>>['api'], path: string) =>
  api.stat({ path }).then(
    () => true,
    () => false,
  );

describe('unlinking findings together', () => {
  it('leaves one Undo for the set, and that Undo pins every one again', async () => {
    const { api, store } = await setup();
    await store.getState().unlinkAllWithUndo(['a', 'b']);
    expect(await exists(api, 'a')).toBe(false);
    expect(await exists(api, 'b')).toBe(false);
    const { undos } = store.getState();
    expect(undos).toHaveLength(1);
    expect(undos[0]?.group?.map((g) => g.path)).toEqual(['a', 'b']);
    await store.getState().undoUnlink(undos[0]!.token);
    expect(await exists(api, 'a')).toBe(true);
    expect(await exists(api, 'b')).toBe(true);
    expect(store.getState().undos).toEqual([]);
  });

  it('a pin that is gone already is refused with ENOENT; the others go and their Undo stays', async () => {
    const { api, store } = await setup();
    await expect(store.getState().unlinkAllWithUndo(['a', 'gone', 'b'])).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await exists(api, 'a')).toBe(false);
    expect(store.getState().undos[0]?.group?.map((g) => g.path)).toEqual(['a', 'b']);
    await store.getState().undoUnlink(store.getState().undos[0]!.token);
    expect(await exists(api, 'b')).toBe(true);
  });

  it('an object file that is not ELF is refused in a notice and no object is kept for later checks', async () => {
    const { store } = await setup();
    await store
      .getState()
      .checkAgainstObject({ fileName: 'notes.txt', data: Uint8Array.from('hello', (c) => c.charCodeAt(0)) });
    expect(store.getState().healthObject).toBeNull();
    expect(store.getState().notices.at(-1)).toMatchObject({
      level: 'error',
      code: 'EINVAL',
      message: expect.stringContaining('"notes.txt" cannot be checked'),
    });
  });
});
