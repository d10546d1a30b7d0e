// Kubernetes nodes reached through the user's own kubectl (its kubeconfig, auth plugins and RBAC; bpfscope holds no
// cluster credentials): a one-shot `kubectl debug node/NAME` pod running the agent, or `kubectl exec` into the agent
// container of the opt-in DaemonSet (packaging/k8s/agent-daemonset.yaml). Both speak the agent protocol on stdio.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { BpfError } from '../../shared/errors.js';

import { type AgentCommand, type AgentLauncher, commandLauncher } from './launcher.js';

/** The DaemonSet's namespace, container and pod label (packaging/k8s/agent-daemonset.yaml says the same). */
export const AGENT_NAMESPACE = 'bpfscope';
export const AGENT_CONTAINER = 'agent';
export const AGENT_POD_LABEL = 'app.kubernetes.io/name=bpfscope-agent';
/** What `docker build -t bpfscope-agent -f packaging/container/Containerfile .` tags; clusters pass --image. */
export const DEFAULT_AGENT_IMAGE = 'bpfscope-agent:latest';
/** Where `kubectl debug node` mounts the node's root file system, and so the node's own bpffs. */
export const NODE_DEBUG_BPFFS = '/host/sys/fs/bpf';

export interface KubectlOptions {
  /** The kubectl program; "kubectl" from PATH when absent. */
  kubectl?: string;
  /** A kubeconfig context other than the current one. */
  context?: string;
  /** Where `kubectl debug node` creates its pod; the context's namespace when absent. */
  namespace?: string;
  /** The agent image `kubectl debug node` runs. */
  image?: string;
  env?: NodeJS.ProcessEnv;
}

export type KubeTarget = { kind: 'node'; node: string } | { kind: 'pod'; namespace: string; pod: string };

// DNS-1123 names, which also keeps a name from being read as a kubectl flag.
const SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const LABEL = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Why `name` cannot be a Kubernetes node, pod (subdomain) or namespace (label) name; undefined when it can. */
export function kubeNameProblem(name: string, what: 'node' | 'pod' | 'namespace'): string | undefined {
  const ok = (what === 'namespace' ? LABEL : SUBDOMAIN).test(name);
  return ok
    ? undefined
    : `"${name}" is not a valid ${what} name (lower-case letters, digits, "-"${what === 'namespace' ? '' : ', "."'})`;
}

function checkName(name: string, what: 'node' | 'pod' | 'namespace'): void {
  const problem = kubeNameProblem(name, what);
  if (problem)
    throw new BpfError('EINVAL', `${problem}.`, {
      hint: 'Copy the name from `kubectl get nodes` or `kubectl get pods -A`.',
    });
}

function globalArgs(opts: KubectlOptions): string[] {
  return opts.context === undefined ? [] : [`--context=${opts.context}`];
}

/**
 * The agent waits for one byte from the client before it starts: `kubectl debug -i` attaches only once the
 * container runs, and whatever it printed before (the agent's hello) would be lost.
 */
const WAIT_FOR_ATTACH = 'dd bs=1 count=1 of=/dev/null 2>/dev/null && exec bpfscope agent --stdio "$@"';

/**
 * `kubectl debug node/NAME --profile=sysadmin -i`: a privileged pod in the node's namespaces with the node's root at
 * /host, running the agent. `customFile` holds the container fields kubectl has no flag for ({"stdinOnce": true}:
 * the agent sees end of input, and exits, when the client goes).
 */
export function kubectlDebugNodeCommand(
  node: string,
  agentArgs: readonly string[],
  opts: KubectlOptions,
  customFile: string,
): AgentCommand {
  checkName(node, 'node');
  if (opts.namespace !== undefined) checkName(opts.namespace, 'namespace');
  return {
    command: opts.kubectl ?? 'kubectl',
    args: [
      ...globalArgs(opts),
      ...(opts.namespace === undefined ? [] : [`--namespace=${opts.namespace}`]),
      'debug',
      `node/${node}`,
      '--profile=sysadmin',
      '--stdin',
      // Without it kubectl prints "Creating debugging pod ..." on stdout, in the middle of the frames.
      '--quiet',
      `--image=${opts.image ?? DEFAULT_AGENT_IMAGE}`,
      `--custom=${customFile}`,
      '--',
      'sh',
      '-c',
      WAIT_FOR_ATTACH,
      'bpfscope-agent',
      ...agentArgs,
    ],
    ...(opts.env ? { env: opts.env } : {}),
  };
}

/** `kubectl exec -i` into the agent container of a pod (the DaemonSet's), which runs the agent for this session. */
export function kubectlExecCommand(
  namespace: string,
  pod: string,
  agentArgs: readonly string[],
  opts: KubectlOptions,
): AgentCommand {
  checkName(namespace, 'namespace');
  checkName(pod, 'pod');
  return {
    command: opts.kubectl ?? 'kubectl',
    args: [
      ...globalArgs(opts),
      'exec',
      '--stdin',
      `--namespace=${namespace}`,
      pod,
      `--container=${AGENT_CONTAINER}`,
      '--',
      'bpfscope',
      'agent',
      '--stdio',
      ...agentArgs,
    ],
    ...(opts.env ? { env: opts.env } : {}),
  };
}

export function kubeTargetLabel(target: KubeTarget): string {
  return target.kind === 'node' ? `kubectl node/${target.node}` : `kubectl pod/${target.namespace}/${target.pod}`;
}

/** A launcher for either way in; names are checked here, so a bad one fails before anything runs. */
export function kubectlLauncher(target: KubeTarget, agentArgs: readonly string[], opts: KubectlOptions): AgentLauncher {
  const via = kubeTargetLabel(target);
  if (target.kind === 'pod')
    return commandLauncher(via, kubectlExecCommand(target.namespace, target.pod, agentArgs, opts));
  kubectlDebugNodeCommand(target.node, agentArgs, opts, '');
  return {
    via,
    spawn: () => {
      const dir = mkdtempSync(join(tmpdir(), 'bpfscope-kubectl-'));
      const custom = join(dir, 'agent-container.json');
      writeFileSync(custom, `${JSON.stringify({ stdinOnce: true })}\n`, { mode: 0o600 });
      const cmd = kubectlDebugNodeCommand(target.node, agentArgs, opts, custom);
      const child = commandLauncher(via, cmd).spawn();
      // kubectl has read the file long before it ends (or it never started).
      const clean = () => rmSync(dir, { recursive: true, force: true });
      child.once('close', clean);
      child.once('error', clean);
      child.stdin.write('\n');
      return child;
    },
  };
}
