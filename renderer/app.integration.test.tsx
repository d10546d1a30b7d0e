// The whole renderer against the real emulated engine behind the real handler table (test/support/in-process-api.ts).
// Skips, saying why, while that engine cannot start yet.
import { screen, waitFor, within } from '@testing-library/react';
import type { ApiClient } from '../shared/contract.js';
import { renderAppWith } from './test-support/render-app.js';

let api: ApiClient | undefined;
let dispose: (() => Promise<void>) | undefined;
let unavailable = '';

beforeEach(async () => {
  try {
    const { createInProcessApi } = await import('../test/support/in-process-api.js');
    ({ api, dispose } = await createInProcessApi());
  } catch (err) {
    unavailable = `the in-process emulated engine did not start: ${err instanceof Error ? err.message : String(err)}`;
  }
});
afterEach(async () => {
  await dispose?.();
  api = undefined;
  dispose = undefined;
});

const toolbar = () => screen.getByRole('toolbar', { name: 'Actions' });
const dialog = (name: string) => screen.getByRole('dialog', { name });

function engineOrSkip(ctx: { skip(note?: string): void }): ApiClient {
  if (!api) {
    console.warn(`skipped: ${unavailable}`);
    ctx.skip(unavailable);
  }
  return api!;
}

describe('renderer on the emulated engine', () => {
  it('creates a folder and a pinned map through the dialogs and inspects it', async (ctx) => {
    const { user } = await renderAppWith(engineOrSkip(ctx));
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

  it('shows the engine refusal (EEXIST) in the dialog and as a notice', async (ctx) => {
    const engine = engineOrSkip(ctx);
    await engine.mkdir({ path: 'taken' });
    const { user } = await renderAppWith(engine);
    await user.click(within(toolbar()).getByRole('button', { name: 'New folder' }));
    await user.type(within(dialog('New folder')).getByLabelText('Name'), 'taken');
    await user.click(within(dialog('New folder')).getByRole('button', { name: 'Create folder' }));
    expect(await within(dialog('New folder')).findByRole('alert')).toHaveTextContent('EEXIST');
    expect(within(screen.getByRole('region', { name: 'Notices' })).getByRole('alert')).toHaveTextContent('EEXIST');
  });

  it('says unlinking frees the map once the last handle is closed', async (ctx) => {
    const engine = engineOrSkip(ctx);
    const h = await engine.createMap({ type: 'array', name: 'arr', keySize: 4, valueSize: 4, maxEntries: 2, flags: [] });
    await engine.pin({ handle: h.handle, path: 'arr' });
    const { user } = await renderAppWith(engine);
    await user.click(await screen.findByRole('button', { name: `Close handle ${h.handle}` }));
    await waitFor(() => expect(screen.queryByRole('button', { name: `Close handle ${h.handle}` })).toBeNull());
    await user.click(screen.getByRole('treeitem', { name: /^arr map array/ }));
    await user.click(within(toolbar()).getByRole('button', { name: 'Unlink' }));
    expect(await within(dialog('Unlink')).findByText(/will be freed/)).toBeInTheDocument();
  });
});
