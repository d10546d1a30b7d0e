// The real emulated engine behind the real host (createHost), as an ApiClient, for component and store tests.
// Results pass through the WebSocket's frame codec (JSON, or binary frames for typed arrays), so tests see what
// the renderer really gets.
import { clientFromCaller } from '../../shared/client.js';
import type { ApiClient, AppEvent } from '../../shared/contract.js';
import type { PinStore } from '../../shared/engine.js';
import { decodeFrame, encodeFrame } from '../../shared/wire-codec.js';

import { createEmulatedEngine } from '../../main/engine/emulated/index.js';
import { createHost, type Host } from '../../main/host/create-host.js';

export interface InProcessApi {
  api: ApiClient;
  engine: PinStore;
  host: Host;
  dispose(): Promise<void>;
}

export interface InProcessOptions {
  demo?: boolean;
  undoWindowMs?: number;
  /** An engine another InProcessApi made: a second bpfscope on the same mount. Its owner disposes it. */
  engine?: PinStore;
}

export async function createInProcessApi(opts: InProcessOptions = {}): Promise<InProcessApi> {
  const owned = opts.engine === undefined;
  const engine = opts.engine ?? (await createEmulatedEngine({ demo: opts.demo ?? false, traffic: false }));
  const host = createHost(engine, opts.undoWindowMs === undefined ? {} : { undoWindowMs: opts.undoWindowMs });
  const api = clientFromCaller(
    async (op, req) => roundTrip(await host.dispatch(op, roundTrip(req ?? {}))),
    (listener: (e: AppEvent) => void) => host.subscribe((e) => listener(roundTrip(e))),
  );
  // A second bpfscope ends its own views and Undo timers; the engine belongs to the first.
  const dispose = async (): Promise<void> => {
    if (owned) return host.dispose();
    host.views.dispose();
    host.undo.dispose();
  };
  return { api, engine, host, dispose };
}

/** A host as the renderer's ApiClient: results unwrapped, refusals thrown as BpfError. */
export function apiOf(host: Pick<Host, 'dispatch' | 'subscribe'>): ApiClient {
  return clientFromCaller(host.dispatch, host.subscribe);
}

function roundTrip<T>(value: T): T {
  return decodeFrame(encodeFrame(value)) as T;
}
