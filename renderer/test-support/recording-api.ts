// An ApiClient around a real one that records every call by operation, and can hold the pushed events back: with
// them held, what a store action calls by itself is told apart from what the events it caused start.
import type { ApiClient, AppEvent } from '../../shared/contract.js';

export interface RecordingApi {
  api: ApiClient;
  /** Every call so far, in order: the operation and its request. */
  calls: { op: string; req: unknown }[];
  /** The operations called since the last take, in order; clears them. */
  take(): string[];
  /** Events wait until release() while held. */
  hold(): void;
  /** Delivers the held events, in order, and stops holding. */
  release(): void;
}

export function recordingApi(real: ApiClient): RecordingApi {
  const calls: { op: string; req: unknown }[] = [];
  let taken = 0;
  let held: AppEvent[] | null = null;
  const listeners = new Set<(e: AppEvent) => void>();
  real.onEvent((e) => {
    if (held) held.push(e);
    else for (const l of listeners) l(e);
  });
  const api = new Proxy(real, {
    get(target, prop, receiver) {
      if (prop === 'onEvent') {
        return (l: (e: AppEvent) => void) => {
          listeners.add(l);
          return () => listeners.delete(l);
        };
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || prop === 'onReconnect') return value;
      return (req: unknown) => {
        calls.push({ op: String(prop), req });
        return (value as (r: unknown) => unknown).call(target, req);
      };
    },
  });
  return {
    api,
    calls,
    take: () => {
      const ops = calls.slice(taken).map((c) => c.op);
      taken = calls.length;
      return ops;
    },
    hold: () => {
      held ??= [];
    },
    release: () => {
      const events = held ?? [];
      held = null;
      for (const e of events) for (const l of listeners) l(e);
    },
  };
}
