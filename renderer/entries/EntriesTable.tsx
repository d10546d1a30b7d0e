// The virtualized entries table: one column per field (or a flow column for a flow key), a spacer as tall as the
// view (capped), and only the rows on screen rendered at the scroll position. Rows come from the window main
// served; missing rows are asked for as you scroll. Rows and cells that changed since the user last looked are
// marked; a value too wide for its column gets a button that opens the row's details instead of an ellipsis.
import { memo, type ReactNode, useEffect, useMemo, useState } from 'react';

import type { MapViewWindow, SortSpec } from '../../shared/mapview.js';

import { ColumnHeader } from './ColumnHeader.js';
import type { ColumnMenuActions } from './ColumnMenu.js';
import { type CellView, cellAt, SINCE_LOOK } from './cells.js';
import type { ViewCodec } from './codec.js';
import { geometry, OVERSCAN, ROW_HEIGHT, VIEWPORT_HEIGHT, VISIBLE_ROWS } from './columns.js';
import { type RowView, rowAt } from './decode-row.js';
import { CHAR_PX, sortedColumn, type ViewColumn } from './view-columns.js';

export interface EntriesTableProps extends ColumnMenuActions {
  codec: ViewCodec;
  /** Shown columns, in order. */
  columns: ViewColumn[];
  total: number;
  win: MapViewWindow | null;
  showHex: boolean;
  sort: SortSpec | null;
  selectedKey: string | null;
  requestRows(offset: number, count: number): void;
  onSort(col: ViewColumn): void;
  onResize(col: ViewColumn, px: number): void;
  onSelect(row: RowView): void;
  onEdit?(row: RowView): void;
  /** Extra content for the first value cell (links of prog_array / map-in-map values). */
  valueExtra?(row: RowView): ReactNode;
}

const ACTIONS_PX = 104;
const CELL_PADDING_PX = 14;

const fits = (text: string, width: number): boolean => text.length * CHAR_PX <= width - CELL_PADDING_PX;

function Cell(p: { c: CellView; col: ViewColumn; showHex: boolean; extra?: ReactNode; onMore(): void }) {
  const { c, col, showHex } = p;
  const text = showHex ? c.hex : c.text;
  const wide = !fits(text + (c.rate ? ` ${c.rate}` : ''), col.width);
  return (
    <div
      role="cell"
      data-col={col.id}
      className={`entry-cell${c.changed ? ' cell-changed' : ''}${wide ? ' wide' : ''}`}
      title={showHex ? c.text : c.title ? `${c.title}\n${c.hex}` : c.hex}
    >
      <span className={showHex ? 'hex' : 'decoded'}>{text}</span>
      {c.rate && <span className="rate">{c.rate}</span>}
      {p.extra}
      {wide && (
        <button
          type="button"
          className="link-button more"
          aria-label={`Show all of ${col.label}`}
          onClick={(e) => {
            e.stopPropagation();
            p.onMore();
          }}
        >
          …
        </button>
      )}
    </div>
  );
}

interface RowProps {
  row: RowView;
  win: MapViewWindow;
  codec: ViewCodec;
  columns: ViewColumn[];
  showHex: boolean;
  selected: boolean;
  extra: ReactNode;
  onSelect(row: RowView): void;
  onEdit?: ((row: RowView) => void) | undefined;
}

const Row = memo(function Row({ row, win, codec, columns, showHex, selected, extra, onSelect, onEdit }: RowProps) {
  const mark = win.sinceLook[row.index - win.offset] ?? SINCE_LOOK.same;
  const vanished = win.vanished[row.index - win.offset] === 1;
  const firstValue = columns.findIndex((c) => c.part === 'value');
  return (
    <div
      role="row"
      aria-rowindex={row.index + 2}
      aria-selected={selected}
      data-since-look={mark === SINCE_LOOK.added ? 'added' : mark === SINCE_LOOK.changed ? 'changed' : undefined}
      className={`entry-row${mark === SINCE_LOOK.changed ? ' changed' : mark === SINCE_LOOK.added ? ' added' : ''}${selected ? ' selected' : ''}${vanished ? ' vanished' : ''}`}
      title={vanished ? 'Gone: its lookup found no such key; the next full scan drops it' : undefined}
      onClick={() => onSelect(row)}
    >
      {columns.map((col, j) => (
        <Cell
          key={col.id}
          c={cellAt(win, row.index, col, codec)}
          col={col}
          showHex={showHex}
          extra={j === firstValue ? extra : undefined}
          onMore={() => onSelect(row)}
        />
      ))}
      <div role="cell" className="entry-actions">
        {mark === SINCE_LOOK.added && <span className="badge-new">new</span>}
        {vanished && <span className="badge-gone">gone</span>}
        <button
          type="button"
          className="link-button"
          aria-label={`Details of row ${row.index + 1}`}
          onClick={(e) => {
            e.stopPropagation();
            onSelect(row);
          }}
        >
          Details
        </button>
        {onEdit && (
          <button
            type="button"
            className="link-button"
            aria-label={`Edit row ${row.index + 1}`}
            onClick={(e) => {
              e.stopPropagation();
              onEdit(row);
            }}
          >
            Edit
          </button>
        )}
      </div>
    </div>
  );
});

export function EntriesTable(props: EntriesTableProps) {
  const { codec, total, win, showHex, sort, columns } = props;
  const [scrollTop, setScrollTop] = useState(0);
  const [menu, setMenu] = useState<string | null>(null);
  const [live, setLive] = useState<{ id: string; px: number } | null>(null);
  const g = geometry(total, scrollTop);
  const count = Math.min(VISIBLE_ROWS, Math.max(0, total - g.first));
  const covered = win !== null && g.first >= win.offset && g.first + count <= win.offset + win.count;
  const { requestRows } = props;

  useEffect(() => {
    if (covered) return;
    const start = Math.max(0, g.first - OVERSCAN);
    requestRows(start, Math.min(count + 2 * OVERSCAN + (g.first - start), Math.max(0, total - start)));
  }, [covered, g.first, count, total, requestRows]);

  const shown = useMemo(
    () => (live ? columns.map((c) => (live.id === c.id ? { ...c, width: live.px } : c)) : columns),
    [columns, live],
  );
  const template = `${shown.map((c) => `${Math.round(c.width)}px`).join(' ')} ${ACTIONS_PX}px`;
  const widthPx = shown.reduce((n, c) => n + Math.round(c.width), ACTIONS_PX);
  const sortCol = sortedColumn(columns, sort);

  const rows: ReactNode[] = [];
  for (let i = 0; i < count; i++) {
    const index = g.first + i;
    const row = rowAt(win, index, codec);
    if (!row || !win) {
      rows.push(
        <div role="row" key={`p${i}`} className="entry-row pending" aria-rowindex={index + 2}>
          <div role="cell">…</div>
        </div>,
      );
      continue;
    }
    rows.push(
      <Row
        key={`r${index}`}
        row={row}
        win={win}
        codec={codec}
        columns={shown}
        showHex={showHex}
        selected={row.key.hex === props.selectedKey}
        extra={props.valueExtra?.(row)}
        onSelect={props.onSelect}
        onEdit={props.onEdit}
      />,
    );
  }
  return (
    <div className="entries-table-frame">
      <div
        role="table"
        aria-label="Map entries"
        aria-rowcount={total + 1}
        className="entries-table"
        style={{ width: widthPx }}
      >
        <div role="row" className="entry-row entry-head" style={{ gridTemplateColumns: template }} aria-rowindex={1}>
          {shown.map((col, i) => (
            <ColumnHeader
              key={col.id}
              col={col}
              first={i === 0}
              last={i === shown.length - 1}
              sortDir={sortCol?.id === col.id && sort ? sort.dir : null}
              menuOpen={menu === col.id}
              setMenu={setMenu}
              onSort={props.onSort}
              onResize={(c, px, commit) => {
                if (commit) {
                  setLive(null);
                  props.onResize(c, px);
                } else setLive({ id: c.id, px: Math.max(40, px) });
              }}
              onFormat={props.onFormat}
              onHide={props.onHide}
              onMove={props.onMove}
              onAddFilter={props.onAddFilter}
            />
          ))}
          <div role="columnheader">
            <span className="sr-only">Actions</span>
          </div>
        </div>
        <div
          className="entries-scroll"
          data-testid="entries-scroll"
          style={{ height: VIEWPORT_HEIGHT }}
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        >
          <div className="entries-spacer" style={{ height: g.spacerPx }}>
            <div
              role="rowgroup"
              className="entries-rows"
              style={{
                transform: `translateY(${g.top}px)`,
                ['--entry-grid' as string]: template,
                ['--row-h' as string]: `${ROW_HEIGHT}px`,
              }}
            >
              {rows}
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
