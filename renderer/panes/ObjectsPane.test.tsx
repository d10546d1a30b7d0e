import { act, screen, waitFor, within } from '@testing-library/react';

import { dragAndDrop } from '../test-support/drag.js';
import { renderApp } from '../test-support/render-app.js';

const objectsTab = () => screen.getByRole('tab', { name: 'Objects' });
const table = () => screen.getByRole('table', { name: 'Live objects' });
const row = (name: RegExp) => within(table()).getByRole('row', { name });

describe('objects pane', () => {
  it('lists every live object with its pins, marks the unpinned ones and names the process holding them', async () => {
    const { user } = await renderApp(undefined, { demo: true });
    await user.click(objectsTab());
    const cookies = await within(table()).findByRole('row', { name: /^map sock_cookies id \d+/ });
    expect(cookies).toHaveTextContent('no pin');
    expect(cookies).toHaveTextContent(/cilium-agent \(pid 4242, fd \d+\)/);
    const stats = row(/^map xdp_stats_map/);
    expect(within(stats).getByText('xdp/xdp_stats_map')).toBeInTheDocument();
    expect(within(stats).getByText('maps/xdp_stats')).toBeInTheDocument();
  });

  it('filters by text and sorts by a column, both ways', async () => {
    const { user } = await renderApp(undefined, { demo: true });
    await user.click(objectsTab());
    await within(table()).findByRole('row', { name: /sock_cookies/ });
    await user.type(screen.getByRole('searchbox', { name: 'Filter objects' }), 'cali sched_cls');
    const names = () =>
      within(table())
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.getAttribute('aria-label')?.split(' ')[1]);
    expect(names().sort()).toEqual(['cali_tc_allowed', 'cali_tc_main', 'cali_tc_policy']);
    await user.click(within(table()).getByRole('button', { name: 'Name' }));
    expect(names()).toEqual(['cali_tc_allowed', 'cali_tc_main', 'cali_tc_policy']);
    await user.click(within(table()).getByRole('button', { name: 'Name' }));
    expect(names()).toEqual(['cali_tc_policy', 'cali_tc_main', 'cali_tc_allowed']);
    expect(within(table()).getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'descending');
  });

  it('follows objects created elsewhere', async () => {
    const { user, engine } = await renderApp();
    await user.click(objectsTab());
    await act(() =>
      engine.createMap({ type: 'array', name: 'newcomer', keySize: 4, valueSize: 4, maxEntries: 1, flags: [] }),
    );
    expect(await within(table()).findByRole('row', { name: /^map newcomer/ })).toBeInTheDocument();
  });

  it('pins an unpinned object dropped on a folder, with the name prefilled and checked, and keeps no handle', async () => {
    const { user, api, engine } = await renderApp(undefined, { demo: true });
    await user.click(objectsTab());
    const cookies = await within(table()).findByRole('row', { name: /^map sock_cookies/ });
    dragAndDrop(cookies, screen.getByRole('treeitem', { name: /^tc folder/ }));
    const d = screen.getByRole('dialog', { name: 'Pin here' });
    expect(within(d).getByText('/tc')).toBeInTheDocument();
    const name = within(d).getByLabelText('Name');
    expect(name).toHaveValue('sock_cookies');
    await user.clear(name);
    await user.type(name, 'sock.cookies');
    expect(within(d).getByText('EPERM')).toBeInTheDocument();
    expect(within(d).getByRole('button', { name: 'Pin' })).toBeDisabled();
    await user.clear(name);
    await user.type(name, 'cookies');
    await user.click(within(d).getByRole('button', { name: 'Pin' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((await engine.stat('tc/cookies')).object?.name).toBe('sock_cookies');
    expect(await api.handles({})).toEqual([]);
    expect(await within(table()).findByText('tc/cookies')).toBeInTheDocument();
  });

  it('pins an object through "Pin to…" with a folder picker (the keyboard way)', async () => {
    const { user, engine } = await renderApp(undefined, { demo: true });
    await user.click(objectsTab());
    await within(table()).findByRole('row', { name: /^prog cgroup_egress/ });
    const id = (await engine.listObjects()).find((o) => o.name === 'cgroup_egress')!.id;
    await user.click(screen.getByRole('button', { name: `Pin prog ${id} to…` }));
    const d = screen.getByRole('dialog', { name: 'Pin to' });
    await user.selectOptions(within(d).getByLabelText('Folder'), '/xdp');
    await user.click(within(d).getByRole('button', { name: 'Pin' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((await engine.stat('xdp/cgroup_egress')).object).toMatchObject({ kind: 'prog', id });
  });
});
