// Dropping an ELF object file from the desktop on a folder, and the keyboard path through "Load object file…",
// against the real emulated engine: the notice lists what was pinned and the pins show in the tree.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';

import { clangSkipReason, compileBpf } from '../../test/support/bpf-objects.js';

import { renderApp } from '../test-support/render-app.js';

const noClang = clangSkipReason();
if (noClang) console.warn(`[object-file.test] skipped: ${noClang}`);

const tree = () => screen.getByRole('tree', { name: 'bpffs tree' });
const item = (name: RegExp) => within(tree()).getByRole('treeitem', { name });
const notices = () => screen.getByRole('region', { name: 'Notices' });

function objectFile(name: string, bytes: Uint8Array): File {
  return new File([bytes.slice()], name, { type: 'application/x-object' });
}

/** A DataTransfer as the desktop's file manager fills it. */
function filesTransfer(files: File[]) {
  return { types: ['Files'], files, dropEffect: 'none', getData: () => '' };
}

describe.skipIf(noClang)('loading an ELF object file', () => {
  it('dropped on a folder: pins its programs and maps there and says what it pinned', async () => {
    await renderApp(async ({ api }) => {
      await api.mkdir({ path: 'xdp' });
    });
    const folder = item(/^xdp folder/);
    const dt = filesTransfer([objectFile('xdp_counter.o', compileBpf('xdp_counter').bytes)]);
    fireEvent.dragOver(folder, { dataTransfer: dt });
    await waitFor(() => expect(item(/^xdp folder/)).toHaveAttribute('data-drop-target', 'true'));
    fireEvent.drop(folder, { dataTransfer: dt });
    const notice = await within(notices()).findByText(/Loaded xdp_counter\.o into xdp\//);
    expect(notice.textContent).toMatch(
      /programs count_protocols \(xdp #\d+\), count_tc \(sched_cls #\d+\); maps proto_counts \(hash #\d+\), tc_packets \(array #\d+\)/,
    );
    for (const name of ['count_protocols', 'count_tc', 'proto_counts', 'tc_packets']) {
      await within(tree()).findByRole('treeitem', { name: new RegExp(`^${name} `) });
    }
    expect(item(/^count_protocols prog xdp/)).toHaveAttribute('aria-level', '2');
    expect(item(/^xdp folder/)).not.toHaveAttribute('data-drop-target');
  });

  it('picked with "Load object file…" from the keyboard: loads into the selected folder', async () => {
    const { user } = await renderApp(async ({ api }) => {
      await api.mkdir({ path: 'tc' });
    });
    await user.click(item(/^tc folder/));
    await user.click(
      within(screen.getByRole('toolbar', { name: 'Actions' })).getByRole('button', { name: 'Load object file…' }),
    );
    const input = document.querySelector<HTMLInputElement>('input[aria-label="Object file to load"]')!;
    expect(input.dataset.objectFilePicker).toBe('tc');
    await user.upload(input, objectFile('xdp_counter.o', compileBpf('xdp_counter').bytes));
    await within(notices()).findByText(/Loaded xdp_counter\.o into tc\//);
    await within(tree()).findByRole('treeitem', { name: /^count_tc prog sched_cls/ });
  });

  it('a truncated object is refused with the reason, and nothing is pinned', async () => {
    const { engine } = await renderApp(async ({ api }) => {
      await api.mkdir({ path: 'xdp' });
    });
    const dt = filesTransfer([objectFile('broken.o', compileBpf('xdp_counter').bytes.subarray(0, 700))]);
    fireEvent.drop(item(/^xdp folder/), { dataTransfer: dt });
    const alert = await within(notices()).findByText(/Loading broken\.o into xdp: Not a valid BPF ELF object/);
    expect(alert.closest('[role="alert"]')?.textContent).toMatch(/EINVAL/);
    expect(await engine.list('xdp')).toEqual([]);
  });

  it('a file bigger than the connection carries is refused before it is sent', async () => {
    const { api } = await renderApp(async ({ api: a }) => {
      await a.mkdir({ path: 'xdp' });
    });
    const load = vi.spyOn(api, 'loadObject');
    fireEvent.drop(item(/^xdp folder/), {
      dataTransfer: filesTransfer([objectFile('huge.o', new Uint8Array(7 * 1024 * 1024))]),
    });
    const alert = await within(notices()).findByText(/huge\.o is 7\.0 MiB; objects up to 6 MiB can be loaded/);
    expect(alert.closest('[role="alert"]')?.textContent).toMatch(/E2BIG/);
    expect(load).not.toHaveBeenCalled();
  });
});
