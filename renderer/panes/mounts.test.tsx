import { screen, waitFor, within } from '@testing-library/react';

import { renderApp } from '../test-support/render-app.js';

const CONTAINER = /^\/sys\/fs\/bpf \(mnt ns 4026532301, pid 2417 containerd-shim\)$/;
const CONTAINER_ROOT = /^Mount root \/sys\/fs\/bpf \(mnt ns 4026532301/;
const treeNames = () =>
  within(screen.getByRole('tree', { name: 'bpffs tree' }))
    .queryAllByRole('treeitem')
    .map((r) => r.getAttribute('aria-label') ?? '');

describe('mounts', () => {
  it("lists the demo host's mounts with options and processes, and switches the tree to the container's", async () => {
    const { user } = await renderApp(undefined, { demo: true });
    await user.click(screen.getByRole('tab', { name: 'Mounts' }));
    const list = await screen.findByRole('list', { name: 'bpffs mounts' });
    const items = await within(list).findAllByRole('listitem');
    expect(items.map((i) => i.getAttribute('aria-label'))).toEqual(['/sys/fs/bpf', expect.stringMatching(CONTAINER)]);
    const container = items[1]!;
    expect(within(container).getByLabelText('Root folder')).toHaveTextContent(/drwxr-x--T/);
    expect(within(container).getByLabelText('Root folder')).toHaveTextContent(/uid=1000,gid=1000,mode=750/);
    expect(within(container).getByLabelText('Token delegation')).toHaveTextContent(
      'delegate_cmdsmap_create, prog_load, obj_pin, obj_getdelegate_mapshash, array, ringbufdelegate_progssocket_filter, xdpdelegate_attachsany',
    );
    expect(within(container).getByLabelText('Processes')).toHaveTextContent(
      'Seen by 2 processes: 2417 containerd-shim, 2440 flow-agent.',
    );
    expect(within(items[0]!).getByText(/No BPF token delegation/)).toBeInTheDocument();

    await user.click(within(container).getByRole('button', { name: 'Show in tree' }));
    await waitFor(() => expect(screen.getByLabelText('Mount shown')).toHaveTextContent(CONTAINER));
    expect(screen.getByRole('button', { name: CONTAINER_ROOT })).toBeInTheDocument();
    await waitFor(() => expect(treeNames().some((n) => n.includes('flow_table'))).toBe(true));
    expect(treeNames().some((n) => n.includes('tc'))).toBe(false);

    // The picker above the tree goes back to the host's mount.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Mount' }), '/sys/fs/bpf');
    await waitFor(() => expect(screen.getByLabelText('Mount shown')).toHaveTextContent(/^\/sys\/fs\/bpf$/));
    await waitFor(() => expect(treeNames().some((n) => n.includes('flow_table'))).toBe(false));
  });
});
