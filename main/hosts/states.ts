// A host's state in the list's words, from what its connection says, and the connection status a window shows
// for a host that has no connection (never connected, or disconnected by the user).
import type { ConnectionStatus } from '../../shared/contract.js';
import type { HostSpec, HostState } from '../../shared/hosts.js';

export function connectedState(
  status: ConnectionStatus,
  engine: { mountPoint: string; kernel?: string },
  own: { uid: number; kernel: string },
): HostState {
  const agent = status.agent;
  return {
    state: 'connected',
    since: status.since,
    // In process, the engine runs as this process does.
    uid: agent?.uid ?? own.uid,
    kernel: agent?.kernel ?? engine.kernel ?? own.kernel,
    mount: engine.mountPoint,
    via: status.via,
    ...(agent ? { pid: agent.pid } : {}),
  };
}

export function idleStatus(state: HostState, spec: HostSpec): ConnectionStatus {
  const via = spec.kind === 'local' ? 'direct' : spec.kind;
  switch (state.state) {
    case 'idle':
      return { state: 'disconnected', via, since: Date.now(), reason: 'not connected yet' };
    case 'connecting':
    case 'authenticating':
      return { state: 'connecting', via, since: state.since };
    case 'connected':
      return { state: 'connected', via: state.via, since: state.since };
    case 'disconnected':
      return { state: 'disconnected', via, since: state.since, reason: state.reason };
  }
}
