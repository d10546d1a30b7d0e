import { screen, waitFor, within } from '@testing-library/react';

import { pinnedMap, renderApp } from '../test-support/render-app.js';

const dialog = (name: string) => screen.getByRole('dialog', { name });
const toolbar = () => screen.getByRole('toolbar', { name: 'Actions' });
const notices = () => screen.getByRole('region', { name: 'Notices' });

describe('New folder dialog', () => {
  it('shows EPERM for a dotted name and keeps submit disabled', async () => {
    const { user } = await renderApp();
    await user.click(within(toolbar()).getByRole('button', { name: 'New folder' }));
    const d = dialog('New folder');
    await user.type(within(d).getByLabelText('Name'), 'my.maps');
    expect(within(d).getByText('EPERM')).toBeInTheDocument();
    expect(within(d).getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
    expect(within(d).getByRole('button', { name: 'Create folder' })).toBeDisabled();
  });

  it('shows ENAMETOOLONG for a name over 255 bytes', async () => {
    const { user } = await renderApp();
    await user.click(within(toolbar()).getByRole('button', { name: 'New folder' }));
    const d = dialog('New folder');
    await user.click(within(d).getByLabelText('Name'));
    await user.paste('x'.repeat(256));
    expect(within(d).getByText('ENAMETOOLONG')).toBeInTheDocument();
    expect(within(d).getByRole('button', { name: 'Create folder' })).toBeDisabled();
  });

  it('creates the folder and shows it in the tree', async () => {
    const { user, engine } = await renderApp();
    await user.click(within(toolbar()).getByRole('button', { name: 'New folder' }));
    await user.type(within(dialog('New folder')).getByLabelText('Name'), 'globals');
    await user.click(within(dialog('New folder')).getByRole('button', { name: 'Create folder' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByRole('treeitem', { name: /^globals folder/ })).toBeInTheDocument();
    expect((await engine.stat('globals')).kind).toBe('dir');
  });

  it('keeps the dialog open with the kernel errno when the engine refuses, and adds a notice', async () => {
    const { user } = await renderApp(async ({ api }) => {
      await api.mkdir({ path: 'taken' });
    });
    await user.click(within(toolbar()).getByRole('button', { name: 'New folder' }));
    const d = dialog('New folder');
    await user.type(within(d).getByLabelText('Name'), 'taken');
    await user.click(within(d).getByRole('button', { name: 'Create folder' }));
    const refusal = await within(d).findByRole('alert');
    expect(refusal).toHaveTextContent('EEXIST');
    expect(within(d).getByLabelText('Name')).toHaveValue('taken');
    const notice = within(notices()).getByRole('alert');
    expect(notice).toHaveTextContent('EEXIST');
    expect(notice).toHaveTextContent(/already/);
    expect(notice).toHaveTextContent(/choose another name/);
    await user.click(within(notice).getByRole('button', { name: 'Dismiss notice' }));
    expect(within(notices()).queryByRole('alert')).toBeNull();
  });
});

describe('New map dialog', () => {
  it('applies the per-type key size rule: array keys are 4 bytes (EINVAL)', async () => {
    const { user } = await renderApp();
    await user.click(within(toolbar()).getByRole('button', { name: 'New map' }));
    const d = dialog('New map');
    await user.selectOptions(within(d).getByLabelText('Type'), 'array');
    await user.type(within(d).getByLabelText('Pin at'), 'arr');
    const key = within(d).getByLabelText('Key size');
    await user.clear(key);
    await user.type(key, '8');
    expect(key).toHaveAttribute('aria-invalid', 'true');
    expect(within(d).getByText(/Arrays need key_size 4/)).toBeInTheDocument();
    expect(within(d).getByRole('button', { name: 'Create map' })).toBeDisabled();
    await user.clear(key);
    await user.type(key, '4');
    expect(within(d).getByRole('button', { name: 'Create map' })).toBeEnabled();
  });

  it('rejects object names over 15 characters or with a dash (EINVAL)', async () => {
    const { user } = await renderApp();
    await user.click(within(toolbar()).getByRole('button', { name: 'New map' }));
    const d = dialog('New map');
    await user.type(within(d).getByLabelText('Name'), 'a_much_too_long_name');
    expect(within(d).getByText(/at most 15 characters/)).toBeInTheDocument();
    await user.clear(within(d).getByLabelText('Name'));
    await user.type(within(d).getByLabelText('Name'), 'bad-name');
    expect(within(d).getByText(/only contain letters/)).toBeInTheDocument();
  });

  it('creates and pins; when the pin is refused the handle stays and the notice says so', async () => {
    const { user, store, engine } = await renderApp(async ({ api }) => {
      await api.mkdir({ path: 'busy' });
    });
    await user.click(within(toolbar()).getByRole('button', { name: 'New map' }));
    const d = dialog('New map');
    await user.type(within(d).getByLabelText('Name'), 'counts');
    await user.type(within(d).getByLabelText('Pin at'), 'busy');
    await user.click(within(d).getByRole('button', { name: 'Create map' }));
    expect(await within(d).findByRole('alert')).toHaveTextContent('EEXIST');
    expect(within(d).getByRole('alert')).toHaveTextContent(/created as handle 1/);
    expect(store.getState().handles.map((h) => h.name)).toEqual(['counts']);
    expect(within(notices()).getByRole('alert')).toHaveTextContent(
      /Map created as handle 1, but pinning it at "busy" failed/,
    );
    const pinAt = within(d).getByLabelText('Pin at');
    await user.clear(pinAt);
    await user.type(pinAt, 'counts');
    await user.click(within(d).getByRole('button', { name: 'Pin' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(store.getState().handles).toHaveLength(1);
    expect(await screen.findByRole('treeitem', { name: /^counts map hash/ })).toBeInTheDocument();
    expect((await engine.stat('counts')).object).toMatchObject({ kind: 'map', type: 'hash', name: 'counts' });
  });
});

describe('Load program dialog', () => {
  it('loads an XDP_PASS program and pins it', async () => {
    const { user, engine } = await renderApp();
    await user.click(within(toolbar()).getByRole('button', { name: 'Load program' }));
    const d = dialog('Load program');
    expect(within(d).getByLabelText('Template')).toHaveDisplayValue(/XDP_PASS/);
    await user.type(within(d).getByLabelText('Name'), 'pass');
    await user.type(within(d).getByLabelText('Pin at'), 'xdp_pass');
    await user.click(within(d).getByRole('button', { name: 'Load program' }));
    expect(await screen.findByRole('treeitem', { name: /^xdp_pass prog xdp/ })).toBeInTheDocument();
    expect((await engine.stat('xdp_pass')).object).toMatchObject({ kind: 'prog', type: 'xdp', name: 'pass' });
  });

  it('refuses custom instructions that are not whole 8-byte instructions', async () => {
    const { user } = await renderApp();
    await user.click(within(toolbar()).getByRole('button', { name: 'Load program' }));
    const d = dialog('Load program');
    await user.selectOptions(within(d).getByLabelText('Template'), 'custom');
    const hex = within(d).getByLabelText('Instructions (hex)');
    await user.clear(hex);
    await user.type(hex, 'b7000000');
    expect(within(d).getByText(/8 bytes each/)).toBeInTheDocument();
    expect(within(d).getByRole('button', { name: 'Load program' })).toBeDisabled();
  });
});

describe('Unlink, Rename and Get dialogs', () => {
  it('warns that unlinking the last reference frees the object', async () => {
    const { user, api, engine } = await renderApp(
      async ({ api: a }) => {
        const h = await pinnedMap(a, 'lonely');
        await a.close({ handle: h.handle });
      },
      { undoWindowMs: 50 },
    );
    const { id } = (await engine.stat('lonely')).object!;
    await user.click(screen.getByRole('treeitem', { name: /^lonely/ }));
    await user.click(within(toolbar()).getByRole('button', { name: 'Unlink' }));
    const d = dialog('Unlink');
    expect(await within(d).findByText(/will be freed/)).toBeInTheDocument();
    await user.click(within(d).getByRole('button', { name: 'Unlink' }));
    await waitFor(() => expect(screen.queryByRole('treeitem', { name: /^lonely/ })).toBeNull());
    expect((await api.list({ path: '' })).map((e) => e.name)).toEqual(['maps.debug', 'progs.debug']);
    // Freed once the (here shortened) undo window passes.
    await waitFor(async () => expect(await engine.objectAlive('map', id)).toBe(false));
  });

  it('says the object stays alive when a handle still holds it', async () => {
    const { user } = await renderApp(async ({ api }) => {
      await pinnedMap(api, 'held');
    });
    await user.click(screen.getByRole('treeitem', { name: /^held/ }));
    await user.click(within(toolbar()).getByRole('button', { name: 'Unlink' }));
    expect(await within(dialog('Unlink')).findByText(/stays alive, held by handle 1/)).toBeInTheDocument();
  });

  it('renames with noreplace and shows EPERM for a dotted new name', async () => {
    const { user, engine } = await renderApp(async ({ api }) => {
      await pinnedMap(api, 'old');
    });
    await user.click(screen.getByRole('treeitem', { name: /^old/ }));
    await user.click(within(toolbar()).getByRole('button', { name: 'Rename' }));
    const d = dialog('Rename old');
    expect(within(d).getByLabelText('Fail if it exists')).toBeChecked();
    const name = within(d).getByLabelText('New name');
    await user.clear(name);
    await user.type(name, 'new.name');
    expect(within(d).getByText('EPERM')).toBeInTheDocument();
    await user.clear(name);
    await user.type(name, 'renamed');
    await user.click(within(d).getByRole('button', { name: 'Rename' }));
    expect(await screen.findByRole('treeitem', { name: /^renamed map/ })).toBeInTheDocument();
    expect(screen.queryByRole('treeitem', { name: /^old / })).toBeNull();
    await expect(engine.stat('old')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('gets a read-only handle that shows in the Handles pane', async () => {
    const { user, api } = await renderApp(async ({ api: a }) => {
      const h = await pinnedMap(a, 'shared');
      await a.close({ handle: h.handle });
    });
    await user.click(screen.getByRole('treeitem', { name: /^shared/ }));
    await user.click(within(toolbar()).getByRole('button', { name: 'Get' }));
    const d = dialog('Get');
    expect(within(d).getByLabelText('Path')).toHaveValue('shared');
    await user.selectOptions(within(d).getByLabelText('Access'), 'ro');
    await user.click(within(d).getByRole('button', { name: 'Get handle' }));
    const handles = await screen.findByRole('list', { name: 'Open handles' });
    expect(handles).toHaveTextContent(/read-only · get from shared/);
    expect(await api.handles({})).toMatchObject([{ access: 'ro', origin: 'get', path: 'shared' }]);
  });
});

describe('Remove folder and refused renames', () => {
  it("shows the kernel's ENOTEMPTY for a folder whose contents were never loaded, and keeps it", async () => {
    const { user, engine } = await renderApp(async ({ api }) => {
      await api.mkdir({ path: 'tc' });
      await api.mkdir({ path: 'tc/globals' });
    });
    await user.click(screen.getByRole('treeitem', { name: /^tc folder/ }));
    await user.click(within(toolbar()).getByRole('button', { name: 'Remove folder' }));
    const d = dialog('Remove folder');
    await user.click(within(d).getByRole('button', { name: 'Remove folder' }));
    expect(await within(d).findByRole('alert')).toHaveTextContent('ENOTEMPTY');
    expect(within(notices()).getByRole('alert')).toHaveTextContent(/Removing folder "tc"/);
    expect((await engine.stat('tc/globals')).kind).toBe('dir');
  });

  it('removes an empty folder and clears the selection', async () => {
    const { user, engine, store } = await renderApp(async ({ api }) => {
      await api.mkdir({ path: 'empty' });
    });
    await user.click(screen.getByRole('treeitem', { name: /^empty folder/ }));
    await user.click(within(toolbar()).getByRole('button', { name: 'Remove folder' }));
    await user.click(within(dialog('Remove folder')).getByRole('button', { name: 'Remove folder' }));
    await waitFor(() => expect(screen.queryByRole('treeitem', { name: /^empty folder/ })).toBeNull());
    expect(store.getState().selected).toBeNull();
    await expect(engine.stat('empty')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses to rename over an existing name with noreplace (EEXIST) and leaves both in place', async () => {
    const { user, engine } = await renderApp(async ({ api }) => {
      await pinnedMap(api, 'first', 'first');
      await pinnedMap(api, 'second', 'second');
    });
    await user.click(screen.getByRole('treeitem', { name: /^first map/ }));
    await user.click(within(toolbar()).getByRole('button', { name: 'Rename' }));
    const d = dialog('Rename first');
    const name = within(d).getByLabelText('New name');
    await user.clear(name);
    await user.type(name, 'second');
    await user.click(within(d).getByRole('button', { name: 'Rename' }));
    expect(await within(d).findByRole('alert')).toHaveTextContent('EEXIST');
    expect((await engine.stat('first')).object?.name).toBe('first');
    expect((await engine.stat('second')).object?.name).toBe('second');
  });
});
