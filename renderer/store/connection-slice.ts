// How the window reaches the engine: in main's own process, or an agent process that may exit. When the agent
// goes, what died with it is said (open handles, statistics; pins held for Undo stay on the mount); when it is
// back, everything shown is read again.
import type { ApiClient, ConnectionStatus } from '../../shared/contract.js';
import type { MapViewConfig, MapViewTarget } from '../../shared/mapview.js';

import type { AppState, GetState, SetState } from './types.js';

export interface ConnectionSlice {
  connection: ConnectionStatus | null;
  reconnecting: boolean;
  loadConnection(): Promise<void>;
  /** Starts the agent again (the banner's Reconnect). */
  reconnect(): Promise<void>;
  /** A connection-changed event, or the answer of connectionStatus/reconnect. */
  connectionChanged(status: ConnectionStatus): void;
}

/** After a reconnect: events may have been missed, so everything shown is read again. */
export async function reloadAfterReconnect(
  api: ApiClient,
  get: GetState,
  set: SetState,
  notice = 'The connection to bpfscope came back; the tree, handles and details were reloaded.',
): Promise<void> {
  try {
    set({ engine: await api.describe({}) });
  } catch (err) {
    get().notifyError(err, 'Reconnecting to the engine');
    return;
  }
  const { children, expanded, entriesView } = get();
  const dirs = new Set(['', ...Object.keys(children), ...Object.keys(expanded)]);
  await Promise.all([
    ...[...dirs].map((d) => get().loadDir(d)),
    get().refreshHandles(),
    get().refreshDetails({ quiet: true }),
    get().loadHeldUnlinks(),
    get().loadMounts(),
    // The map view that closed with the agent opens again, sorted and filtered as it was.
    entriesView && !entriesView.opened ? reopenView(get, entriesView.target, entriesView.config) : undefined,
  ]);
  get().notifyInfo(notice);
}

async function reopenView(get: GetState, target: MapViewTarget, config: MapViewConfig | null): Promise<void> {
  await get().openEntriesView(target);
  if (config && get().entriesView?.opened)
    await get()
      .configureEntriesView(config)
      .catch(() => undefined);
}

const capitalized = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Says what ended with the agent, and forgets it. */
function lostWithAgent(reason: string, get: GetState, set: SetState): void {
  const s = get();
  const patch: Partial<AppState> = { handles: [] };
  const gone: string[] = [];
  if (s.handles.length > 0) gone.push(`its ${s.handles.length} open handle${s.handles.length === 1 ? '' : 's'} closed`);
  if (s.statsToken !== null) {
    gone.push('run statistics stopped');
    patch.statsToken = null;
  }
  set(patch);
  const what = gone.length > 0 ? ` With it, ${gone.join('; ')}.` : '';
  s.notifyError(new Error(`${capitalized(reason)}.${what}`));
}

export function createConnectionSlice(api: ApiClient, set: SetState, get: GetState): ConnectionSlice {
  let wasDown = false;
  return {
    connection: null,
    reconnecting: false,
    loadConnection: async () => {
      try {
        get().connectionChanged(await api.connectionStatus({}));
      } catch (err) {
        get().notifyError(err, 'Reading the connection status');
      }
    },
    reconnect: async () => {
      if (get().reconnecting) return;
      set({ reconnecting: true });
      try {
        get().connectionChanged(await api.reconnect({}));
      } catch (err) {
        get().notifyError(err, 'Reconnecting');
      } finally {
        set({ reconnecting: false });
      }
    },
    connectionChanged: (status) => {
      const prev = get().connection;
      if (prev && prev.state === status.state && prev.since === status.since) return;
      set({ connection: status });
      if (status.state === 'disconnected') {
        if (!wasDown && prev !== null) lostWithAgent(status.reason ?? 'disconnected', get, set);
        wasDown = true;
      } else if (status.state === 'connected' && wasDown) {
        wasDown = false;
        void reloadAfterReconnect(api, get, set);
      } else if (status.state === 'connected' && prev?.state === 'connected' && prev.agent?.pid !== status.agent?.pid) {
        get().agentReplaced(status);
      }
    },
  };
}
