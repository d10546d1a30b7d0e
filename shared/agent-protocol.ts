// The agent protocol's own messages (docs/agent-protocol.md): the hello each side sends first, and the goodbye an
// agent sends before it ends a connection it cannot go on with. Everything between is WsCall / WsServerFrame.
import type { EngineDescription } from './engine.js';
import type { WireError } from './errors.js';

/** Bumped only for changes an older peer would misread; additions (ops, events, fields) keep it. */
export const AGENT_PROTOCOL_VERSION = 2;

/** What the agent can do where it runs: who it is, what it may do, which bpffs mounts it sees. */
export interface AgentFacts {
  /** bpfscope's version, e.g. "0.1.0". */
  version: string;
  pid: number;
  /** uname -r. */
  kernel: string;
  uid: number;
  /** Effective capabilities by name (CAP_BPF, CAP_SYS_ADMIN, CAP_PERFMON...), from /proc/self/status CapEff. */
  capabilities: string[];
  /** Mount points of fstype bpf in the agent's mount namespace. */
  bpffs: string[];
}

export interface AgentHello {
  hello: AgentFacts & {
    protocol: number;
    role: 'agent';
    /** The engine it opened; absent when it could not (see error), and then the agent exits. */
    engine?: EngineDescription;
    error?: WireError;
  };
}

export interface ClientHello {
  hello: { protocol: number; role: 'client'; client: string };
}

/** The agent's last frame on a connection it ends: a protocol mismatch or a stream it cannot read. */
export interface AgentBye {
  bye: { reason: 'protocol-mismatch' | 'bad-frame' | 'no-hello'; message: string };
}

export function isClientHello(v: unknown): v is ClientHello {
  const h = (v as Partial<ClientHello> | null)?.hello;
  return typeof h === 'object' && h !== null && h.role === 'client' && typeof h.protocol === 'number';
}

export function isAgentHello(v: unknown): v is AgentHello {
  const h = (v as Partial<AgentHello> | null)?.hello;
  return typeof h === 'object' && h !== null && h.role === 'agent' && typeof h.protocol === 'number';
}
