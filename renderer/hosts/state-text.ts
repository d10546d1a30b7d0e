// A host's state in the rail's words: "connected as uid 0 · 6.18 · /sys/fs/bpf", "disconnected 12 s ago".
import type { HostState } from '../../shared/hosts.js';

const ago = (ms: number): string => {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s`;
  const m = Math.round(s / 60);
  return m < 90 ? `${m} min` : `${Math.round(m / 60)} h`;
};

/** "6.18" of "6.18.0-1-amd64"; the whole string when it does not start with a version. */
const shortKernel = (kernel: string): string => /^\d+\.\d+/.exec(kernel)?.[0] ?? kernel;

export function hostStateText(state: HostState, now: number): string {
  switch (state.state) {
    case 'idle':
      return 'not connected';
    case 'connecting':
      return 'connecting…';
    case 'authenticating':
      return 'waiting for your answer…';
    case 'connected':
      return `connected as uid ${state.uid} · ${shortKernel(state.kernel)} · ${state.mount}`;
    case 'disconnected': {
      const retry = state.retryAt !== undefined ? ` · retrying in ${ago(state.retryAt - now)}` : '';
      return `disconnected ${ago(now - state.since)} ago${retry}`;
    }
  }
}
