// One column header: the name (click: sort ascending, descending, off), a button for the column's menu
// (format, byte order, filter, hide), and a handle to resize it by dragging or with the arrow keys.
import { type PointerEvent, useEffect, useRef } from 'react';

import { ColumnMenu, type ColumnMenuActions } from './ColumnMenu.js';
import type { ViewColumn } from './view-columns.js';

export interface ColumnHeaderProps extends ColumnMenuActions {
  col: ViewColumn;
  /** Its place among the shown columns: the menu cannot move it past either end. */
  first: boolean;
  last: boolean;
  sortDir: 'asc' | 'desc' | null;
  menuOpen: boolean;
  onSort(col: ViewColumn): void;
  setMenu(id: string | null): void;
  /** While dragging (commit false) and when done (commit true). */
  onResize(col: ViewColumn, px: number, commit: boolean): void;
}

const STEP_PX = 16;

export function ColumnHeader(p: ColumnHeaderProps) {
  const { col, sortDir } = p;
  const drag = useRef<{ x: number; w: number; last: number } | null>(null);
  const head = useRef<HTMLDivElement>(null);
  const { menuOpen, setMenu } = p;
  // An open menu closes on Escape and on a click anywhere outside its header.
  useEffect(() => {
    if (!menuOpen) return;
    const outside = (e: Event) => {
      if (!head.current?.contains(e.target as Node)) setMenu(null);
    };
    const escape = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setMenu(null);
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('keydown', escape);
    };
  }, [menuOpen, setMenu]);
  const sortable = col.sort('asc') !== null;
  const arrow = sortDir === 'asc' ? ' ▲' : sortDir === 'desc' ? ' ▼' : '';
  const move = (e: PointerEvent<HTMLDivElement>, commit: boolean) => {
    const d = drag.current;
    if (!d) return;
    d.last = d.w + e.clientX - d.x;
    p.onResize(col, d.last, commit);
    if (commit) drag.current = null;
  };
  return (
    <div
      ref={head}
      role="columnheader"
      className={`col-head${col.hidden ? ' hidden' : ''}`}
      data-col={col.id}
      title={col.title}
      aria-sort={sortDir === 'asc' ? 'ascending' : sortDir === 'desc' ? 'descending' : 'none'}
    >
      {sortable ? (
        <button type="button" className="link-button col-name" onClick={() => p.onSort(col)}>
          {col.label}
          {/* aria-sort on the header says the order; the arrow is for the eye. */}
          <span aria-hidden="true">{arrow}</span>
        </button>
      ) : (
        <span className="col-name">{col.label}</span>
      )}
      {col.cpu === 'sum' && (
        <span className="type-label" title="summed over every CPU">
          {' '}
          Σ
        </span>
      )}{' '}
      <button
        type="button"
        className="link-button col-menu-button"
        aria-label={`${col.label} column options`}
        aria-haspopup="dialog"
        aria-expanded={p.menuOpen}
        onClick={() => p.setMenu(p.menuOpen ? null : col.id)}
      >
        ⋮
      </button>
      {/* biome-ignore lint/a11y/useSemanticElements: a focusable splitter; <hr> cannot take focus or pointer drags */}
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label={`Resize ${col.label}`}
        aria-valuenow={Math.round(col.width)}
        aria-valuemin={40}
        aria-valuemax={1200}
        tabIndex={0}
        className="col-resize"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture?.(e.pointerId);
          drag.current = { x: e.clientX, w: col.width, last: col.width };
        }}
        onPointerMove={(e) => move(e, false)}
        onPointerUp={(e) => move(e, true)}
        onKeyDown={(e) => {
          if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
          e.preventDefault();
          p.onResize(col, col.width + (e.key === 'ArrowLeft' ? -STEP_PX : STEP_PX), true);
        }}
      />
      {p.menuOpen && (
        <ColumnMenu
          col={col}
          onFormat={p.onFormat}
          onHide={p.onHide}
          onMove={p.onMove}
          onAddFilter={p.onAddFilter}
          first={p.first}
          last={p.last}
          onClose={() => p.setMenu(null)}
        />
      )}
    </div>
  );
}
