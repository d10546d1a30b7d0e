// Programs whose names are longer than the kernel's 15 characters show their whole name (BTF func_info)
// with the kernel's name beside it: in the tree, the Objects pane, the details and the disassembly.
import { screen, within } from '@testing-library/react';

import { clangSkipReason, compileBpf } from '../../test/support/bpf-objects.js';

import { renderApp } from '../test-support/render-app.js';

const noClang = clangSkipReason();
if (noClang) console.warn(`[object-names.test] skipped: ${noClang}`);

const tree = () => screen.getByRole('tree', { name: 'bpffs tree' });

describe.skipIf(noClang)('long program names', () => {
  it('show in full beside the kernel name everywhere a program is named', { timeout: 30_000 }, async () => {
    const { user } = await renderApp(async ({ api }) => {
      await api.mkdir({ path: 'redir' });
      await api.loadObject({ folder: 'redir', fileName: 'long_names.o', data: compileBpf('long_names').bytes });
    });
    await user.click(within(tree()).getByRole('treeitem', { name: /^redir folder/ }));
    await user.keyboard('{ArrowRight}');
    const row = await within(tree()).findByRole('treeitem', { name: /^trace_xdp_redirect_map_err prog/ });
    expect(row).toHaveTextContent(/xdp #\d+ trace_xdp_redirect_map_err \(kernel: trace_xdp_redir\)$/);
    const short = within(tree()).getByRole('treeitem', { name: /^trace_xdp_redirect prog/ });
    expect(short).toHaveTextContent(/xdp #\d+ trace_xdp_redirect \(kernel: trace_xdp_redir\)$/);

    await user.click(row);
    const info = await screen.findByRole('table', { name: 'Object' });
    expect(within(info).getByRole('row', { name: 'Name trace_xdp_redirect_map_err' })).toBeInTheDocument();
    expect(within(info).getByRole('row', { name: 'Kernel name trace_xdp_redir' })).toBeInTheDocument();
    expect(
      await screen.findByRole('heading', { name: /^Instructions of trace_xdp_redirect_map_err \(xlated/ }),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'Objects' }));
    const objects = screen.getByRole('table', { name: 'Live objects' });
    const entry = await within(objects).findByRole('row', {
      name: /^prog trace_xdp_redirect_map_err \(kernel name trace_xdp_redir\) id \d+$/,
    });
    expect(entry).toHaveTextContent('trace_xdp_redirect_map_err (kernel: trace_xdp_redir)');
    await user.type(screen.getByRole('searchbox', { name: 'Filter objects' }), 'redirect_map');
    const names = within(objects)
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.getAttribute('aria-label')?.split(' ')[1]);
    expect(names.sort()).toEqual(['trace_xdp_redirect_map', 'trace_xdp_redirect_map_err']);
  });
});
