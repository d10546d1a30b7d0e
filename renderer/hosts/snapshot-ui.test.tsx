// Snapshots in the window against a real host registry (the emulated demo host in process): "Capture snapshot…"
// with its options, progress and the file saved; "Open snapshot…" of that file as one more, read-only host in the
// rail that Close removes; and "Compare with live" listing exactly what changed on the live host since.
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

import { clientFromCaller } from '../../shared/client.js';
import type { OpName } from '../../shared/contract.js';

import { createEmulatedEngine } from '../../main/engine/emulated/index.js';
import { createHost } from '../../main/host/create-host.js';
import { hostControl } from '../../main/hosts/control.js';
import { HostRegistry } from '../../main/hosts/registry.js';
import { call } from '../../test/support/host-contents.js';

import { hostControlClient } from '../api/host-control-client.js';
import { HostsProvider } from './context.js';
import { createHostsStore } from './hosts-store.js';
import { Workbench } from './Workbench.js';

const CT = 'tc/globals/cilium_ct4_global';
const registries: HostRegistry[] = [];
afterEach(async () => {
  await Promise.all(registries.splice(0).map((r) => r.dispose()));
});

async function renderWorkbench() {
  const registry = new HostRegistry({
    primary: 'emulated',
    openLocal: async (engine) => {
      if (engine === 'native') throw new Error('no bpffs here');
      return createHost(createEmulatedEngine({ demo: true, traffic: false }));
    },
  });
  registries.push(registry);
  await registry.start();
  const control = hostControl(registry);
  const saved: { name: string; bytes: Uint8Array }[] = [];
  const store = createHostsStore({
    control: hostControlClient({ call: (op, req) => control.call(op, req), onEvent: (l) => control.subscribe(l) }),
    apiFor: (id) => {
      const port = registry.link(id)!;
      return clientFromCaller(
        (op: OpName, req) => port.dispatch(op, req),
        (l) => port.subscribe(l),
      );
    },
    saveFile: async (name, bytes) => {
      saved.push({ name, bytes });
      return name;
    },
  });
  await store.getState().load();
  render(
    <HostsProvider store={store}>
      <Workbench />
    </HostsProvider>,
  );
  const progress: string[] = [];
  store.subscribe((s) => {
    if (s.capture?.step === 'running' && s.capture.progress) progress.push(s.capture.progress.phase);
  });
  return { registry, store, saved, progress, rail: screen.getByRole('navigation', { name: 'Hosts' }) };
}

describe('snapshots in the window', () => {
  it('captures the shown host with progress, opens the file as a read-only host and compares it with live', async () => {
    const user = userEvent.setup();
    const { registry, saved, progress, rail } = await renderWorkbench();
    await screen.findAllByRole('tree', { name: 'bpffs tree' });
    await user.click(screen.getByRole('button', { name: 'Capture snapshot…' }));
    const dialog = screen.getByRole('dialog', { name: 'Capture snapshot' });
    expect(dialog).toHaveTextContent('Capture snapshot of This computer (emulated)');
    await user.click(within(dialog).getByRole('radio', { name: 'Maps matching' }));
    expect(within(dialog).getByRole('button', { name: 'Capture' })).toBeDisabled();
    await user.type(within(dialog).getByRole('textbox', { name: 'Maps to read (glob)' }), 'tc/**');
    await user.click(within(dialog).getByRole('button', { name: 'Capture' }));
    await within(dialog).findByText(/^Saved .+\.bpfsnap \([\d,]+ bytes\)\.$/);
    expect(saved).toHaveLength(1);
    expect(new Set(progress)).toEqual(new Set(['tree', 'objects', 'entries', 'writing', 'done']));
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));

    const file = new File([saved[0]!.bytes as Uint8Array<ArrayBuffer>], saved[0]!.name);
    await user.upload(screen.getByLabelText('Snapshot file'), file);
    const item = await within(rail).findByRole('listitem', { name: / at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/ });
    const label = item.getAttribute('aria-label')!;
    const workspace = await screen.findByRole('region', { name: `Host ${label}` });
    await waitFor(() =>
      expect(within(workspace).getByRole('button', { name: 'New folder' })).toHaveAttribute(
        'title',
        `${label} is a snapshot: it cannot be changed.`,
      ),
    );

    const live = registry.link('local:emulated')!;
    await act(async () => {
      await call(live, 'rename', { from: 'xdp/xdp_prog_main', to: 'xdp/main_v2' });
      const ct = await call(live, 'get', { path: CT, access: 'rw' });
      const [first] = (await call(live, 'mapDump', { handle: ct.handle })).entries;
      await call(live, 'mapUpdate', {
        handle: ct.handle,
        key: first!.key,
        value: '00'.repeat(first!.value.length / 2),
        flag: 'exist',
      });
      await call(live, 'close', { handle: ct.handle });
    });
    await user.click(within(workspace).getByRole('button', { name: 'Compare with live' }));
    const diff = await screen.findByRole('dialog', { name: 'Snapshot diff' });
    await within(diff).findByText(/^xdp\/xdp_prog_main → xdp\/main_v2 \(prog \d+ xdp_prog_main\)$/);
    expect(within(within(diff).getByRole('region', { name: 'Pins' })).getAllByRole('listitem')).toHaveLength(1);
    expect(within(diff).getByRole('region', { name: 'Objects' })).toHaveTextContent('Objects (0)');
    const maps = within(diff).getByRole('region', { name: 'Maps' });
    expect(maps).toHaveTextContent(`Maps (1)${CT} 0 added, 0 removed, 1 changed`);
    // The live view's columns: the key as one flow, the value's BTF fields; a changed field struck out, then new.
    const table = within(maps).getByRole('table', { name: `Changed entries of ${CT}` });
    const heads = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(heads.slice(0, 2)).toEqual(['Change', 'Flow']);
    const [row] = within(table).getAllByRole('row').slice(1);
    expect(within(row!).getAllByRole('cell')[1]).toHaveTextContent(
      /(\d{1,3}\.){3}\d{1,3}:\d+ → (\d{1,3}\.){3}\d{1,3}:\d+/,
    );
    expect(row!.querySelectorAll('td del').length).toBeGreaterThan(0);
    expect(row!.querySelectorAll('td del').length).toBe(row!.querySelectorAll('td ins').length);
    await user.click(within(diff).getByRole('button', { name: 'Close' }));

    await user.click(within(item).getByRole('button', { name: `Close snapshot ${label}` }));
    await waitFor(() => expect(within(rail).queryByRole('listitem', { name: label })).toBeNull());
  });
});
