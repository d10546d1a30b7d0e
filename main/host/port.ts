// What every transport needs from a host, wherever it runs: call one operation, hear every pushed event.
// createHost (in this process) and an agent connection (in a child process) both have this shape.
import type { AppEvent, RpcResult } from '../../shared/contract.js';

export interface HostPort {
  /** Validates and runs one untrusted call; never throws, every failure is a typed error result. */
  dispatch(op: unknown, req: unknown): Promise<RpcResult>;
  /** Engine events and every map view's events; returns the unsubscribe function. */
  subscribe(listener: (event: AppEvent) => void): () => void;
}
