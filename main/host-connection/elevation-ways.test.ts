// Which ways to a root agent a host offers, and the commands they run: pkexec only ever the installed launcher,
// sudo the launcher or, from a checkout, this same CLI.
import { describe, expect, it } from 'vitest';

import { INSTALLED_AGENT_LAUNCHER } from '../../shared/elevation.js';

import { elevationCommand, elevationWays, type HostProbe, INSTALLED_POLICY } from './elevation-ways.js';

const probeOf = (commands: string[], files: string[]): HostProbe => ({
  which: (c) => (commands.includes(c) ? `/usr/bin/${c}` : undefined),
  exists: (p) => files.includes(p),
});
const everything = [INSTALLED_AGENT_LAUNCHER, INSTALLED_POLICY, '/run/dbus/system_bus_socket'];
const setup = { agentArgs: ['--engine', 'native', '--bpffs', '/sys/fs/bpf'] };
const checkout = {
  command: '/usr/bin/node',
  args: ['/src/dist/main/cli.js', 'agent', '--stdio', '--engine', 'native'],
};

describe('elevation ways', () => {
  it('offers both on a host with the package installed and polkit running', () => {
    expect(elevationWays(setup, probeOf(['pkexec', 'sudo'], everything))).toEqual([
      { method: 'pkexec', asksPassword: false, available: true },
      { method: 'sudo', asksPassword: true, available: true },
    ]);
  });

  it.each([
    [[], everything, 'pkexec is not installed', 'sudo is not installed'],
    [['pkexec', 'sudo'], [], `the agent launcher ${INSTALLED_AGENT_LAUNCHER} is not installed`, `the agent launcher`],
    [['pkexec'], [INSTALLED_AGENT_LAUNCHER], `the polkit action ${INSTALLED_POLICY} is not installed`, 'sudo is not'],
    [['pkexec'], [INSTALLED_AGENT_LAUNCHER, INSTALLED_POLICY], 'no system D-Bus is running', 'sudo is not'],
  ])('says why not: %j %j', (commands, files, pkexecWhy, sudoWhy) => {
    const saved = process.env.DBUS_SYSTEM_BUS_ADDRESS;
    delete process.env.DBUS_SYSTEM_BUS_ADDRESS;
    try {
      const [pkexec, sudo] = elevationWays(setup, probeOf(commands, files));
      expect(pkexec).toMatchObject({ available: false, why: expect.stringContaining(pkexecWhy) });
      expect(sudo).toMatchObject({ available: false, why: expect.stringContaining(sudoWhy) });
    } finally {
      if (saved !== undefined) process.env.DBUS_SYSTEM_BUS_ADDRESS = saved;
    }
  });

  it('runs pkexec only on the launcher, never node, even from a checkout', () => {
    const probe = probeOf(['pkexec', 'sudo'], []);
    expect(elevationWays({ ...setup, checkoutAgent: checkout }, probe)[0]).toMatchObject({ available: false });
    expect(elevationCommand('pkexec', { ...setup, checkoutAgent: checkout }, probe)).toEqual({
      command: 'pkexec',
      args: [INSTALLED_AGENT_LAUNCHER, ...setup.agentArgs],
    });
  });

  it('runs sudo -A on the launcher when installed, else on the checkout’s CLI; the password is not in it', () => {
    const installed = elevationCommand(
      'sudo',
      { ...setup, checkoutAgent: checkout },
      probeOf([], everything),
      '/x/askpass',
    );
    expect(installed.args).toEqual(['-A', '--', INSTALLED_AGENT_LAUNCHER, ...setup.agentArgs]);
    expect(installed.env?.SUDO_ASKPASS).toBe('/x/askpass');
    const fromCheckout = elevationCommand('sudo', { ...setup, checkoutAgent: checkout }, probeOf([], []), '/x/askpass');
    expect(fromCheckout.args).toEqual(['-A', '--', checkout.command, ...checkout.args]);
    expect(elevationWays({ ...setup, checkoutAgent: checkout }, probeOf(['sudo'], []))[1]).toMatchObject({
      available: true,
    });
  });
});
