// A live chart of one value field: of the selected entry (track mode 'entry') or summed over all entries
// ('sum'). Main records the series at each refresh; this draws them with uPlot, plus the per-second rate.
import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

import type { FieldRef } from '../../shared/fields.js';
import type { MapViewSeriesPoints, TrackSpec } from '../../shared/mapview.js';

import { fieldId } from './filter-parse.js';
import { formatRate } from './numbers.js';

export const CHART_SERIES_ID = 'chart';

export interface ChartProps {
  fields: FieldRef[];
  perCpu: boolean;
  track: TrackSpec | null;
  /** Hex of the selected row's key (for 'entry' mode), or null. */
  selectedKey: string | null;
  selectedLabel: string | null;
  series: MapViewSeriesPoints | null;
  setTrack(t: TrackSpec | null): void;
}

/** Canvas drawing needs a real browser; jsdom has no 2D context. */
const canDraw = typeof navigator !== 'undefined' && !/jsdom/i.test(navigator.userAgent);

function ratesOf(s: MapViewSeriesPoints): number[] {
  const out: number[] = [0];
  for (let i = 1; i < s.values.length; i++) {
    const dt = (s.times[i]! - s.times[i - 1]!) / 1000;
    out.push(dt > 0 ? (s.values[i]! - s.values[i - 1]!) / dt : 0);
  }
  return out;
}

const dataOf = (s: MapViewSeriesPoints): uPlot.AlignedData => [
  Array.from(s.times, (t) => t / 1000),
  Array.from(s.values),
  ratesOf(s),
];

function Plot({ s, label }: { s: MapViewSeriesPoints; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(s);
  useEffect(() => {
    if (!canDraw || !el.current) return;
    const target = el.current;
    let dead = false;
    // Loaded on first use: uPlot reads matchMedia at import time, and most sessions never chart.
    void import('uplot').then(({ default: UPlot }) => {
      if (dead) return;
      const ink = getComputedStyle(target).color;
      const opts: uPlot.Options = {
        width: 560,
        height: 180,
        series: [{}, { label, stroke: '#2a6fdb' }, { label: 'per second', stroke: '#d9822b', scale: 'rate' }],
        // Axis labels in the page's text colour, so they read in the dark theme too.
        axes: [{ stroke: ink }, { stroke: ink }, { scale: 'rate', side: 1, grid: { show: false }, stroke: ink }],
      };
      plot.current = new UPlot(opts, dataOf(latest.current), target);
    });
    return () => {
      dead = true;
      plot.current?.destroy();
      plot.current = null;
    };
  }, [label]);
  latest.current = s;
  useEffect(() => {
    plot.current?.setData(dataOf(s));
  }, [s]);
  return <div ref={el} className="chart-canvas" />;
}

export function Chart({ fields, perCpu, track, selectedKey, selectedLabel, series, setTrack }: ChartProps) {
  const choose = (mode: 'off' | 'sum' | 'entry', id: string): void => {
    const field = fields.find((f) => fieldId(f) === id) ?? fields[0];
    if (mode === 'off' || !field) return setTrack(null);
    const cpu = perCpu ? { cpu: 'sum' as const } : {};
    if (mode === 'sum') return setTrack({ id: CHART_SERIES_ID, mode: 'sum', field, ...cpu });
    if (selectedKey !== null) setTrack({ id: CHART_SERIES_ID, mode: 'entry', key: selectedKey, field, ...cpu });
  };
  const mode = track?.mode ?? 'off';
  const fid = track ? fieldId(track.field) : fields[0] ? fieldId(fields[0]) : '';
  const n = series?.values.length ?? 0;
  const last = n > 0 ? series!.values[n - 1]! : null;
  const rates = series && n > 1 ? ratesOf(series) : [];
  const label = track ? `${track.mode === 'sum' ? 'sum of ' : ''}${track.field.path}` : '';
  return (
    <section className="entries-chart" aria-label="Chart">
      <label>
        Chart{' '}
        <select
          aria-label="Chart mode"
          value={mode}
          onChange={(e) => choose(e.target.value as 'off' | 'sum' | 'entry', fid)}
        >
          <option value="off">off</option>
          <option value="sum">sum over all entries</option>
          <option value="entry" disabled={selectedKey === null}>
            selected entry{selectedLabel ? ` (${selectedLabel})` : ' (click a row)'}
          </option>
        </select>
      </label>
      <select
        aria-label="Chart field"
        value={fid}
        disabled={fields.length === 0}
        onChange={(e) => choose(mode === 'off' ? 'sum' : mode, e.target.value)}
      >
        {fields.map((f) => (
          <option key={fieldId(f)} value={fieldId(f)}>
            {f.path}
          </option>
        ))}
      </select>
      {track && series && (
        <>
          <p className="chart-caption" aria-label="Chart points">
            {label}: {n} point{n === 1 ? '' : 's'}
            {last !== null ? `, now ${last}` : ''}
            {rates.length > 0 ? `, ${formatRate(rates[rates.length - 1]!)}` : ''}
          </p>
          <Plot s={series} label={label} />
        </>
      )}
      {mode === 'off' && fields.length === 0 && <p className="note">This map has no numeric value fields to chart.</p>}
    </section>
  );
}
