// The error dialog of a failed object load: the engine's errno, message and hint, and libbpf's log with its
// end in view, the middle collapsed, and the whole log one click away and on the clipboard.
import { act, fireEvent, screen, within } from '@testing-library/react';

import { clangSkipReason, compileBpf } from '../../test/support/bpf-objects.js';

import { renderApp } from '../test-support/render-app.js';

const noClang = clangSkipReason();
if (noClang) console.warn(`[LoadErrorDialog.test] compiled-object test skipped: ${noClang}`);

const tree = () => screen.getByRole('tree', { name: 'bpffs tree' });

const LOG_LINES = [
  "libbpf: prog 'rejected_at_end': BPF program load failed: Permission denied",
  "libbpf: prog 'rejected_at_end': -- BEGIN PROG LOAD LOG --",
  ...Array.from({ length: 400 }, (_, i) => `${i}: (b7) r2 = 1                        ; R2=1`),
  '400: (bf) r0 = r5',
  'R5 !read_ok',
  'processed 401 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0',
  '-- END PROG LOAD LOG --',
  "libbpf: failed to load object 'long_log'",
];
const LOG = `${LOG_LINES.join('\n')}\n`;

describe('load error dialog', () => {
  it.skipIf(noClang)('opens when a dropped object fails: errno, message and hint; Escape closes it', async () => {
    await renderApp(async ({ api }) => {
      await api.mkdir({ path: 'xdp' });
    });
    const bytes = compileBpf('xdp_counter').bytes.subarray(0, 700);
    const file = new File([bytes.slice()], 'broken.o', { type: 'application/x-object' });
    fireEvent.drop(within(tree()).getByRole('treeitem', { name: /^xdp folder/ }), {
      dataTransfer: { types: ['Files'], files: [file], dropEffect: 'none', getData: () => '' },
    });
    const d = await screen.findByRole('dialog', { name: 'Could not load broken.o' });
    const alert = within(d).getByRole('alert');
    expect(alert).toHaveTextContent(/^EINVAL Not a valid BPF ELF object: /);
    expect(alert).toHaveTextContent(/clang -O2 -g -target bpf -c/);
    expect(within(d).getByText('Into xdp/; nothing was pinned.')).toBeInTheDocument();
    expect(within(d).queryByRole('region', { name: 'libbpf log' })).toBeNull();
    fireEvent.keyDown(d, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows the end of a long log with the middle collapsed, and copies the whole log', async () => {
    const { store, user } = await renderApp();
    act(() =>
      store.getState().showLoadFailure({
        fileName: 'long_log.o',
        folder: '',
        error: {
          code: 'EACCES',
          errno: 13,
          message:
            'Loading "long_log.o" failed: the verifier rejected program "rejected_at_end" (EACCES):\nR5 !read_ok',
          hint: "The verifier's last lines say why.",
          log: LOG,
        },
      }),
    );
    const d = await screen.findByRole('dialog', { name: 'Could not load long_log.o' });
    const log = within(d).getByRole('region', { name: 'libbpf log' });
    expect(within(log).getByRole('heading')).toHaveTextContent(`libbpf log, ${LOG_LINES.length} lines`);
    const end = within(log).getByLabelText('End of the log');
    expect(end.textContent?.split('\n').at(-1)).toBe("libbpf: failed to load object 'long_log'");
    expect(end).toHaveTextContent('R5 !read_ok');
    expect(log).toHaveTextContent("libbpf: prog 'rejected_at_end': BPF program load failed");
    expect(log).not.toHaveTextContent(/\b100: \(b7\)/);
    await user.click(within(d).getByRole('button', { name: 'Copy full log' }));
    expect(await navigator.clipboard.readText()).toBe(LOG);
    expect(within(d).getByRole('status')).toHaveTextContent(`Copied ${LOG_LINES.length} lines.`);
    await user.click(within(log).getByRole('button', { name: /lines not shown: show the whole log/ }));
    expect(within(log).getByLabelText('End of the log')).toHaveTextContent(/\b100: \(b7\)/);
    await user.click(within(d).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog', { name: /Could not load/ })).toBeNull();
    expect(store.getState().loadFailure).toBeNull();
  });
});
