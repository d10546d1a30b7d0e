// The composition root: one engine, its map views, its Undo windows and the handler table, built once and handed
// to a transport (serve, Electron, the agent). The host owns the engine: dispose() ends views, Undo and engine.
import type { AppEvent } from '../../shared/contract.js';
import type { PinStore } from '../../shared/engine.js';

import { MapViewManager } from '../mapview/manager.js';
import { dispatch } from './dispatch.js';
import { createHandlers } from './handlers.js';
import type { HostPort } from './port.js';
import { UndoRegistry } from './undo.js';

export interface HostOptions {
  /** How long unlinkWithUndo keeps the object (ms); tests shorten it. */
  undoWindowMs?: number;
  /**
   * Every reply is encoded with the wire codec as soon as it is made (the agent's pipe): map view windows may then
   * be views on the host's own rows instead of copies. Off for direct callers, which keep replies, and for Electron
   * IPC, whose structured clone would copy each view's whole underlying buffer.
   */
  repliesSerialized?: boolean;
}

export interface Host extends HostPort {
  readonly views: MapViewManager;
  readonly undo: UndoRegistry;
  /** Closes every view, stops the Undo timers (held pins stay for the next start), then the engine. Idempotent. */
  dispose(): Promise<void>;
}

export function createHost(engine: PinStore, opts: HostOptions = {}): Host {
  const views = new MapViewManager(engine, { borrowWindows: opts.repliesSerialized === true });
  const undo = new UndoRegistry(engine, opts.undoWindowMs);
  const handlers = createHandlers(engine, { views, undo });
  let disposed: Promise<void> | undefined;
  return {
    views,
    undo,
    dispatch: (op, req) => dispatch(handlers, op, req),
    subscribe: (listener: (event: AppEvent) => void) => {
      const offEngine = engine.subscribe(listener);
      const offViews = views.subscribe(listener);
      return () => {
        offEngine();
        offViews();
      };
    },
    dispose: () => {
      disposed ??= (async () => {
        views.dispose();
        undo.dispose();
        await engine.dispose();
      })();
      return disposed;
    },
  };
}
