// A host where a normal user can elevate bpfscope's agent for real (as root, idempotent): a user with a password,
// a sudoers rule for the installed launcher, the agent installed by scripts/install-agent.mjs, a system D-Bus and
// polkitd running (there is no systemd here to start them), and a polkit rule that lets the user run the action
// without a password. cleanup() removes the user and the rules, and the installed agent if it was not there before.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';

import { INSTALLED_AGENT_LAUNCHER, POLKIT_ACTION_ID } from '../../shared/elevation.js';

import { INSTALLED_POLICY } from '../../main/host-connection/elevation-ways.js';

export const ELEVATION_USER = 'bpfscope-elev';
const SUDOERS = '/etc/sudoers.d/bpfscope-e2e';
const POLKIT_RULE = '/etc/polkit-1/rules.d/49-bpfscope-e2e.rules';
const POLKITD = '/usr/lib/polkit-1/polkitd';

export interface ElevationEnv {
  user: string;
  uid: number;
  gid: number;
  /** Set for this run only; typed into the dialog, never written anywhere. */
  password: string;
  cleanup(): void;
}

const ok = (cmd: string, args: string[]): boolean => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;

/** Undefined when this host can be set up, else why not. */
export function elevationSkipReason(): string | undefined {
  if (process.getuid?.() !== 0) return 'setting up a user, sudo and polkit needs root';
  for (const cmd of ['useradd', 'chpasswd', 'sudo', 'visudo', 'pkexec', 'pkaction', 'dbus-daemon', 'dbus-send']) {
    if (!ok('sh', ['-c', `command -v ${cmd}`]))
      return `${cmd} is not installed (apt-get install sudo pkexec polkitd dbus)`;
  }
  if (!existsSync(POLKITD)) return `${POLKITD} is not installed (apt-get install polkitd)`;
  return undefined;
}

const busHas = (name: string): boolean =>
  spawnSync(
    'dbus-send',
    [
      '--system',
      '--print-reply',
      '--dest=org.freedesktop.DBus',
      '/',
      'org.freedesktop.DBus.NameHasOwner',
      `string:${name}`,
    ],
    { encoding: 'utf8' },
  ).stdout?.includes('boolean true') ?? false;

async function waitFor(what: string, test: () => boolean): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (test()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A system bus and polkitd, started unless already running; left running for whoever comes next. */
async function startPolkit(): Promise<void> {
  if (!busHas('org.freedesktop.DBus')) {
    rmSync('/run/dbus/pid', { force: true });
    execFileSync('mkdir', ['-p', '/run/dbus']);
    execFileSync('dbus-daemon', ['--system', '--fork'], { stdio: 'pipe' });
    await waitFor('the system D-Bus', () => busHas('org.freedesktop.DBus'));
  }
  if (!busHas('org.freedesktop.PolicyKit1')) {
    spawn(POLKITD, ['--no-debug'], { detached: true, stdio: 'ignore' }).unref();
    await waitFor('polkitd', () => busHas('org.freedesktop.PolicyKit1'));
  }
}

export async function setUpElevation(): Promise<ElevationEnv> {
  const installedBefore = existsSync(INSTALLED_AGENT_LAUNCHER);
  if (!ok('id', [ELEVATION_USER])) {
    execFileSync('useradd', ['--no-create-home', '--user-group', '--shell', '/usr/sbin/nologin', ELEVATION_USER]);
  }
  const password = randomBytes(12).toString('base64url');
  execFileSync('chpasswd', [], { input: `${ELEVATION_USER}:${password}\n` });
  const id = (flag: string): number => Number(execFileSync('id', [flag, ELEVATION_USER], { encoding: 'utf8' }).trim());
  // timestamp_timeout=0: every run asks again, so a wrong password is never covered by an earlier right one.
  writeFileSync(
    SUDOERS,
    `Defaults:${ELEVATION_USER} timestamp_timeout=0\n${ELEVATION_USER} ALL=(root) ${INSTALLED_AGENT_LAUNCHER}\n`,
    { mode: 0o440 },
  );
  execFileSync('visudo', ['-cf', SUDOERS], { stdio: 'pipe' });
  execFileSync(process.execPath, ['scripts/install-agent.mjs', '--prefix', '/'], { stdio: 'pipe' });
  writeFileSync(
    POLKIT_RULE,
    `polkit.addRule(function (action, subject) {\n  if (action.id == "${POLKIT_ACTION_ID}" && subject.user == "${ELEVATION_USER}") return polkit.Result.YES;\n});\n`,
    { mode: 0o644 },
  );
  await startPolkit();
  // polkitd picks up new actions and rules by itself: wait until it says the user may run the launcher.
  const uid = id('-u');
  await waitFor('polkitd to load the action and the rule', () =>
    ok('setpriv', [
      '--reuid',
      String(uid),
      '--regid',
      String(id('-g')),
      '--clear-groups',
      '--',
      'sh',
      '-c',
      `exec pkcheck --action-id ${POLKIT_ACTION_ID} --process $$`,
    ]),
  );
  return {
    user: ELEVATION_USER,
    uid,
    gid: id('-g'),
    password,
    cleanup: () => {
      rmSync(POLKIT_RULE, { force: true });
      rmSync(SUDOERS, { force: true });
      spawnSync('userdel', [ELEVATION_USER], { stdio: 'ignore' });
      if (!installedBefore) {
        rmSync('/usr/lib/bpfscope', { recursive: true, force: true });
        rmSync(INSTALLED_POLICY, { force: true });
      }
    },
  };
}
