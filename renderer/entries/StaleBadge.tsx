// Shown while main's refreshes of the view fail: the rows on screen are from the last read that worked.
import type { StaleView } from '../store/views-slice.js';

/** HH:MM:SS in local time. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

export function StaleBadge({ stale, paused }: { stale: StaleView; paused: boolean }) {
  return (
    <p className="stale-note" role="status" aria-label="Stale entries">
      <span className="stale-badge">{stale.since > 0 ? `stale since ${clockTime(stale.since)}` : 'not read'}</span>{' '}
      Reading the map failed ({stale.code}): {stale.message}{' '}
      {paused ? 'Resume to try again.' : 'bpfscope tries again at each refresh.'}
    </p>
  );
}
