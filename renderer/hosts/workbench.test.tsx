// The host rail and workspaces against a real host registry (this computer's emulated engine in process, a real
// child process for the launcher): states in words, add-host checks, two hosts side by side, and a launcher's
// password question answered in bpfscope's own dialog.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

import { clientFromCaller } from '../../shared/client.js';
import type { OpName } from '../../shared/contract.js';

import { commandLauncher } from '../../main/host-connection/launcher.js';
import { openHost } from '../../main/host-connection/open-host.js';
import { hostControl } from '../../main/hosts/control.js';
import { HostRegistry, type HostRegistryOptions } from '../../main/hosts/registry.js';

import { hostControlClient } from '../api/host-control-client.js';
import { HostsProvider } from './context.js';
import { createHostsStore } from './hosts-store.js';
import { Workbench } from './Workbench.js';

const registries: HostRegistry[] = [];
afterEach(async () => {
  await Promise.all(registries.splice(0).map((r) => r.dispose()));
});

async function renderWorkbench(extra: Partial<HostRegistryOptions> = {}) {
  const registry = new HostRegistry({
    primary: 'emulated',
    // This computer's native engine cannot open here (no agent in jsdom): it is refused with a reason.
    openLocal: (engine) =>
      engine === 'native'
        ? Promise.reject(new Error('no bpffs is mounted at /nonexistent'))
        : openHost({ engine, bpffs: '/nonexistent', empty: false, port: 0, host: '127.0.0.1' }, {}),
    backoff: { initialMs: 60_000, maxMs: 60_000 },
    ...extra,
  });
  registries.push(registry);
  await registry.start();
  const control = hostControl(registry);
  const store = createHostsStore({
    control: hostControlClient({ call: (op, req) => control.call(op, req), onEvent: (l) => control.subscribe(l) }),
    apiFor: (id) => {
      const port = registry.link(id)!;
      return clientFromCaller(
        (op: OpName, req) => port.dispatch(op, req),
        (l) => port.subscribe(l),
      );
    },
  });
  await store.getState().load();
  render(
    <HostsProvider store={store}>
      <Workbench />
    </HostsProvider>,
  );
  return { registry, store, rail: screen.getByRole('navigation', { name: 'Hosts' }) };
}

describe('host rail', () => {
  it('says how each host is, and shows two hosts side by side', async () => {
    const user = userEvent.setup();
    const { rail } = await renderWorkbench();
    const local = within(rail).getByRole('listitem', { name: 'This computer (emulated)' });
    expect(local).toHaveTextContent(/connected as uid \d+ · \S+ · \/sys\/fs\/bpf/);
    const native = within(rail).getByRole('listitem', { name: 'This computer (native)' });
    expect(native).toHaveTextContent('not connected');
    await screen.findAllByRole('tree', { name: 'bpffs tree' });

    await user.click(within(native).getByRole('button', { name: 'Beside' }));
    const beside = screen.getByRole('region', { name: 'Host This computer (native)' });
    expect(beside).toHaveTextContent('This computer (native) is not connected.');
    await user.click(within(beside).getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(native).toHaveTextContent(/disconnected \d+ s ago/));
    expect(native).toHaveTextContent('/nonexistent');
    expect(screen.getAllByRole('region', { name: /^Host / })).toHaveLength(2);
  });

  it('checks a typed host before adding it, and says why a kind cannot be reached yet', async () => {
    const user = userEvent.setup();
    const { rail } = await renderWorkbench();
    await user.click(within(rail).getByRole('button', { name: 'Add host…' }));
    const dialog = screen.getByRole('dialog', { name: 'Add host' });
    const field = within(dialog).getByRole('textbox', { name: /^Destination/ });
    await user.type(field, 'root@db1:ssh');
    expect(dialog).toHaveTextContent('the port must be a number');
    expect(within(dialog).getByRole('button', { name: 'Add and connect' })).toBeDisabled();
    await user.clear(field);
    await user.type(field, 'root@db1:2222');
    await user.click(within(dialog).getByRole('button', { name: 'Add and connect' }));
    const added = await within(rail).findByRole('listitem', { name: 'root@db1:2222' });
    await waitFor(() => expect(added).toHaveTextContent('this bpfscope cannot reach ssh hosts'));
    expect(within(added).getByRole('button', { name: 'Remove' })).toBeEnabled();
  });

  it("asks a launcher's password question in its own dialog and hands the answer over", async () => {
    const user = userEvent.setup();
    const answers: (string | null)[] = [];
    const { rail } = await renderWorkbench({
      launchers: {
        ssh: (_spec, prompt) => ({
          via: 'ssh',
          spawn: () => {
            void prompt({ kind: 'password', text: 'ops@db1 password:', secret: true }).then((a) => answers.push(a));
            return commandLauncher('ssh', {
              command: process.execPath,
              args: ['-e', 'setTimeout(() => {}, 300)'],
            }).spawn();
          },
        }),
      },
    });
    await user.click(within(rail).getByRole('button', { name: 'Add host…' }));
    const dialog = screen.getByRole('dialog', { name: 'Add host' });
    await user.type(within(dialog).getByRole('textbox', { name: /^Destination/ }), 'ops@db1');
    await user.click(within(dialog).getByRole('button', { name: 'Add and connect' }));
    const ask = await screen.findByRole('dialog', { name: 'Password' });
    expect(ask).toHaveTextContent('ops@db1 password:');
    const input = within(ask).getByLabelText('Answer');
    expect(input).toHaveAttribute('type', 'password');
    expect(within(rail).getByRole('listitem', { name: 'ops@db1' })).toHaveTextContent('waiting for your answer');
    await user.type(input, 's3cret');
    await user.click(within(ask).getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(answers).toEqual(['s3cret']));
    expect(screen.queryByRole('dialog', { name: 'Password' })).toBeNull();
    // The stand-in for ssh exits without speaking the protocol: the host says so.
    await waitFor(() =>
      expect(within(rail).getByRole('listitem', { name: 'ops@db1' })).toHaveTextContent(/disconnected/),
    );
  });
});
