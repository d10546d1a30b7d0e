// Elevation: how an unprivileged bpfscope starts its agent as root (pkexec with the shipped polkit action, or
// sudo -A with the password typed into bpfscope's own dialog), and the words the header uses for who it runs as.
import type { AgentFacts } from './agent-protocol.js';

export const ELEVATION_METHODS = ['pkexec', 'sudo'] as const;
export type ElevationMethod = (typeof ELEVATION_METHODS)[number];

/** Where the .deb installs the root-owned launcher that pkexec and sudo run (the polkit action's exec.path). */
export const INSTALLED_AGENT_LAUNCHER = '/usr/lib/bpfscope/bpfscope-agent';
/** The polkit action the launcher is registered under. */
export const POLKIT_ACTION_ID = 'io.bpfscope.agent';

export interface ElevationWay {
  method: ElevationMethod;
  /** Whether this host can try it at all (the binary and launcher exist, a system bus for polkit...). */
  available: boolean;
  /** Why not, when it is not available: "pkexec is not installed", "no polkit daemon is running". */
  why?: string;
  /** sudo asks bpfscope's dialog for the user's password; pkexec asks through the desktop's polkit agent. */
  asksPassword: boolean;
}

export interface ElevationInfo {
  /** False when the engine already sees everything: emulated, or an agent that is root / holds the capabilities. */
  needed: boolean;
  /** Who the engine runs as, in the header's words ("native — uid 1000, no CAP_BPF"). */
  current: string;
  ways: ElevationWay[];
  /** The user whose password sudo asks for (the one running bpfscope). */
  user: string;
  /** Set when bpfscope was started with --elevate METHOD: the window offers that way at once. */
  requested?: ElevationMethod;
  /** An elevation already under way (e.g. pkexec started by --elevate pkexec). */
  pending?: ElevationMethod;
}

/** Root, or both capabilities bpf(2) needs to see every object. */
export function isPrivileged(facts: Pick<AgentFacts, 'uid' | 'capabilities'>): boolean {
  if (facts.uid === 0) return true;
  return facts.capabilities.includes('CAP_BPF') && facts.capabilities.includes('CAP_SYS_ADMIN');
}

/** Who an agent runs as: "root", "uid 1000, no CAP_BPF", "uid 1000 with CAP_BPF, no CAP_SYS_ADMIN". */
export function identityLabel(facts: Pick<AgentFacts, 'uid' | 'capabilities'>): string {
  if (facts.uid === 0) return 'root';
  const bpf = facts.capabilities.includes('CAP_BPF');
  const admin = facts.capabilities.includes('CAP_SYS_ADMIN');
  if (bpf && admin) return `uid ${facts.uid} with CAP_BPF and CAP_SYS_ADMIN`;
  if (bpf) return `uid ${facts.uid} with CAP_BPF, no CAP_SYS_ADMIN`;
  return `uid ${facts.uid}, no CAP_BPF`;
}

/** The header's engine label: "emulated", "native — root via pkexec", "native — uid 1000, no CAP_BPF". */
export function accessLabel(engine: string, agent: AgentFacts | undefined, via: string | undefined): string {
  if (!agent) return engine;
  const how = via === 'pkexec' || via === 'sudo' ? ` via ${via}` : '';
  return `${engine} — ${identityLabel(agent)}${how}`;
}
