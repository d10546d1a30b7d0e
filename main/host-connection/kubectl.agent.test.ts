// Both kubectl ways onto a node, end to end through the real launcher, connection and CLI. Only the cluster is a
// stand-in: a `kubectl` on PATH that records its arguments and runs the command after `--` here, with a
// `bpfscope` on PATH that is the built CLI, as the agent image holds it.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DirEntry } from '../../shared/engine.js';

import { agentCli } from '../../test/support/agent.js';
import { mountPrivateBpffs } from '../../test/support/bpffs.js';
import { cliJson, runCli, withoutIds } from '../../test/support/cli-run.js';
import { apiOf } from '../../test/support/in-process-api.js';
import { nativeSkipReason } from '../../test/support/native-env.js';

import { connectAgent } from './connection.js';
import { kubectlLauncher } from './kubectl.js';

const STAND_IN = `#!/bin/sh
# kubectl stand-in: records the call (and the --custom file while it exists), then runs what follows "--".
log="$KUBECTL_LOG.$$"
printf '%s\\n' "$@" > "$log.args"
for a in "$@"; do case "$a" in --custom=*) cp "\${a#--custom=}" "$log.custom" ;; esac; done
while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do shift; done
shift
exec "$@"
`;

let dir: string;
let env: NodeJS.ProcessEnv;

/** The recorded calls: each one's arguments, and its --custom file's text when it had one. */
function calls(): { args: string[]; custom?: string }[] {
  const out = readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n');
  return out.map((pid) => {
    const base = join(dir, `log.${pid}`);
    const custom = existsSync(`${base}.custom`) ? readFileSync(`${base}.custom`, 'utf8') : undefined;
    return { args: readFileSync(`${base}.args`, 'utf8').trimEnd().split('\n'), ...(custom ? { custom } : {}) };
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bpfscope-kubectl-e2e-'));
  const bin = join(dir, 'bin');
  const cli = await agentCli();
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'kubectl'),
    STAND_IN.replace('log="$KUBECTL_LOG.$$"', `echo $$ >> '${dir}/calls'\nlog="$KUBECTL_LOG.$$"`),
  );
  writeFileSync(join(bin, 'bpfscope'), `#!/bin/sh\nexec '${process.execPath}' '${cli}' "$@"\n`);
  chmodSync(join(bin, 'kubectl'), 0o755);
  chmodSync(join(bin, 'bpfscope'), 0o755);
  writeFileSync(join(dir, 'calls'), '');
  env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, KUBECTL_LOG: join(dir, 'log') };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kubectl hosts through a stand-in kubectl', () => {
  it('kubectl:node runs the agent in a debug pod and the CLI lists its tree', async () => {
    writeFileSync(join(dir, 'calls'), '');
    const listed = await cliJson<DirEntry[]>(
      [
        'ls',
        '--host',
        'kubectl:node/worker-1',
        '--engine',
        'emulated',
        '--context',
        'kind-kind',
        '--image',
        'reg.local/bpfscope-agent:1',
        'tc/globals',
      ],
      env,
    );
    const local = await cliJson<DirEntry[]>(['ls', '--engine', 'emulated', 'tc/globals']);
    expect(withoutIds(listed)).toEqual(withoutIds(local));
    const [call] = calls();
    expect(call?.args.slice(0, 8)).toEqual([
      '--context=kind-kind',
      'debug',
      'node/worker-1',
      '--profile=sysadmin',
      '--stdin',
      '--quiet',
      '--image=reg.local/bpfscope-agent:1',
      expect.stringMatching(/^--custom=/),
    ]);
    expect(call?.args.slice(-3)).toEqual(['bpfscope-agent', '--engine', 'emulated']);
    expect(JSON.parse(call?.custom ?? 'null')).toEqual({ stdinOnce: true });
    // The file kubectl read is gone with the session.
    expect(existsSync(call!.args[7]!.slice('--custom='.length))).toBe(false);
  });

  it.skipIf(nativeSkipReason('kubectl.agent.test.ts') !== undefined)(
    'kubectl:pod execs the agent in the DaemonSet container onto the node bpffs',
    async () => {
      const mount = await mountPrivateBpffs();
      try {
        writeFileSync(join(dir, 'calls'), '');
        mkdirSync(join(mount.dir, 'from-node'));
        const listed = await cliJson<DirEntry[]>(
          ['ls', '--host', 'kubectl:pod/bpfscope/bpfscope-agent-abcde', '--bpffs', mount.dir],
          env,
        );
        expect(listed.map((e) => `${e.kind} ${e.name}`)).toContain('dir from-node');
        expect(calls()[0]?.args).toEqual([
          'exec',
          '--stdin',
          '--namespace=bpfscope',
          'bpfscope-agent-abcde',
          '--container=agent',
          '--',
          'bpfscope',
          'agent',
          '--stdio',
          '--engine',
          'native',
          '--bpffs',
          mount.dir,
        ]);
      } finally {
        await mount.cleanup();
      }
    },
  );

  it('the launcher serves a whole session, and the agent ends when the client goes', async () => {
    const launcher = kubectlLauncher({ kind: 'node', node: 'n1' }, ['--engine', 'emulated', '--empty'], {
      kubectl: join(dir, 'bin', 'kubectl'),
      env,
    });
    const connection = connectAgent(launcher);
    const status = await connection.ready();
    expect(status).toMatchObject({ state: 'connected', via: 'kubectl node/n1' });
    const api = apiOf(connection);
    await api.mkdir({ path: 'made-over-kubectl' });
    expect((await api.list({ path: '' })).map((e) => e.name)).toContain('made-over-kubectl');
    const pid = status.agent!.pid;
    await connection.dispose();
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('a kubectl that cannot reach the cluster fails the command with its reason', async () => {
    const failing = join(dir, 'bin-failing');
    mkdirSync(failing, { recursive: true });
    writeFileSync(
      join(failing, 'kubectl'),
      "#!/bin/sh\necho 'error: You must be logged in to the server (Unauthorized)' >&2\nexit 1\n",
    );
    chmodSync(join(failing, 'kubectl'), 0o755);
    const run = await runCli(['ls', '--host', 'kubectl:node/n1'], {
      ...process.env,
      PATH: `${failing}:${process.env.PATH}`,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^bpfscope: ENOTCONN: The agent on kubectl:node\/n1 did not start: .*Unauthorized.*kubectl get nodes/,
    );
  });
});
