// The nodes of the current kubectl context, as `kubectl get nodes -o json` lists them, or why there are none to
// list (no kubectl, no kubeconfig, no cluster answering) in words the host list can show.
import { execFile } from 'node:child_process';

import { BpfError } from '../../shared/errors.js';

import type { KubectlOptions } from './kubectl.js';

export interface KubeNode {
  name: string;
  ready: boolean;
  /** From the node-role.kubernetes.io/ROLE labels, e.g. ["control-plane"]. */
  roles: string[];
  kubeletVersion?: string;
  kernel?: string;
  architecture?: string;
}

interface NodeJson {
  metadata?: { name?: string; labels?: Record<string, string> };
  status?: {
    conditions?: { type?: string; status?: string }[];
    nodeInfo?: { kubeletVersion?: string; kernelVersion?: string; architecture?: string };
  };
}

/** The nodes of a `kubectl get nodes -o json` answer; entries without a name are left out. */
export function parseNodeList(json: string): KubeNode[] {
  const items = (JSON.parse(json) as { items?: NodeJson[] }).items ?? [];
  return items.flatMap((n): KubeNode[] => {
    const name = n.metadata?.name;
    if (!name) return [];
    const info = n.status?.nodeInfo;
    const roles = Object.keys(n.metadata?.labels ?? {})
      .filter((l) => l.startsWith('node-role.kubernetes.io/'))
      .map((l) => l.slice('node-role.kubernetes.io/'.length));
    return [
      {
        name,
        ready: (n.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'),
        roles,
        ...(info?.kubeletVersion ? { kubeletVersion: info.kubeletVersion } : {}),
        ...(info?.kernelVersion ? { kernel: info.kernelVersion } : {}),
        ...(info?.architecture ? { architecture: info.architecture } : {}),
      },
    ];
  });
}

/** kubectl's own reason, without client-go's log lines (E1207 12:00:00 ... memcache.go). */
export function kubectlReason(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^[EWI]\d{4} /.test(l));
  return (lines.at(-1) ?? 'kubectl gave no reason').replace(/^error: /, '').slice(0, 300);
}

export function listKubeNodes(opts: KubectlOptions & { timeoutMs?: number } = {}): Promise<KubeNode[]> {
  const kubectl = opts.kubectl ?? 'kubectl';
  const seconds = Math.max(1, Math.round((opts.timeoutMs ?? 10_000) / 1000));
  const args = [
    ...(opts.context === undefined ? [] : [`--context=${opts.context}`]),
    'get',
    'nodes',
    '--output=json',
    `--request-timeout=${seconds}s`,
  ];
  return new Promise((resolve, reject) => {
    execFile(
      kubectl,
      args,
      { env: opts.env ?? process.env, timeout: (seconds + 5) * 1000, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        if (!error) {
          try {
            resolve(parseNodeList(stdout));
          } catch (e) {
            reject(new BpfError('EIO', `kubectl get nodes did not answer JSON: ${(e as Error).message}`));
          }
          return;
        }
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') {
          reject(
            new BpfError('ENOENT', `${kubectl} is not installed or not on PATH.`, {
              hint: 'Install kubectl and configure a context (kubectl config use-context NAME) to list Kubernetes nodes.',
            }),
          );
        } else if (error.killed) {
          reject(new BpfError('ETIMEDOUT', `kubectl get nodes did not answer within ${seconds + 5} s.`));
        } else {
          const context = opts.context === undefined ? 'the current context' : `context ${opts.context}`;
          reject(
            new BpfError(
              'ENOTCONN',
              `No Kubernetes cluster is reachable through ${context}: ${kubectlReason(stderr)}`,
              {
                hint: "Check `kubectl config current-context` and that `kubectl get nodes` works; bpfscope uses kubectl's own configuration and credentials.",
              },
            ),
          );
        }
      },
    );
  });
}
