// The opt-in DaemonSet and the agent image: the manifest parsed by kubectl itself, and what bpfscope's kubectl
// launcher relies on (namespace, container, label, image, the stdio-only agent) checked against it.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

import { beforeAll, describe, expect, it } from 'vitest';

import { kubectlReason } from '../../main/host-connection/kube-nodes.js';
import {
  AGENT_CONTAINER,
  AGENT_NAMESPACE,
  AGENT_POD_LABEL,
  DEFAULT_AGENT_IMAGE,
} from '../../main/host-connection/kubectl.js';

import { agentCli } from '../support/agent.js';

const run = promisify(execFile);
const MANIFEST = 'packaging/k8s/agent-daemonset.yaml';
// No kubeconfig: nothing is read from or sent to a cluster.
const offline = { ...process.env, KUBECONFIG: '/dev/null' };

interface K8sObject {
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
}

async function kubectlMissing(): Promise<string | undefined> {
  return run('kubectl', ['version', '--client'], { env: offline }).then(
    () => undefined,
    (e: Error) => {
      const reason = `kubectl cannot be run (${e.message.split('\n')[0]}): install it to parse the manifest`;
      console.warn(`[k8s.test.ts] skipped: ${reason}`);
      return reason;
    },
  );
}

const noKubectl = await kubectlMissing();

/** Why `kubectl create --dry-run=client` cannot run here: it needs the API server's discovery. */
async function noCluster(): Promise<string | undefined> {
  if (noKubectl) return noKubectl;
  return run('kubectl', ['version', '--request-timeout=5s']).then(
    () => undefined,
    (e: { stderr?: string }) => {
      const reason = `no cluster answers kubectl (${kubectlReason(e.stderr ?? '')}); kubectl label --local parses it instead`;
      console.warn(`[k8s.test.ts] kubectl create --dry-run=client skipped: ${reason}`);
      return reason;
    },
  );
}
const clusterMissing = await noCluster();

describe.skipIf(noKubectl !== undefined)(MANIFEST, () => {
  let objects: K8sObject[];
  beforeAll(async () => {
    // `kubectl create --dry-run=client` maps kinds through the API server's discovery even with --validate=false;
    // `label --local` decodes the same file with kubectl's own decoder and needs no server.
    const { stdout } = await run(
      'kubectl',
      ['label', '--local', '--dry-run=client', '-o', 'json', '-f', MANIFEST, 'bpfscope.io/parsed=yes'],
      { env: offline },
    );
    objects = JSON.parse(`[${stdout.replace(/\n}\n{/g, '\n},\n{')}]`) as K8sObject[];
  });
  const daemonSet = () => objects.find((o) => o.kind === 'DaemonSet')!;
  const podSpec = () => (daemonSet().spec as { template: { spec: Record<string, unknown> } }).template.spec;
  const container = () => (podSpec().containers as Record<string, unknown>[])[0]!;

  it.skipIf(clusterMissing !== undefined)('kubectl create --dry-run=client --validate=false takes it', async () => {
    const { stdout } = await run('kubectl', [
      'create',
      '--dry-run=client',
      '-o',
      'yaml',
      '--validate=false',
      '-f',
      MANIFEST,
    ]);
    expect(stdout).toMatch(/kind: DaemonSet/);
  });

  it('parses into a namespace, the DaemonSet and a Role for exec, nothing that listens', () => {
    expect(objects.map((o) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`)).toEqual([
      'Namespace /bpfscope',
      'DaemonSet bpfscope/bpfscope-agent',
      'Role bpfscope/bpfscope-user',
    ]);
    expect(podSpec().hostNetwork).toBe(false);
    for (const c of podSpec().containers as Record<string, unknown>[]) expect(c.ports).toBeUndefined();
  });

  it('is where the kubectl launcher looks: namespace, label, container and image', () => {
    const ds = daemonSet();
    expect(ds.metadata.namespace).toBe(AGENT_NAMESPACE);
    const [key, value] = AGENT_POD_LABEL.split('=');
    expect((ds.spec as { template: { metadata: K8sObject['metadata'] } }).template.metadata.labels?.[key!]).toBe(value);
    expect(container()).toMatchObject({ name: AGENT_CONTAINER, image: DEFAULT_AGENT_IMAGE });
    // The container waits for kubectl exec; it does not run an agent of its own.
    expect((container().command as string[]).join(' ')).toMatch(/sleep infinity/);
    expect((container().command as string[]).join(' ')).not.toMatch(/bpfscope|agent/);
  });

  it('mounts the node bpffs and BTF and holds only the BPF capabilities', () => {
    const mounts = container().volumeMounts as { name: string; mountPath: string }[];
    const volumes = podSpec().volumes as { name: string; hostPath?: { path: string } }[];
    const hostPathAt = (path: string) => {
      const mount = mounts.find((m) => m.mountPath === path);
      return volumes.find((v) => v.name === mount?.name)?.hostPath?.path;
    };
    expect(hostPathAt('/sys/fs/bpf')).toBe('/sys/fs/bpf');
    expect(hostPathAt('/sys/kernel/btf')).toBe('/sys/kernel/btf');
    expect(container().securityContext).toMatchObject({
      capabilities: { drop: ['ALL'], add: ['BPF', 'SYS_ADMIN', 'PERFMON', 'SYS_RESOURCE'] },
    });
    expect((container().securityContext as { privileged?: boolean }).privileged).not.toBe(true);
  });
});

describe('packaging/container/Containerfile', () => {
  const text = readFileSync('packaging/container/Containerfile', 'utf8');

  it('puts the built CLI on PATH as bpfscope, which the kubectl launchers run', () => {
    expect(text).toMatch(/ln -s \/opt\/bpfscope\/dist\/main\/cli\.js \/usr\/local\/bin\/bpfscope/);
    expect(text).toMatch(/npm prune --omit=dev/);
    expect(text).not.toMatch(/^EXPOSE/m);
  });

  it('the built CLI imports nothing but Node built-ins and the production dependencies the image keeps', async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    const cli = await agentCli();
    const files = [
      cli,
      ...readdirSync(join(dirname(cli), 'chunks'))
        .filter((f) => f.endsWith('.js'))
        .map((f) => join(dirname(cli), 'chunks', f)),
    ];
    const imported = new Set<string>();
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*["']([^"'./][^"']*)["']/g)) {
        const spec = m[1]!.replace(/^node:/, '');
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        if (!builtinModules.includes(name)) imported.add(name);
      }
    }
    expect([...imported].filter((n) => !(n in pkg.dependencies))).toEqual([]);
    expect(imported).toContain('koffi');
  });
});
