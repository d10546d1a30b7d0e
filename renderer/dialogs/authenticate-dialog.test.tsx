// "Authenticate…" in the window: the header says who the engine runs as and offers it; the dialog sends the typed
// password to main once and keeps it nowhere (not in the field after submit, not in the store); a refusal stays
// in the dialog; success changes the header. Main's side is a stand-in here (it runs for real in
// e2e/elevate.e2e.ts); the rest of the API is the real emulated host.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { AgentFacts } from '../../shared/agent-protocol.js';
import type { ApiClient, ConnectionStatus } from '../../shared/contract.js';
import type { ElevationInfo } from '../../shared/elevation.js';
import { BpfError } from '../../shared/errors.js';

import { realParts, renderAppWith } from '../test-support/render-app.js';

const facts = (uid: number, pid: number): AgentFacts => ({
  version: '0.1.0',
  pid,
  kernel: '6.18',
  uid,
  capabilities: uid === 0 ? ['CAP_BPF', 'CAP_SYS_ADMIN'] : [],
  bpffs: ['/sys/fs/bpf'],
});
const user: ConnectionStatus = { state: 'connected', via: 'direct', since: 1, agent: facts(1000, 10) };
const root: ConnectionStatus = { state: 'connected', via: 'sudo', since: 2, agent: facts(0, 11) };
const both: ElevationInfo['ways'] = [
  { method: 'pkexec', available: true, asksPassword: false },
  { method: 'sudo', available: true, asksPassword: true },
];

/** The real emulated API, shown as a native engine behind an unprivileged agent that elevation replaces. */
async function nativeAsUser(ways: ElevationInfo['ways'], refuseFirst = true) {
  const { api } = await realParts();
  const sent: unknown[] = [];
  let status = user;
  const stub: ApiClient = {
    ...api,
    describe: async (req) => ({ ...(await api.describe(req)), engine: 'native' }),
    connectionStatus: async () => status,
    elevation: async () => ({
      needed: status === user,
      current: status === user ? 'uid 1000, no CAP_BPF' : 'root',
      ways,
      user: 'alice',
    }),
    elevate: async (req) => {
      sent.push(req);
      if (refuseFirst && sent.length === 1) {
        throw new BpfError('EACCES', 'sudo did not accept the password. bpfscope goes on as uid 1000, no CAP_BPF.');
      }
      status = root;
      return root;
    },
  };
  return { api: stub, sent };
}

describe('Authenticate…', () => {
  it('sends the password once, keeps it nowhere, shows a refusal, and says root via sudo after', async () => {
    const { api, sent } = await nativeAsUser(both);
    const { store, user: u } = await renderAppWith(api);
    const engine = screen.getByLabelText('Engine');
    expect(engine).toHaveTextContent('native — uid 1000, no CAP_BPF');

    await u.click(screen.getByRole('button', { name: 'Authenticate…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Authenticate' });
    expect(dialog).toHaveTextContent('uid 1000, no CAP_BPF');
    expect(within(dialog).getByRole('button', { name: 'Authenticate with polkit' })).toBeEnabled();
    const field = within(dialog).getByLabelText('Password for alice (sudo)');
    await u.type(field, 'first secret');
    await u.click(within(dialog).getByRole('button', { name: 'Authenticate with sudo' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('sudo did not accept the password');
    expect(field).toHaveValue('');
    expect(sent).toEqual([{ method: 'sudo', password: 'first secret' }]);
    expect(JSON.stringify(store.getState())).not.toContain('first secret');

    await u.type(field, 'second secret');
    await u.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Authenticate' })).toBeNull());
    await waitFor(() => expect(engine).toHaveTextContent('native — root via sudo'));
    expect(JSON.stringify(store.getState())).not.toContain('second secret');
    expect(screen.queryByRole('button', { name: 'Authenticate…' })).toBeNull();
    await waitFor(() =>
      expect(store.getState().notices.map((n) => n.message)).toContain(
        'The engine now runs as root via sudo; the tree, handles and details were read again.',
      ),
    );
  });

  it('asks polkit without a password', async () => {
    const { api, sent } = await nativeAsUser(both, false);
    const { user: u } = await renderAppWith(api);
    await u.click(screen.getByRole('button', { name: 'Authenticate…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Authenticate' });
    await u.click(within(dialog).getByRole('button', { name: 'Authenticate with polkit' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Authenticate' })).toBeNull());
    expect(sent).toEqual([{ method: 'pkexec' }]);
  });

  it('says when there is no way to elevate here, and why, and stays in the limited view', async () => {
    const { api, sent } = await nativeAsUser([
      {
        method: 'pkexec',
        available: false,
        why: 'no system D-Bus is running, so polkit cannot be asked',
        asksPassword: false,
      },
      { method: 'sudo', available: false, why: 'sudo is not installed', asksPassword: true },
    ]);
    const { user: u } = await renderAppWith(api);
    await u.click(screen.getByRole('button', { name: 'Authenticate…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Authenticate' });
    await waitFor(() => expect(dialog).toHaveTextContent('There is no way to start the agent as root here'));
    expect(dialog).toHaveTextContent('polkit (pkexec): no system D-Bus is running, so polkit cannot be asked');
    expect(dialog).toHaveTextContent('sudo: sudo is not installed');
    expect(within(dialog).queryByLabelText(/Password/)).toBeNull();
    await u.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(sent).toEqual([]);
    expect(screen.getByLabelText('Engine')).toHaveTextContent('native — uid 1000, no CAP_BPF');
  });
});
