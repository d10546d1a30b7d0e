// The real emulated engine behind the real handler table, as an ApiClient, for component and store tests.
// Results pass through the WebSocket's frame codec (JSON, or binary frames for typed arrays), so tests see what
// the renderer really gets.
import { clientFromCaller } from '../../shared/client.js';
import type { ApiClient, AppEvent } from '../../shared/contract.js';
import type { PinStore } from '../../shared/engine.js';
import { decodeFrame, encodeFrame } from '../../shared/wire-codec.js';

import { createEmulatedEngine } from '../../main/engine/emulated/index.js';
import { dispatch } from '../../main/host/dispatch.js';
import { createHandlers } from '../../main/host/handlers.js';
import { mapViewsOf } from '../../main/mapview/manager.js';

export interface InProcessApi {
  api: ApiClient;
  engine: PinStore;
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
  const handlers = createHandlers(engine, opts.undoWindowMs === undefined ? {} : { undoWindowMs: opts.undoWindowMs });
  const api = clientFromCaller(
    async (op, req) => roundTrip(await dispatch(handlers, op, roundTrip(req ?? {}))),
    (listener: (e: AppEvent) => void) => {
      const offEngine = engine.subscribe((e) => listener(roundTrip(e)));
      const offViews = mapViewsOf(engine).subscribe((e) => listener(roundTrip(e)));
      return () => {
        offEngine();
        offViews();
      };
    },
  );
  return {
    api,
    engine,
    dispose: async () => {
      if (!owned) return;
      mapViewsOf(engine).dispose();
      await engine.dispose();
    },
  };
}

function roundTrip<T>(value: T): T {
  return decodeFrame(encodeFrame(value)) as T;
}
