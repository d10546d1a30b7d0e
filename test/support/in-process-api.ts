// The real emulated engine behind the real handler table, as an ApiClient, for component and store tests.
// Results pass through JSON like they do over the WebSocket, so tests see what the renderer really gets.
import { clientFromCaller } from '../../shared/client.js';
import type { ApiClient, AppEvent } from '../../shared/contract.js';
import type { PinStore } from '../../shared/engine.js';
import { createEmulatedEngine } from '../../main/engine/emulated/index.js';
import { dispatch } from '../../main/host/dispatch.js';
import { createHandlers } from '../../main/host/handlers.js';

export interface InProcessApi {
  api: ApiClient;
  engine: PinStore;
  dispose(): Promise<void>;
}

export async function createInProcessApi(opts: { demo?: boolean; undoWindowMs?: number } = {}): Promise<InProcessApi> {
  const engine = await createEmulatedEngine({ demo: opts.demo ?? false, traffic: false });
  const handlers = createHandlers(engine, opts.undoWindowMs === undefined ? {} : { undoWindowMs: opts.undoWindowMs });
  const api = clientFromCaller(
    async (op, req) => JSON.parse(JSON.stringify(await dispatch(handlers, op, JSON.parse(JSON.stringify(req ?? {}))))),
    (listener: (e: AppEvent) => void) => engine.subscribe((e) => listener(JSON.parse(JSON.stringify(e)))),
  );
  return { api, engine, dispose: () => engine.dispose() };
}
