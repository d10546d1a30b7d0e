// The nodes of the current kubectl context, by `kubectl get nodes -o json`. kubectl's own configuration, auth
// plugins and RBAC decide; bpfscope holds no credentials. No kubeconfig, no kubectl or no cluster: no nodes, and
// the reason in words.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface KubeNodes {
  nodes: string[];
  /** Why there are none, when that is not simply an empty cluster. */
  reason?: string;
}

export interface KubeNodesOptions {
  env?: Readonly<Record<string, string | undefined>>;
  kubectl?: string;
  timeoutMs?: number;
}

/** The kubeconfig files kubectl would read; none existing means there is no context to ask. */
function kubeconfigs(env: Readonly<Record<string, string | undefined>>): string[] {
  const fromEnv = env.KUBECONFIG?.split(delimiter).filter((p) => p !== '');
  return fromEnv && fromEnv.length > 0 ? fromEnv : [join(env.HOME ?? homedir(), '.kube', 'config')];
}

export function parseNodeList(json: string): string[] {
  const doc = JSON.parse(json) as { items?: { metadata?: { name?: unknown } }[] };
  return (doc.items ?? []).map((i) => i.metadata?.name).filter((n): n is string => typeof n === 'string');
}

export function listKubeNodes(opts: KubeNodesOptions = {}): Promise<KubeNodes> {
  const env = opts.env ?? process.env;
  const configs = kubeconfigs(env);
  if (!configs.some((p) => existsSync(p))) {
    return Promise.resolve({ nodes: [], reason: `no kubectl context: ${configs.join(', ')} does not exist` });
  }
  const timeout = opts.timeoutMs ?? 8000;
  return new Promise((resolve) => {
    execFile(
      opts.kubectl ?? 'kubectl',
      ['get', 'nodes', '-o', 'json', `--request-timeout=${Math.ceil(timeout / 1000)}s`],
      { env: env as NodeJS.ProcessEnv, timeout: timeout + 2000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          const code = (error as NodeJS.ErrnoException).code;
          const last = stderr.trim().split('\n').at(-1);
          const reason =
            code === 'ENOENT' ? 'kubectl is not installed' : `kubectl get nodes failed: ${last || error.message}`;
          return resolve({ nodes: [], reason });
        }
        try {
          resolve({ nodes: parseNodeList(stdout) });
        } catch {
          resolve({ nodes: [], reason: 'kubectl get nodes did not print a node list' });
        }
      },
    );
  });
}
