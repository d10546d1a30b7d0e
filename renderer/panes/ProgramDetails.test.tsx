// Program and link details in the Details pane, on the real emulated engine behind the real handlers.
import { act, screen, waitFor, within } from '@testing-library/react';

import type { ApiClient } from '../../shared/contract.js';

import type { EmulatedEngine } from '../../main/engine/emulated/engine.js';
import type { LinkObject } from '../../main/engine/emulated/objects.js';
import { trafficTick } from '../../main/engine/emulated/traffic.js';
import { pinCounterProgram } from '../../test/support/programs.js';

import { renderApp } from '../test-support/render-app.js';

/** An XDP program that looks up key 0 in the map pinned at tc/hits; the program is pinned at `counter`. */
async function counterProgram(api: ApiClient): Promise<void> {
  await api.mkdir({ path: 'tc' });
  await pinCounterProgram(api, 'tc/hits', 'counter');
}

/** An xdp link on the program pinned at `counter`, pinned at xdp_link (the emulator has no attach syscall). */
function xdpLink(engine: EmulatedEngine): void {
  const prog = engine.objects.all().find((o) => o.kind === 'prog' && o.name === 'counter');
  if (prog?.kind !== 'prog') throw new Error('the counter program is not loaded');
  const link: LinkObject = {
    kind: 'link',
    id: engine.objects.allocId('link'),
    type: 'xdp',
    prog,
    attach: { ifindex: 2 },
    refcnt: 0,
  };
  engine.objects.hold(prog, false);
  engine.objects.register(link);
  engine.pinObject(link, 'xdp_link');
}

const details = () => screen.getByRole('region', { name: 'Details' });

describe('program details', () => {
  it('shows the disassembly in bpftool syntax with the map reference linked to its pin', async () => {
    const { store, user } = await renderApp(async ({ api }) => counterProgram(api));
    await act(() => store.getState().select('counter'));
    const disasm = await screen.findByLabelText('Disassembly');
    expect(disasm).toHaveTextContent('0: (62) *(u32 *)(r10 -4) = 0');
    // The array lookup is inlined, as the kernel does.
    expect(disasm).toHaveTextContent('7: (35) if r0 >= 0x1 goto pc+3');
    expect(disasm).toHaveTextContent('12: (15) if r0 == 0x0 goto pc+1');
    expect(disasm).toHaveTextContent('3: (18) r1 = map[hits]');
    // Tag and verified instructions stand once, in the object's info table; the program table adds the run counters.
    expect(within(details()).getAllByRole('row', { name: /^Tag [0-9a-f]{16}$/ })).toHaveLength(1);
    expect(within(details()).getAllByRole('row', { name: /^Verified instructions \d+$/ })).toHaveLength(1);
    const table = screen.getByRole('table', { name: 'Program details' });
    expect(within(table).getByRole('row', { name: /Run count 0/ })).toBeInTheDocument();
    expect(within(table).getByRole('row', { name: /Average per run —/ })).toBeInTheDocument();
    await user.click(within(disasm).getByRole('button', { name: 'map[hits]' }));
    await waitFor(() => expect(store.getState().selected).toBe('tc/hits'));
    expect(await within(details()).findByRole('table', { name: 'Map entries' })).toBeInTheDocument();
  });

  it('collects run statistics while the toggle is on and shows the counters and a rate', async () => {
    const { store, user, engine } = await renderApp(async ({ api }) => counterProgram(api));
    const emulated = engine as EmulatedEngine;
    await act(() => store.getState().select('counter'));
    const toggle = await screen.findByRole('checkbox', { name: 'Collect run statistics' });
    expect(toggle).not.toBeChecked();
    await user.click(toggle);
    await waitFor(() => expect(toggle).toBeChecked());
    expect(emulated.statsTokens.size).toBe(1);
    act(() => trafficTick(emulated));
    const table = screen.getByRole('table', { name: 'Program details' });
    await waitFor(() => expect(within(table).getByRole('row', { name: /Run count [1-9]/ })).toBeInTheDocument(), {
      timeout: 5000,
    });
    expect(within(table).getByRole('row', { name: /Average per run [\d,]+ ns/ })).toBeInTheDocument();
    expect(screen.getByLabelText('Run rate')).toHaveTextContent(/runs\/s|Measuring/);
    await user.click(toggle);
    await waitFor(() => expect(toggle).not.toBeChecked());
    expect(emulated.statsTokens.size).toBe(0);
    expect(screen.queryByLabelText('Run rate')).toBeNull();
  });
});

describe('link details', () => {
  it('shows the attach target and the linked program, linked to its pin', async () => {
    const { store, user } = await renderApp(async ({ api, engine }) => {
      await counterProgram(api);
      xdpLink(engine as EmulatedEngine);
    });
    await act(() => store.getState().select('xdp_link'));
    expect(await screen.findByLabelText('Attach target', { selector: 'p' })).toHaveTextContent(
      'Attached to ifindex 2.',
    );
    const prog = screen.getByLabelText('Linked program');
    expect(prog).toHaveTextContent('xdp program "counter"');
    await user.click(within(prog).getByRole('button', { name: 'counter' }));
    await waitFor(() => expect(store.getState().selected).toBe('counter'));
    expect(await screen.findByLabelText('Disassembly')).toBeInTheDocument();
  });

  it("the Unlink dialog for a link's last pin says what it detaches", async () => {
    const { store } = await renderApp(async ({ api, engine }) => {
      await counterProgram(api);
      xdpLink(engine as EmulatedEngine);
    });
    act(() => store.getState().openDialog('unlink', 'xdp_link'));
    expect(await screen.findByLabelText('What it detaches')).toHaveTextContent(
      'Detaches the xdp program counter from ifindex 2.',
    );
  });
});
