// The whole renderer against the real emulated engine behind the real handler table (test/support/in-process-api.ts),
// including the demo tree the app starts with.
import { screen, waitFor, within } from '@testing-library/react';

import { renderApp } from './test-support/render-app.js';

const toolbar = () => screen.getByRole('toolbar', { name: 'Actions' });
const dialog = (name: string) => screen.getByRole('dialog', { name });

describe('renderer on the emulated engine', () => {
  it('creates a folder and a pinned map through the dialogs and inspects it', async () => {
    const { user } = await renderApp();
    expect(screen.getByLabelText('Engine')).toHaveTextContent('emulated');
    await user.click(within(toolbar()).getByRole('button', { name: 'New folder' }));
    await user.type(within(dialog('New folder')).getByLabelText('Name'), 'tc');
    await user.click(within(dialog('New folder')).getByRole('button', { name: 'Create folder' }));
    await user.click(await screen.findByRole('treeitem', { name: /^tc folder/ }));

    await user.click(within(toolbar()).getByRole('button', { name: 'New map' }));
    const d = dialog('New map');
    await user.type(within(d).getByLabelText('Name'), 'counts');
    await user.type(within(d).getByLabelText('Pin at'), 'counts');
    expect(within(d).getByLabelText('Pin at')).toHaveValue('tc/counts');
    await user.click(within(d).getByRole('button', { name: 'Create map' }));
    await user.click(await screen.findByRole('treeitem', { name: /^counts map hash id \d+/ }));
    const info = await screen.findByRole('table', { name: 'Object' });
    expect(within(info).getByRole('row', { name: /Key size 4 bytes/ })).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Pins' })).toHaveTextContent('tc/counts');
  });

  it('shows the engine refusal (EEXIST) in the dialog and as a notice', async () => {
    const { user } = await renderApp(async ({ api }) => {
      await api.mkdir({ path: 'taken' });
    });
    await user.click(within(toolbar()).getByRole('button', { name: 'New folder' }));
    await user.type(within(dialog('New folder')).getByLabelText('Name'), 'taken');
    await user.click(within(dialog('New folder')).getByRole('button', { name: 'Create folder' }));
    expect(await within(dialog('New folder')).findByRole('alert')).toHaveTextContent('EEXIST');
    expect(within(screen.getByRole('region', { name: 'Notices' })).getByRole('alert')).toHaveTextContent('EEXIST');
  });

  it('says unlinking frees the map once the last handle is closed', async () => {
    let h = { handle: 0 };
    const { user } = await renderApp(async ({ api }) => {
      h = await api.createMap({ type: 'array', name: 'arr', keySize: 4, valueSize: 4, maxEntries: 2, flags: [] });
      await api.pin({ handle: h.handle, path: 'arr' });
    });
    await user.click(await screen.findByRole('button', { name: `Close handle ${h.handle}` }));
    await waitFor(() => expect(screen.queryByRole('button', { name: `Close handle ${h.handle}` })).toBeNull());
    await user.click(screen.getByRole('treeitem', { name: /^arr map array/ }));
    await user.click(within(toolbar()).getByRole('button', { name: 'Unlink' }));
    expect(await within(dialog('Unlink')).findByText(/will be freed/)).toBeInTheDocument();
  });

  it('shows the demo tree the emulated engine starts with, and opens its folders', async () => {
    const { user, api } = await renderApp(undefined, { demo: true });
    const tree = screen.getByRole('tree', { name: 'bpffs tree' });
    const top = (await api.list({ path: '' })).filter((e) => e.kind === 'dir');
    expect(top.length).toBeGreaterThan(0);
    const first = top.map((e) => e.name).sort()[0]!;
    const row = within(tree).getByRole('treeitem', { name: new RegExp(`^${first} folder`) });
    await user.dblClick(row);
    const inside = await api.list({ path: first });
    expect(inside.length).toBeGreaterThan(0);
    expect(await within(tree).findByRole('treeitem', { name: new RegExp(`^${inside[0]!.name} `) })).toHaveAttribute(
      'aria-level',
      '2',
    );
  });
});
