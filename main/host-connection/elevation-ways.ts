// Which ways to start a root agent this host offers, and the commands they run. pkexec runs only the installed
// launcher (the polkit action names it); sudo runs the launcher too, or, from a source checkout run by node, this
// same CLI (the user's sudo rights decide, as for any command they could sudo).
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

import { type ElevationMethod, type ElevationWay, INSTALLED_AGENT_LAUNCHER } from '../../shared/elevation.js';

import type { AgentCommand } from './launcher.js';

export const INSTALLED_POLICY = '/usr/share/polkit-1/actions/io.bpfscope.agent.policy';
const SYSTEM_BUS = '/run/dbus/system_bus_socket';

/** What the ways depend on; tests swap in their own filesystem answers. */
export interface HostProbe {
  /** The full path of an executable in PATH, or undefined. */
  which(command: string): string | undefined;
  exists(path: string): boolean;
}

export const realProbe: HostProbe = {
  which: (command) => {
    for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(delimiter)) {
      const path = join(dir, command);
      try {
        accessSync(path, constants.X_OK);
        return path;
      } catch {
        // not in this directory
      }
    }
    return undefined;
  },
  exists: (path) => existsSync(path),
};

export interface ElevationSetup {
  /** Agent options after the launcher: --engine native --bpffs DIR. */
  agentArgs: string[];
  /** The installed launcher; INSTALLED_AGENT_LAUNCHER unless a test says otherwise. */
  launcher?: string;
  /** For sudo where no launcher is installed: the agent command from this checkout (node cli.js agent --stdio). */
  checkoutAgent?: AgentCommand;
}

function pkexecWay(probe: HostProbe, launcher: string): ElevationWay {
  const way = { method: 'pkexec', asksPassword: false } as const;
  if (!probe.which('pkexec')) return { ...way, available: false, why: 'pkexec is not installed' };
  if (!probe.exists(launcher))
    return { ...way, available: false, why: `the agent launcher ${launcher} is not installed` };
  if (launcher === INSTALLED_AGENT_LAUNCHER && !probe.exists(INSTALLED_POLICY))
    return { ...way, available: false, why: `the polkit action ${INSTALLED_POLICY} is not installed` };
  if (!probe.exists(SYSTEM_BUS) && !process.env.DBUS_SYSTEM_BUS_ADDRESS)
    return { ...way, available: false, why: 'no system D-Bus is running, so polkit cannot be asked' };
  return { ...way, available: true };
}

function sudoWay(probe: HostProbe, setup: ElevationSetup, launcher: string): ElevationWay {
  const way = { method: 'sudo', asksPassword: true } as const;
  if (!probe.which('sudo')) return { ...way, available: false, why: 'sudo is not installed' };
  if (!probe.exists(launcher) && !setup.checkoutAgent)
    return { ...way, available: false, why: `the agent launcher ${launcher} is not installed` };
  return { ...way, available: true };
}

export function elevationWays(setup: ElevationSetup, probe: HostProbe = realProbe): ElevationWay[] {
  const launcher = setup.launcher ?? INSTALLED_AGENT_LAUNCHER;
  return [pkexecWay(probe, launcher), sudoWay(probe, setup, launcher)];
}

/** The command a way runs; sudo's askpass program is set by the caller (SUDO_ASKPASS). */
export function elevationCommand(
  method: ElevationMethod,
  setup: ElevationSetup,
  probe: HostProbe = realProbe,
  askpass?: string,
): AgentCommand {
  const launcher = setup.launcher ?? INSTALLED_AGENT_LAUNCHER;
  if (method === 'pkexec') return { command: 'pkexec', args: [launcher, ...setup.agentArgs] };
  const target =
    probe.exists(launcher) || !setup.checkoutAgent
      ? [launcher, ...setup.agentArgs]
      : [setup.checkoutAgent.command, ...setup.checkoutAgent.args];
  // -A: ask through SUDO_ASKPASS, never a terminal (serve's terminal, or none in Electron).
  return { command: 'sudo', args: ['-A', '--', ...target], env: { ...process.env, SUDO_ASKPASS: askpass ?? '' } };
}
