// The host list: every host with its state, and what can be done with it (show, show beside, connect,
// disconnect, remove one added by hand); "Add host…" at the bottom.
import type { HostEntry } from '../../shared/hosts.js';

import { useHosts } from './context.js';
import { OpenSnapshot } from './OpenSnapshot.js';
import { hostStateText } from './state-text.js';
import { useNow } from './use-now.js';

function HostItem({ host, now }: { host: HostEntry; now: number }) {
  const panes = useHosts((s) => s.panes);
  const show = useHosts((s) => s.show);
  const showBeside = useHosts((s) => s.showBeside);
  const connect = useHosts((s) => s.connect);
  const disconnect = useHosts((s) => s.disconnect);
  const remove = useHosts((s) => s.remove);
  const state = host.state.state;
  const live = state === 'connected' || state === 'connecting' || state === 'authenticating';
  const reason = host.state.state === 'disconnected' ? host.state.reason : undefined;
  return (
    <li aria-label={host.label} className={`host-item host-${state}${panes.includes(host.id) ? ' shown' : ''}`}>
      <button type="button" className="host-name" onClick={() => show(host.id)} aria-current={panes[0] === host.id}>
        {host.label}
      </button>
      <span className="host-state" title={reason}>
        {hostStateText(host.state, now)}
      </span>
      {reason && <span className="host-reason">{reason}</span>}
      <span className="host-actions">
        {live ? (
          <button type="button" onClick={() => void disconnect(host.id)}>
            Disconnect
          </button>
        ) : (
          <button type="button" onClick={() => void connect(host.id)}>
            Connect
          </button>
        )}
        <button type="button" onClick={() => showBeside(host.id)} disabled={panes[0] === host.id}>
          Beside
        </button>
        {host.source === 'saved' && (
          <button type="button" onClick={() => void remove(host.id)}>
            Remove
          </button>
        )}
        {host.source === 'snapshot' && (
          <button type="button" onClick={() => void remove(host.id)} aria-label={`Close snapshot ${host.label}`}>
            Close
          </button>
        )}
      </span>
    </li>
  );
}

export function HostRail() {
  const listing = useHosts((s) => s.listing);
  const error = useHosts((s) => s.error);
  const openAdd = useHosts((s) => s.openAdd);
  const now = useNow();
  return (
    <nav className="host-rail" aria-label="Hosts">
      <ul>
        {listing?.hosts.map((h) => (
          <HostItem key={h.id} host={h} now={now} />
        ))}
      </ul>
      <button type="button" onClick={openAdd}>
        Add host…
      </button>
      <OpenSnapshot />
      {error && (
        <p className="host-error" role="alert">
          {error}
        </p>
      )}
      {listing?.notes.map((n) => (
        <p key={n} className="host-note">
          {n}
        </p>
      ))}
    </nav>
  );
}
