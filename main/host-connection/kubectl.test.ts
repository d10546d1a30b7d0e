// kubectl command lines for both ways onto a node, host specs, and the node list of the current context.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { BpfError } from '../../shared/errors.js';

import { UsageError } from '../options.js';
import { connectAgent } from './connection.js';
import { launcherFor, parseHostSpec, splitCommandLine } from './host-spec.js';
import { kubectlReason, listKubeNodes } from './kube-nodes.js';
import { kubectlDebugNodeCommand, kubectlExecCommand, kubectlLauncher } from './kubectl.js';

const native = ['--engine', 'native', '--bpffs', '/host/sys/fs/bpf'];

describe('kubectl command lines', () => {
  it('debug node: a sysadmin pod with the agent image, quiet, waiting for the attach, then the agent', () => {
    const cmd = kubectlDebugNodeCommand(
      'worker-1',
      native,
      { image: 'reg.example/bpfscope-agent:0.1.0' },
      '/tmp/c.json',
    );
    expect(cmd.command).toBe('kubectl');
    expect(cmd.args).toEqual([
      'debug',
      'node/worker-1',
      '--profile=sysadmin',
      '--stdin',
      '--quiet',
      '--image=reg.example/bpfscope-agent:0.1.0',
      '--custom=/tmp/c.json',
      '--',
      'sh',
      '-c',
      'dd bs=1 count=1 of=/dev/null 2>/dev/null && exec bpfscope agent --stdio "$@"',
      'bpfscope-agent',
      ...native,
    ]);
  });

  it('debug node: context and namespace go before the subcommand, the default image when none is given', () => {
    const cmd = kubectlDebugNodeCommand(
      'n.example.com',
      [],
      { context: 'prod', namespace: 'ops', kubectl: '/opt/kubectl' },
      'f',
    );
    expect(cmd.command).toBe('/opt/kubectl');
    expect(cmd.args.slice(0, 4)).toEqual(['--context=prod', '--namespace=ops', 'debug', 'node/n.example.com']);
    expect(cmd.args).toContain('--image=bpfscope-agent:latest');
  });

  it('exec: into the agent container of the pod, stdin open, the agent with its options', () => {
    const cmd = kubectlExecCommand(
      'bpfscope',
      'bpfscope-agent-x7k2p',
      ['--engine', 'native', '--bpffs', '/sys/fs/bpf'],
      {
        context: 'kind-kind',
      },
    );
    expect(cmd.args).toEqual([
      '--context=kind-kind',
      'exec',
      '--stdin',
      '--namespace=bpfscope',
      'bpfscope-agent-x7k2p',
      '--container=agent',
      '--',
      'bpfscope',
      'agent',
      '--stdio',
      '--engine',
      'native',
      '--bpffs',
      '/sys/fs/bpf',
    ]);
  });

  it('refuses names kubectl would read as flags or that no object can have', () => {
    for (const [f, name] of [
      [() => kubectlDebugNodeCommand('--all', [], {}, 'f'), '--all'],
      [() => kubectlExecCommand('bpfscope', 'Pod_1', [], {}), 'Pod_1'],
      [() => kubectlExecCommand('a.b', 'p', [], {}), 'a.b'],
    ] as const) {
      expect(f).toThrow(BpfError);
      expect(f).toThrow(`"${name}" is not a valid`);
    }
  });
});

describe('host specs', () => {
  it('parses each kind', () => {
    expect(parseHostSpec('kubectl:node/worker-1')).toEqual({ kind: 'kubectl-node', node: 'worker-1' });
    expect(parseHostSpec('kubectl:pod/bpfscope/agent-1')).toEqual({
      kind: 'kubectl-pod',
      namespace: 'bpfscope',
      pod: 'agent-1',
    });
    expect(parseHostSpec('ssh:ops@db1:2222')).toEqual({ kind: 'ssh', destination: 'ops@db1', port: 2222 });
    expect(parseHostSpec('db1')).toEqual({ kind: 'ssh', destination: 'db1' });
    expect(parseHostSpec('root@[::1]:22')).toEqual({ kind: 'ssh', destination: 'root@[::1]', port: 22 });
    expect(parseHostSpec(`command:sudo -n bpfscope agent --stdio --bpffs '/mnt/my bpf'`)).toEqual({
      kind: 'command',
      argv: ['sudo', '-n', 'bpfscope', 'agent', '--stdio', '--bpffs', '/mnt/my bpf'],
    });
  });

  it('splits command lines with quotes and escapes, expanding nothing', () => {
    expect(splitCommandLine(`a "b c" 'd "e"' f\\ g $HOME ''`)).toEqual(['a', 'b c', 'd "e"', 'f g', '$HOME', '']);
    expect(() => splitCommandLine(`a 'b`)).toThrow(UsageError);
  });

  it('refuses what is no host with the list of kinds', () => {
    for (const bad of ['kubectl:node/', 'kubectl:deploy/x', 'command:  ', '-oProxyCommand=x', 'a:b:c', 'h:70000']) {
      expect(() => parseHostSpec(bad), bad).toThrow(UsageError);
    }
  });

  it('kubectl hosts get the native engine on the node by default; ssh hosts go through the system ssh', () => {
    const node = launcherFor(parseHostSpec('kubectl:node/n1'), { engine: {} });
    const pod = launcherFor(parseHostSpec('kubectl:pod/bpfscope/p'), { engine: { engine: 'emulated', empty: true } });
    expect([node.via, pod.via]).toEqual(['kubectl node/n1', 'kubectl pod/bpfscope/p']);
    expect(launcherFor(parseHostSpec('ssh:ops@db1:2222'), { engine: {} }).via).toBe('ssh ops@db1');
  });
});

function kubectlMissing(): string | undefined {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'pipe' });
    return undefined;
  } catch (e) {
    const reason = `kubectl cannot be run (${(e as Error).message.split('\n')[0]}): install it to check its real answer`;
    console.warn(`[kubectl.test.ts] skipped: ${reason}`);
    return reason;
  }
}

describe.skipIf(kubectlMissing() !== undefined)('the real kubectl with these command lines and no cluster', () => {
  const env = { ...process.env, KUBECONFIG: '/dev/null' };
  // kubectl checks flags, the image name and the --custom container fields before it contacts the server, so
  // getting as far as "connection refused" means it took every argument.
  for (const target of [
    { kind: 'node', node: 'worker-1' },
    { kind: 'pod', namespace: 'bpfscope', pod: 'bpfscope-agent-x7k2p' },
  ] as const) {
    it(`${target.kind}: accepted up to the connection`, async () => {
      const launcher = kubectlLauncher(target, ['--engine', 'native'], {
        env,
        image: 'reg.example:5000/bpfscope-agent:0.1.0',
      });
      const connection = connectAgent(launcher);
      const status = await connection.ready();
      await connection.dispose();
      expect(status.state).toBe('disconnected');
      expect(status.reason).toMatch(/^the agent exited with code 1: The connection to the server .* was refused/);
    });
  }
});

describe('nodes of the current context', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bpfscope-kube-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(kubectlMissing() !== undefined)(
    'says why there are none when no cluster answers (real kubectl, an empty kubeconfig)',
    async () => {
      const kubeconfig = join(dir, 'config');
      writeFileSync(kubeconfig, '');
      const err = await listKubeNodes({ env: { ...process.env, KUBECONFIG: kubeconfig }, timeoutMs: 5000 }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(BpfError);
      const e = err as BpfError;
      expect(e.code).toBe('ENOTCONN');
      expect(e.message).toMatch(/^No Kubernetes cluster is reachable through the current context: .*refused/);
      expect(e.message).not.toMatch(/memcache|E\d{4} /);
      expect(e.hint).toMatch(/kubectl config current-context/);
    },
  );

  it('a missing kubectl is named', async () => {
    const err = await listKubeNodes({ kubectl: join(dir, 'no-kubectl') }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ENOENT', message: expect.stringContaining('is not installed') });
  });

  it("reads names, readiness, roles and versions from kubectl's JSON", async () => {
    const fake = join(dir, 'kubectl');
    const items = [
      {
        metadata: { name: 'cp-1', labels: { 'node-role.kubernetes.io/control-plane': '' } },
        status: {
          conditions: [{ type: 'Ready', status: 'True' }],
          nodeInfo: { kubeletVersion: 'v1.32.4', kernelVersion: '6.18.0', architecture: 'arm64' },
        },
      },
      { metadata: { name: 'w-1' }, status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } },
    ];
    writeFileSync(join(dir, 'nodes.json'), JSON.stringify({ kind: 'List', items }));
    // The one stand-in: a cluster cannot run here. It answers only `get nodes --output=json`.
    writeFileSync(fake, `#!/bin/sh\n[ "$2 $3" = "nodes --output=json" ] || exit 3\ncat '${dir}/nodes.json'\n`);
    chmodSync(fake, 0o755);
    expect(await listKubeNodes({ kubectl: fake })).toEqual([
      {
        name: 'cp-1',
        ready: true,
        roles: ['control-plane'],
        kubeletVersion: 'v1.32.4',
        kernel: '6.18.0',
        architecture: 'arm64',
      },
      { name: 'w-1', ready: false, roles: [] },
    ]);
  });

  it("keeps kubectl's last reason line, without client-go's log lines", () => {
    expect(
      kubectlReason(
        'E1207 00:21:56.940349 31417 memcache.go:265] "Unhandled Error"\nerror: You must be logged in to the server (Unauthorized)\n',
      ),
    ).toBe('You must be logged in to the server (Unauthorized)');
  });
});
