// What changed since the user last looked: counts of changed, new and gone rows, "Mark seen" to start over,
// a filter for rows that changed (since then, or in the last N seconds), and the rows that vanished.
import { useState } from 'react';

import { flowText, wallTimeText } from '../../shared/formats/index.js';
import type { FilterSpec, MapViewLook } from '../../shared/mapview.js';

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
  look: MapViewLook;
  codec: ViewCodec;
  columns: ViewColumn[];
  keySize: number;
  valueSize: number;
  wallNowMs: number;
  monoNowNs: number;
  changed: FilterSpec | null;
  setChanged(f: FilterSpec | null): void;
  markSeen(): void;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
const timeOfDay = (ms: number) => wallTimeText(ms).slice(11, 19);

export function LookBar(p: LookBarProps) {
  const [showGone, setShowGone] = useState(false);
  const { look, codec } = p;
  const flow = p.columns.find((c) => c.flow)?.flow;
  const clock = { monoNowNs: p.monoNowNs, wallNowMs: p.wallNowMs };
  const keyText = (i: number) =>
    flow ? flowText(flow, look.goneKeys, i * p.keySize, clock) : codec.key.text(look.goneKeys, i * p.keySize);
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
          {Array.from({ length: look.goneCount }, (_, i) => (
            <li key={i}>
              <span className="gone-key">{keyText(i)}</span> gone at {timeOfDay(look.goneAtMs[i] ?? 0)}; last value{' '}
              <code>{codec.value.text(look.goneValues, i * p.valueSize)}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
