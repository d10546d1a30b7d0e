// A shown host's snapshot actions in its bar: "Capture snapshot…" of a live host; on a snapshot, "Compare with
// live" (the host the window opened first, else any connected live host) and "Compare with…" any other host.
import { useState } from 'react';

import type { HostEntry } from '../../shared/hosts.js';

import { useHosts } from './context.js';

const isSnapshot = (h: HostEntry): boolean => h.spec.kind === 'snapshot';

export function SnapshotActions({ host }: { host: HostEntry }) {
  const listing = useHosts((s) => s.listing);
  const openCapture = useHosts((s) => s.openCapture);
  const compare = useHosts((s) => s.compare);
  const [other, setOther] = useState('');
  const connected = host.state.state === 'connected';
  if (!isSnapshot(host)) {
    return (
      <button type="button" disabled={!connected} onClick={() => openCapture(host.id)}>
        Capture snapshot…
      </button>
    );
  }
  const others = (listing?.hosts ?? []).filter((h) => h.id !== host.id && h.state.state === 'connected');
  const lives = others.filter((h) => !isSnapshot(h));
  const live = lives.find((h) => h.id === listing?.primary) ?? lives[0];
  const target = others.find((h) => h.id === other) ?? others[0];
  return (
    <span className="snapshot-actions">
      <button
        type="button"
        disabled={!live}
        title={live ? `Compare with ${live.label} as it is now` : 'No live host is connected'}
        onClick={() => live && void compare(host.id, live.id)}
      >
        Compare with live
      </button>
      <select aria-label="Compare with" value={target?.id ?? ''} onChange={(e) => setOther(e.target.value)}>
        {others.map((h) => (
          <option key={h.id} value={h.id}>
            {h.label}
          </option>
        ))}
      </select>
      <button type="button" disabled={!target} onClick={() => target && void compare(host.id, target.id)}>
        Compare
      </button>
    </span>
  );
}
