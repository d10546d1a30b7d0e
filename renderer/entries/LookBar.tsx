// What changed since the user last looked: counts of changed, new and gone rows, "Mark seen" to start over,
// a filter for rows that changed (since then, or in the last N seconds), and the rows that vanished.
import { useState } from 'react';

import { wallTimeText } from '../../shared/formats/index.js';
import type { FilterSpec, MapViewWindow } from '../../shared/mapview.js';

import { computeCell } from './cells.js';
import type { ViewCodec } from './codec.js';
import type { ViewColumn } from './view-columns.js';

const CHANGED_CHOICES: [string, string, FilterSpec | null][] = [
  ['all', 'all rows', null],
  ['look', 'changed since you looked', { kind: 'changed' }],
  ['5', 'changed in the last 5 s', { kind: 'changed', withinMs: 5000 }],
  ['30', 'changed in the last 30 s', { kind: 'changed', withinMs: 30_000 }],
  ['60', 'changed in the last minute', { kind: 'changed', withinMs: 60_000 }],
  ['300', 'changed in the last 5 min', { kind: 'changed', withinMs: 300_000 }],
];

export const changedChoice = (f: FilterSpec | null): string =>
  CHANGED_CHOICES.find(([, , spec]) => JSON.stringify(spec) === JSON.stringify(f))?.[0] ?? 'all';

export interface LookBarProps {
  win: MapViewWindow;
  codec: ViewCodec;
  columns: ViewColumn[];
  changed: FilterSpec | null;
  setChanged(f: FilterSpec | null): void;
  markSeen(): void;
}

/** Gone row `i` of the window's look as a one-row window of its own. */
function goneRow(w: MapViewWindow, i: number): MapViewWindow {
  const key = w.look.goneKeys.slice(i * w.keySize, (i + 1) * w.keySize);
  const value = w.look.goneValues.slice(i * w.valueSize, (i + 1) * w.valueSize);
  return {
    ...w,
    offset: 0,
    count: 1,
    keys: key,
    values: value,
    prevValues: value,
    baseValues: value,
    changed: new Uint8Array(1),
    rated: new Uint8Array(1),
    sinceLook: new Uint8Array(1),
    vanished: new Uint8Array(1),
    intervalMs: 0,
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
const timeOfDay = (ms: number) => wallTimeText(ms).slice(11, 19);

export function LookBar(p: LookBarProps) {
  const [showGone, setShowGone] = useState(false);
  const { win, codec } = p;
  const { look } = win;
  const flow = p.columns.find((c) => c.flow);
  const keyColumns = p.columns.filter((c) => c.part === 'key' && c.field && !c.hidden);
  const valueColumns = p.columns.filter((c) => c.part === 'value' && !c.hidden);
  // A gone row read like a row of the table: its key (the flow) and its last values in their formats.
  const gone = (i: number) => {
    const row = goneRow(win, i);
    const text = (c: ViewColumn) => computeCell(row, 0, c, codec).text;
    return {
      key: flow ? text(flow) : keyColumns.map(text).join(' '),
      value: valueColumns.map((c) => `${c.label} ${text(c)}`).join(', '),
    };
  };
  return (
    <div className="look-bar">
      <span aria-label="Changes since you looked">
        Since you looked ({timeOfDay(look.atMs)}): {plural(look.changed, 'row')} changed, {look.added} new, {look.gone}{' '}
        gone
      </span>
      <button type="button" onClick={p.markSeen} disabled={look.changed + look.added + look.gone === 0}>
        Mark seen
      </button>
      <label>
        Show{' '}
        <select
          aria-label="Changed rows"
          value={changedChoice(p.changed)}
          onChange={(e) => p.setChanged(CHANGED_CHOICES.find(([id]) => id === e.target.value)?.[2] ?? null)}
        >
          {CHANGED_CHOICES.map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {look.goneCount > 0 && (
        <button type="button" aria-expanded={showGone} onClick={() => setShowGone(!showGone)}>
          {showGone ? 'Hide' : 'Show'} gone rows
        </button>
      )}
      {showGone && look.goneCount > 0 && (
        <ul className="gone-rows" aria-label="Gone rows">
          {Array.from({ length: look.goneCount }, (_, i) => {
            const g = gone(i);
            return (
              <li key={i}>
                <span className="gone-key">{g.key}</span> gone at {timeOfDay(look.goneAtMs[i] ?? 0)}; last{' '}
                <code>{g.value}</code>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
