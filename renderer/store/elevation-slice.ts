// "Authenticate…": the user asks to see what this engine may not open. The dialog offers the ways this host has
// (pkexec through the desktop's polkit agent, sudo with the password typed into it); main starts a root agent and
// swaps it in, and everything shown is read again. A cancelled or refused attempt leaves the unprivileged view.
import type { ApiClient, ConnectionStatus } from '../../shared/contract.js';
import type { ElevationInfo, ElevationMethod } from '../../shared/elevation.js';
import { identityLabel } from '../../shared/elevation.js';

import { reloadAfterReconnect } from './connection-slice.js';
import type { AppState, GetState, SetState } from './types.js';

export interface ElevationSlice {
  elevation: ElevationInfo | null;
  /** The way being tried right now, for the dialog's "Waiting…". */
  elevating: ElevationMethod | null;
  loadElevation(): Promise<void>;
  /** Opens the Authenticate dialog: from the header, the access banner, or a locked pin (its path). */
  authenticate(path?: string | null): void;
  /** Starts the agent as root; throws the refusal (cancelled, wrong password...) for the dialog to show. */
  elevate(method: ElevationMethod, password?: string): Promise<void>;
  /** A connected agent was replaced by another (elevation): what ended with the old one, then a full reload. */
  agentReplaced(status: ConnectionStatus): void;
}

export function createElevationSlice(api: ApiClient, set: SetState, get: GetState): ElevationSlice {
  return {
    elevation: null,
    elevating: null,
    loadElevation: async () => {
      try {
        const elevation = await api.elevation({});
        set({ elevation });
        if (elevation.requested === 'sudo' && elevation.needed && !get().dialog) get().authenticate(null);
      } catch (err) {
        get().notifyError(err, 'Reading how bpfscope could run as root');
      }
    },
    authenticate: (path = null) => {
      void get().loadElevation();
      get().openDialog('authenticate', path ?? '');
    },
    elevate: async (method, password) => {
      if (get().elevating) return;
      set({ elevating: method });
      try {
        get().connectionChanged(await api.elevate(password === undefined ? { method } : { method, password }));
      } catch (err) {
        get().notifyError(err, `Authenticating with ${method}`);
        throw err;
      } finally {
        set({ elevating: null });
        void get().loadElevation();
      }
    },
    agentReplaced: (status) => {
      // Handles and run statistics belonged to the old agent and ended with it (held unlinks stay in the mount).
      const patch: Partial<AppState> = { handles: [], statsToken: null };
      set(patch);
      const who = status.agent ? identityLabel(status.agent) : 'a new agent';
      const notice = `The engine now runs as ${who} via ${status.via}; the tree, handles and details were read again.`;
      void reloadAfterReconnect(api, get, set, notice);
      void get().loadElevation();
    },
  };
}
