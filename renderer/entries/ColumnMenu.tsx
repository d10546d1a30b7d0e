// A column's menu: how its values are shown (format, byte order; remembered per map), a filter on it, move it, hide it.
import { useEffect, useRef, useState } from 'react';

import { FORMATS, type FormatChoice, type FormatName, formatsFor, isScalarInt } from '../../shared/formats/index.js';

import type { ViewColumn } from './view-columns.js';

export interface ColumnMenuActions {
  /** Changes the column's format and/or byte order (the rest of the choice stays); null: back to inferred. */
  onFormat(col: ViewColumn, change: FormatChoice | null): void;
  onHide(col: ViewColumn): void;
  /** Moves the column one place left (-1) or right (+1) among the shown ones. */
  onMove(col: ViewColumn, delta: -1 | 1): void;
  /** Adds "name clause" to the view's filter and applies it. */
  onAddFilter(col: ViewColumn, clause: string): void;
}

const EXAMPLES: Partial<Record<FormatName, string>> = {
  ipv4: 'in 10.0.0.0/8',
  ipv6: 'in 2001:db8::/32',
  proto: '= tcp',
  port: '= 443',
  age: '< 5s',
  bytes: '> 1MiB',
  duration: '> 1ms',
  enum: '= NAME',
  bool: '= true',
  string: '= "eth0"',
  mac: '= 02:42:ac:11:00:0a',
};

/** How the filter language names a column: its path, with @cpuN for one CPU's slot. */
export const filterName = (col: ViewColumn): string =>
  col.field ? `${col.field.path}${typeof col.cpu === 'number' ? `@cpu${col.cpu}` : ''}` : col.label;

export function ColumnMenu({
  col,
  onFormat,
  onHide,
  onMove,
  onAddFilter,
  onClose,
  first,
  last,
}: ColumnMenuActions & { col: ViewColumn; onClose(): void; first: boolean; last: boolean }) {
  const [clause, setClause] = useState('');
  const box = useRef<HTMLDivElement>(null);
  // Opened from its button: the keyboard goes on in the menu.
  useEffect(() => box.current?.querySelector<HTMLElement>('select, input, button')?.focus(), []);
  const f = col.field;
  const byteOrder = f && isScalarInt(f) && f.size > 1 && !f.bits;
  return (
    <div role="dialog" aria-label={`Column ${col.label}`} className="col-menu" ref={box}>
      {f && (
        <label>
          Show as{' '}
          <select
            aria-label="Format"
            value={f.format}
            onChange={(e) => onFormat(col, { format: e.target.value as FormatName })}
          >
            {formatsFor(f).map((name) => (
              <option key={name} value={name}>
                {FORMATS[name]}
              </option>
            ))}
          </select>
        </label>
      )}
      {f && byteOrder && (
        <label>
          Byte order{' '}
          <select
            aria-label="Byte order"
            value={f.readEndian}
            onChange={(e) => onFormat(col, { endian: e.target.value as 'le' | 'be' })}
          >
            <option value="le">little-endian (host){f.endian === 'le' ? ', as declared' : ''}</option>
            <option value="be">big-endian (network){f.endian === 'be' ? ', as declared' : ''}</option>
          </select>
        </label>
      )}
      {f?.chosen && (
        <button type="button" onClick={() => onFormat(col, null)}>
          Back to inferred
        </button>
      )}
      {f && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (clause.trim() === '') return;
            onAddFilter(col, `${filterName(col)} ${clause.trim()}`);
            onClose();
          }}
        >
          <label>
            Filter{' '}
            <input
              type="text"
              aria-label={`Filter ${col.label}`}
              placeholder={EXAMPLES[f.format] ?? '> 100'}
              value={clause}
              onChange={(e) => setClause(e.target.value)}
            />
          </label>
          <button type="submit">Add</button>
        </form>
      )}
      <span className="col-move">
        <button type="button" disabled={first} onClick={() => onMove(col, -1)}>
          ◀ Move left
        </button>
        <button type="button" disabled={last} onClick={() => onMove(col, 1)}>
          Move right ▶
        </button>
      </span>
      <button
        type="button"
        onClick={() => {
          onHide(col);
          onClose();
        }}
      >
        Hide column
      </button>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
