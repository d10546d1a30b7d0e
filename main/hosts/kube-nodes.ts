// The host list's view of the kubectl context's nodes: names, or why there are none, in words. No kubeconfig means
// no context to ask, so kubectl is not even started; everything else is host-connection/kube-nodes.ts.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

import { isBpfError } from '../../shared/errors.js';

import { listKubeNodes as kubectlNodes } from '../host-connection/kube-nodes.js';

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

export async function listKubeNodes(opts: KubeNodesOptions = {}): Promise<KubeNodes> {
  const env = opts.env ?? process.env;
  const configs = kubeconfigs(env);
  if (!configs.some((p) => existsSync(p))) {
    return { nodes: [], reason: `no kubectl context: ${configs.join(', ')} does not exist` };
  }
  try {
    const nodes = await kubectlNodes({
      env: env as NodeJS.ProcessEnv,
      ...(opts.kubectl === undefined ? {} : { kubectl: opts.kubectl }),
      timeoutMs: opts.timeoutMs ?? 8000,
    });
    return { nodes: nodes.map((n) => n.name) };
  } catch (e) {
    return { nodes: [], reason: isBpfError(e) ? e.message : String(e) };
  }
}
