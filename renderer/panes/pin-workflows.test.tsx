// Drag paths on the tree and their keyboard equivalents, name conflicts, unlink with Undo, recursive removal.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';

import { createInProcessApi } from '../../test/support/in-process-api.js';

import type { PendingUndo } from '../store/undo-slice.js';
import { dragAndDrop } from '../test-support/drag.js';
import { pinnedMap, realParts, renderApp, renderAppWith } from '../test-support/render-app.js';

const item = (name: RegExp) => screen.getByRole('treeitem', { name });
const dialog = (name: string) => screen.getByRole('dialog', { name });

type Api = Parameters<typeof pinnedMap>[0];

async function twoFolders({ api }: { api: Api }) {
  await api.mkdir({ path: 'src' });
  await api.mkdir({ path: 'dst' });
  const h = await pinnedMap(api, 'src/flows', 'flows');
  await api.close({ handle: h.handle });
}

describe('moving and linking tree nodes', () => {
  it('moves a node dropped on another folder', async () => {
    const { engine, store } = await renderApp(twoFolders);
    await act(() => store.getState().expand('src'));
    dragAndDrop(item(/^flows map/), item(/^dst folder/));
    await waitFor(async () => expect((await engine.stat('dst/flows')).object?.name).toBe('flows'));
    await expect(engine.stat('src/flows')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('adds a second pin when Ctrl is held on drop', async () => {
    const { engine, store } = await renderApp(twoFolders);
    await act(() => store.getState().expand('src'));
    dragAndDrop(item(/^flows map/), item(/^dst folder/), { ctrl: true });
    await waitFor(async () => expect((await engine.stat('dst/flows')).nlink).toBe(2));
    expect((await engine.stat('src/flows')).nlink).toBe(2);
  });

  it('highlights the folder under the drag and takes drops on the mount root', async () => {
    const { engine, store } = await renderApp(twoFolders);
    await act(() => store.getState().expand('src'));
    const { dataTransferStub } = await import('../test-support/drag.js');
    const dataTransfer = dataTransferStub();
    fireEvent.dragStart(item(/^flows map/), { dataTransfer });
    fireEvent.dragOver(item(/^dst folder/), { dataTransfer });
    expect(item(/^dst folder/)).toHaveClass('is-drop-target');
    expect(item(/^dst folder/)).toHaveAttribute('aria-dropeffect', 'move');
    const root = screen.getByRole('button', { name: /^Mount root/ });
    fireEvent.dragOver(root, { dataTransfer });
    expect(item(/^dst folder/)).not.toHaveClass('is-drop-target');
    expect(root).toHaveClass('is-drop-target');
    fireEvent.drop(root, { dataTransfer });
    await waitFor(async () => expect((await engine.stat('flows')).object?.name).toBe('flows'));
    expect(screen.getByText(/hold Ctrl or Alt while dropping to add a second pin/)).toBeInTheDocument();
  });

  it('cuts and pastes with Ctrl+X / Ctrl+V, and copies as a second pin with Ctrl+C / Ctrl+V', async () => {
    const { user, engine, store } = await renderApp(twoFolders);
    await act(() => store.getState().expand('src'));
    await user.click(item(/^flows map/));
    await user.keyboard('{Control>}c{/Control}');
    await user.click(item(/^dst folder/));
    await user.keyboard('{Control>}v{/Control}');
    await waitFor(async () => expect((await engine.stat('dst/flows')).nlink).toBe(2));
    await user.click(item(/^src folder/));
    await user.keyboard('{Control>}x{/Control}');
    await user.click(screen.getByRole('button', { name: /^Mount root/ }));
    await user.click(item(/^dst folder/));
    await user.keyboard('{Control>}v{/Control}');
    await waitFor(async () => expect((await engine.stat('dst/src/flows')).nlink).toBe(2));
    await expect(engine.stat('src')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('name conflicts', () => {
  const clash = async ({ api }: { api: Api }) => {
    await twoFolders({ api });
    const other = await pinnedMap(api, 'dst/flows', 'other');
    await api.close({ handle: other.handle });
  };
  const dropIntoDst = async (store: Awaited<ReturnType<typeof renderApp>>['store']) => {
    await act(() => store.getState().expand('src'));
    dragAndDrop(item(/^flows map/), item(/^dst folder/));
    return screen.findByRole('dialog', { name: 'Name taken' });
  };

  it('replaces what is there', async () => {
    const { user, engine, store } = await renderApp(clash);
    const d = await dropIntoDst(store);
    expect(d).toHaveTextContent('EEXIST');
    await user.click(within(d).getByRole('button', { name: 'Replace' }));
    await waitFor(async () => expect((await engine.stat('dst/flows')).object?.name).toBe('flows'));
    await expect(engine.stat('src/flows')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('keeps both under a free name', async () => {
    const { user, engine, store } = await renderApp(clash);
    const d = await dropIntoDst(store);
    await user.click(within(d).getByRole('button', { name: 'Keep both (as dst/flows_2)' }));
    await waitFor(async () => expect((await engine.stat('dst/flows_2')).object?.name).toBe('flows'));
    expect((await engine.stat('dst/flows')).object?.name).toBe('other');
  });

  it('cancels and changes nothing', async () => {
    const { user, engine, store } = await renderApp(clash);
    const d = await dropIntoDst(store);
    await user.click(within(d).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((await engine.stat('src/flows')).object?.name).toBe('flows');
    expect((await engine.stat('dst/flows')).object?.name).toBe('other');
  });
});

describe('pinning a handle by drag', () => {
  it('opens "Pin here" for a handle dropped on a folder and pins it', async () => {
    const { user, engine } = await renderApp(async ({ api }) => {
      await api.mkdir({ path: 'dst' });
      await api.createMap({ type: 'array', name: 'fresh', keySize: 4, valueSize: 4, maxEntries: 1, flags: [] });
    });
    const handle = within(screen.getByRole('list', { name: 'Open handles' })).getAllByRole('listitem')[0]!;
    dragAndDrop(handle, item(/^dst folder/));
    const d = dialog('Pin here');
    expect(within(d).getByLabelText('Name')).toHaveValue('fresh');
    await user.click(within(d).getByRole('button', { name: 'Pin' }));
    await waitFor(async () => expect((await engine.stat('dst/fresh')).object?.name).toBe('fresh'));
  });

  it('pins a handle through "Pin to…"', async () => {
    const { user, engine } = await renderApp(async ({ api }) => {
      await api.createMap({ type: 'array', name: 'fresh', keySize: 4, valueSize: 4, maxEntries: 1, flags: [] });
    });
    await user.click(screen.getByRole('button', { name: 'Pin handle 1 to…' }));
    await user.click(within(dialog('Pin to')).getByRole('button', { name: 'Pin' }));
    await waitFor(async () => expect((await engine.stat('fresh')).object?.name).toBe('fresh'));
  });
});

describe('unlink with Undo', () => {
  const lonely = async ({ api }: { api: Api }) => {
    const h = await pinnedMap(api, 'lonely');
    await api.close({ handle: h.handle });
  };

  it('restores the pin, same object, when Undo is pressed within the window', async () => {
    const { user, engine } = await renderApp(lonely);
    const { id } = (await engine.stat('lonely')).object!;
    await user.click(item(/^lonely/));
    await user.click(within(screen.getByRole('toolbar', { name: 'Actions' })).getByRole('button', { name: 'Unlink' }));
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Unlink' })).getByRole('button', { name: 'Unlink' }),
    );
    const toast = await screen.findByRole('status', { name: 'Undo unlink' });
    expect(toast).toHaveTextContent('Undo within 10 s');
    await waitFor(() => expect(screen.queryByRole('treeitem', { name: /^lonely/ })).toBeNull());
    await user.click(within(toast).getByRole('button', { name: 'Undo' }));
    expect(await screen.findByRole('treeitem', { name: /^lonely/ })).toBeInTheDocument();
    expect((await engine.stat('lonely')).object?.id).toBe(id);
    expect(screen.queryByRole('status', { name: 'Undo unlink' })).toBeNull();
  });

  it('counts down and goes away when the window ends', async () => {
    const { store } = await renderApp(lonely);
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    try {
      await act(() => store.getState().unlinkWithUndo('lonely'));
      expect(screen.getByRole('status', { name: 'Undo unlink' })).toHaveTextContent('Undo within 10 s');
      await act(async () => {
        vi.advanceTimersByTime(4_000);
      });
      expect(screen.getByRole('status', { name: 'Undo unlink' })).toHaveTextContent('Undo within 6 s');
      await act(async () => {
        vi.advanceTimersByTime(6_000);
      });
      expect(screen.queryByRole('status', { name: 'Undo unlink' })).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('says so when the window has passed in main (the object is gone)', async () => {
    const { user, engine, store } = await renderApp(lonely, { undoWindowMs: 20 });
    const { id } = (await engine.stat('lonely')).object!;
    // Kept as soon as it is offered: on a slow machine the renderer's own 20 ms countdown may clear it first.
    let offered: PendingUndo[] = [];
    const stop = store.subscribe((s) => {
      if (offered.length === 0) offered = s.undos;
    });
    await act(() => store.getState().unlinkWithUndo('lonely'));
    stop();
    expect(offered).toHaveLength(1);
    await waitFor(async () => expect(await engine.objectAlive('map', id)).toBe(false));
    // A toast still shown after main's window has passed: pressing Undo then reports ENOENT.
    act(() => store.setState({ undos: offered.map((u) => ({ ...u, deadline: Date.now() + 60_000 })) }));
    await user.click(
      within(await screen.findByRole('status', { name: 'Undo unlink' })).getByRole('button', { name: 'Undo' }),
    );
    const notices = screen.getByRole('region', { name: 'Notices' });
    expect(await within(notices).findByText('ENOENT')).toBeInTheDocument();
    expect(within(notices).getByText(/undo window has passed/)).toBeInTheDocument();
  });

  it('keeps its Undo when the name was taken meanwhile, and restores once the name is free', async () => {
    const { user, engine, store } = await renderApp(lonely);
    const { id } = (await engine.stat('lonely')).object!;
    await act(() => store.getState().unlinkWithUndo('lonely'));
    await engine.mkdir('lonely');
    const toast = await screen.findByRole('status', { name: 'Undo unlink' });
    await user.click(within(toast).getByRole('button', { name: 'Undo' }));
    const notices = screen.getByRole('region', { name: 'Notices' });
    expect(await within(notices).findByText(/taken by something else/)).toBeInTheDocument();
    expect(screen.getByRole('status', { name: 'Undo unlink' })).toHaveTextContent('lonely');
    await engine.rmdir('lonely');
    await user.click(within(screen.getByRole('status', { name: 'Undo unlink' })).getByRole('button', { name: 'Undo' }));
    expect(await screen.findByRole('treeitem', { name: /^lonely map/ })).toBeInTheDocument();
    expect((await engine.stat('lonely')).object?.id).toBe(id);
  });

  it('shows one Undo per unlinked pin, each undoing its own', async () => {
    const { user, engine, store } = await renderApp(async ({ api }) => {
      for (const name of ['first', 'second']) await api.close({ handle: (await pinnedMap(api, name)).handle });
    });
    await act(() => store.getState().unlinkWithUndo('first'));
    await act(() => store.getState().unlinkWithUndo('second'));
    const toasts = await screen.findAllByRole('status', { name: 'Undo unlink' });
    expect(toasts.map((t) => t.textContent)).toEqual([
      expect.stringContaining('first'),
      expect.stringContaining('second'),
    ]);
    await user.click(within(toasts[1]!).getByRole('button', { name: 'Undo' }));
    expect(await screen.findByRole('treeitem', { name: /^second map/ })).toBeInTheDocument();
    await expect(engine.stat('first')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(screen.getByRole('status', { name: 'Undo unlink' })).toHaveTextContent('first');
  });

  it('offers Undo for pins an earlier bpfscope held on this mount, and restores them in the tree', async () => {
    const earlier = await realParts();
    const h = await pinnedMap(earlier.api, 'lonely');
    await earlier.api.close({ handle: h.handle });
    await earlier.api.unlinkWithUndo({ path: 'lonely' });
    // A new bpfscope (new handler table, no state) on the same mount, and a page that connects to it.
    const later = await createInProcessApi({ engine: earlier.engine });
    const { user } = await renderAppWith(later.api);
    const toast = await screen.findByRole('status', { name: 'Undo unlink' });
    expect(toast).toHaveTextContent(/Unlinked lonely\. Undo within (9|10) s/);
    expect(screen.queryByRole('treeitem', { name: /^lonely/ })).toBeNull();
    await user.click(within(toast).getByRole('button', { name: 'Undo' }));
    expect(await screen.findByRole('treeitem', { name: /^lonely map/ })).toBeInTheDocument();
    expect((await earlier.engine.stat('lonely')).object?.id).toBe(h.id);
  });
});

describe('removing a folder with its contents', () => {
  it('lists the entries and the objects it frees, then removes them all', async () => {
    const { user, engine } = await renderApp(async ({ api }) => {
      await api.mkdir({ path: 'top' });
      await api.mkdir({ path: 'top/sub' });
      const a = await pinnedMap(api, 'top/sub/only_here', 'only_here');
      await api.close({ handle: a.handle });
      const b = await pinnedMap(api, 'top/shared', 'shared');
      await api.close({ handle: b.handle });
      await api.link({ from: 'top/shared', to: 'kept' });
    });
    await user.click(item(/^top folder/));
    await user.click(
      within(screen.getByRole('toolbar', { name: 'Actions' })).getByRole('button', { name: 'Remove folder' }),
    );
    await user.click(within(dialog('Remove folder')).getByRole('button', { name: 'Remove folder' }));
    await user.click(await within(dialog('Remove folder')).findByRole('button', { name: 'Remove with contents…' }));
    const d = dialog('Remove folder and contents');
    const freed = await within(d).findByRole('list', { name: 'Objects freed' });
    expect(
      within(freed)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([expect.stringMatching(/^map hash "only_here" id \d+$/)]);
    expect(
      within(within(d).getByRole('list', { name: 'Entries to remove' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['top/shared', 'top/sub/only_here', 'top/sub', 'top']);
    await user.click(within(d).getByRole('button', { name: 'Remove all' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await expect(engine.stat('top')).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await engine.stat('kept')).object?.name).toBe('shared');
    await waitFor(() => expect(screen.queryByRole('treeitem', { name: /^top folder/ })).toBeNull());
  });
});
