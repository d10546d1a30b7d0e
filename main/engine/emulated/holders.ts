// The simulated other process of the emulated engine: the demo keeps some objects alive only through it,
// and the Objects pane shows it as a holder, like /proc/*/fd shows real processes on native.
import type { ObjectHolder } from '../../../shared/engine.js';

export const SIMULATED_HOLDER = { pid: 4242, comm: 'cilium-agent' } as const;

/** The holder entry for an object the simulated process holds `count` references on (fds from 10 on). */
export function simulatedHolders(count: number, firstFd: number): ObjectHolder[] {
  if (count <= 0) return [];
  return [{ ...SIMULATED_HOLDER, fds: Array.from({ length: count }, (_, i) => firstFd + i) }];
}
