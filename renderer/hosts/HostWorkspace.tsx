// One host's whole app (header, tree, details, entries, its own dialogs) on its own store. While the host is
// down its last tree stays, greyed, under "disconnected N s ago"; its store reloads what was open when it is back.
import { App } from '../App.js';
import { StoreProvider } from '../store/context.js';
import { useHosts } from './context.js';
import { SnapshotActions } from './SnapshotActions.js';
import { hostStateText } from './state-text.js';
import { useNow } from './use-now.js';

export function HostWorkspace({ id, split }: { id: string; split: boolean }) {
  const host = useHosts((s) => s.host(id));
  const storeFor = useHosts((s) => s.storeFor);
  const connect = useHosts((s) => s.connect);
  const closePane = useHosts((s) => s.closePane);
  const now = useNow();
  if (!host) return null;
  const store = storeFor(id);
  const down = host.state.state !== 'connected';
  return (
    <section className={`workspace${down ? ' host-down' : ''}`} aria-label={`Host ${host.label}`}>
      <div className="workspace-bar">
        <strong>{host.label}</strong>
        <span className="host-state">{hostStateText(host.state, now)}</span>
        {host.state.state === 'disconnected' && <span className="host-reason">{host.state.reason}</span>}
        <SnapshotActions host={host} />
        {split && (
          <button type="button" onClick={() => closePane(id)} aria-label={`Close ${host.label}`}>
            Close
          </button>
        )}
      </div>
      {store ? (
        <div className="workspace-app">
          <StoreProvider store={store}>
            <App />
          </StoreProvider>
        </div>
      ) : (
        <div className="workspace-empty">
          <p>{host.label} is not connected.</p>
          {(host.state.state === 'idle' || host.state.state === 'disconnected') && (
            <button type="button" onClick={() => void connect(id)}>
              Connect
            </button>
          )}
        </div>
      )}
    </section>
  );
}
