// The entries view's toolbar: entries / max entries with a fill bar, refresh interval and Pause, how old the
// full scan is with "Rescan now", hex toggle, export, and Insert.
import { MAX_FULL_SCAN_MS, MAX_REFRESH_MS, MIN_FULL_SCAN_MS, MIN_REFRESH_MS } from '../../shared/mapview.js';

const INTERVALS = [250, 500, 1000, 2000, 5000, 10_000].filter((ms) => ms >= MIN_REFRESH_MS && ms <= MAX_REFRESH_MS);
const SCAN_INTERVALS = [1000, 5000, 10_000, 30_000, 60_000, 300_000].filter(
  (ms) => ms >= MIN_FULL_SCAN_MS && ms <= MAX_FULL_SCAN_MS,
);
const seconds = (ms: number): string =>
  ms < 1000 ? `${ms} ms` : ms < 60_000 ? `${ms / 1000} s` : `${ms / 60_000} min`;

export interface ViewToolbarProps {
  entries: number;
  total: number;
  maxEntries: number;
  filtered: boolean;
  complete: boolean;
  refreshMs: number;
  fullScanMs: number;
  /** Wall ms of the last read and of the last full read of the whole map (0: not yet). */
  readAt: number;
  scanAt: number;
  paused: boolean;
  showHex: boolean;
  canInsert: boolean;
  setRefresh(ms: number): void;
  setPaused(paused: boolean): void;
  setFullScan(ms: number): void;
  rescan(): void;
  setShowHex(show: boolean): void;
  exportAs(format: 'csv' | 'json'): void;
  insert(): void;
}

export function ViewToolbar(p: ViewToolbarProps) {
  const fill = p.maxEntries > 0 ? Math.min(1, p.entries / p.maxEntries) : 0;
  return (
    <div className="entries-toolbar">
      <span className="entries-count" aria-label="Entry count">
        {p.entries.toLocaleString('en-US')} / {p.maxEntries.toLocaleString('en-US')} entries
        {p.filtered ? `, ${p.total.toLocaleString('en-US')} shown` : ''}
        {p.complete ? '' : ' (reading…)'}
      </span>
      <meter
        className="fill-bar"
        aria-label="Map fill"
        min={0}
        max={1}
        value={fill}
        high={0.9}
        title={`${(fill * 100).toFixed(1)}% full`}
      />
      <label>
        Refresh{' '}
        <select
          aria-label="Refresh interval"
          value={p.refreshMs}
          onChange={(e) => p.setRefresh(Number(e.target.value))}
        >
          {INTERVALS.map((ms) => (
            <option key={ms} value={ms}>
              {seconds(ms)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" aria-pressed={p.paused} onClick={() => p.setPaused(!p.paused)}>
        {p.paused ? 'Resume' : 'Pause'}
      </button>
      {p.scanAt > 0 && (
        <span
          className="scan-age"
          aria-label="Full scan age"
          title="Each refresh reads the rows on screen; the whole map is re-read less often"
        >
          full scan {Math.max(0, Math.round((p.readAt - p.scanAt) / 1000))} s ago
        </span>
      )}
      <label>
        Full scan every{' '}
        <select
          aria-label="Full scan interval"
          value={p.fullScanMs}
          onChange={(e) => p.setFullScan(Number(e.target.value))}
        >
          {SCAN_INTERVALS.map((ms) => (
            <option key={ms} value={ms}>
              {seconds(ms)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={p.rescan}>
        Rescan now
      </button>
      <label>
        <input type="checkbox" checked={p.showHex} onChange={(e) => p.setShowHex(e.target.checked)} /> Hex
      </label>
      <button type="button" onClick={() => p.exportAs('csv')}>
        Export CSV
      </button>
      <button type="button" onClick={() => p.exportAs('json')}>
        Export JSON
      </button>
      {p.canInsert && (
        <button type="button" onClick={p.insert}>
          Insert…
        </button>
      )}
    </div>
  );
}
