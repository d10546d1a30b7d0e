// The virtualized entries table: a spacer as tall as the view (capped), and only the rows on screen rendered
// at the scroll position. Rows come from the window main served; missing rows are asked for as you scroll.
import { memo, type ReactNode, useEffect, useState } from 'react';

import type { MapViewWindow, SortSpec } from '../../shared/mapview.js';

import type { ViewCodec } from './codec.js';
import { geometry, gridTemplate, OVERSCAN, ROW_HEIGHT, VIEWPORT_HEIGHT, VISIBLE_ROWS, valueHeads } from './columns.js';
import { type CellView, type RowView, rowAt } from './decode-row.js';

export interface EntriesTableProps {
  codec: ViewCodec;
  total: number;
  win: MapViewWindow | null;
  showHex: boolean;
  sort: SortSpec | null;
  selectedKey: string | null;
  valueLabel?: string;
  requestRows(offset: number, count: number): void;
  onSortKey(): void;
  onSelect(row: RowView): void;
  onEdit?(row: RowView): void;
  /** Extra content for a value cell (links of prog_array / map-in-map values). */
  valueExtra?(row: RowView): ReactNode;
}

function Cell({ c, showHex, extra }: { c: CellView; showHex: boolean; extra?: ReactNode }) {
  return (
    <div role="cell" className="entry-cell" title={showHex ? c.text : c.hex}>
      <span className={showHex ? 'hex' : 'decoded'}>{showHex ? c.hex : c.text}</span>
      {c.rate && <span className="rate">{c.rate}</span>}
      {extra}
    </div>
  );
}

interface RowProps {
  row: RowView;
  showHex: boolean;
  selected: boolean;
  extra: ReactNode;
  onSelect(row: RowView): void;
  onEdit?: (row: RowView) => void;
}

const Row = memo(function Row({ row, showHex, selected, extra, onSelect, onEdit }: RowProps) {
  return (
    <div
      role="row"
      aria-rowindex={row.index + 2}
      aria-selected={selected}
      className={`entry-row${row.changed ? ' changed' : ''}${selected ? ' selected' : ''}`}
      onClick={() => onSelect(row)}
    >
      <Cell c={row.key} showHex={showHex} />
      {row.values.map((c, j) => (
        <Cell key={j} c={c} showHex={showHex} extra={j === 0 ? extra : undefined} />
      ))}
      <div role="cell" className="entry-actions">
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
  const { codec, total, win, showHex, sort } = props;
  const [scrollTop, setScrollTop] = useState(0);
  const g = geometry(total, scrollTop);
  const count = Math.min(VISIBLE_ROWS, Math.max(0, total - g.first));
  const heads = valueHeads(codec, props.valueLabel);
  const covered = win !== null && g.first >= win.offset && g.first + count <= win.offset + win.count;
  const { requestRows } = props;

  useEffect(() => {
    if (covered) return;
    const start = Math.max(0, g.first - OVERSCAN);
    requestRows(start, Math.min(count + 2 * OVERSCAN + (g.first - start), Math.max(0, total - start)));
  }, [covered, g.first, count, total, requestRows]);

  const rows: ReactNode[] = [];
  for (let i = 0; i < count; i++) {
    const index = g.first + i;
    const row = rowAt(win, index, codec);
    if (!row) {
      rows.push(
        <div role="row" key={`p${i}`} className="entry-row pending" aria-rowindex={index + 2}>
          <div role="cell">…</div>
        </div>,
      );
      continue;
    }
    const keyHex = row.key.hex;
    // Changed rows get a key per generation so their highlight animation starts again.
    rows.push(
      <Row
        key={row.changed ? `${win?.generation ?? 0}:${index}` : `r${index}`}
        row={row}
        showHex={showHex}
        selected={keyHex === props.selectedKey}
        extra={props.valueExtra?.(row)}
        onSelect={props.onSelect}
        {...(props.onEdit ? { onEdit: props.onEdit } : {})}
      />,
    );
  }
  const arrow = sort?.by === 'key' ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : '';
  const template = gridTemplate(heads.length);
  return (
    <div role="table" aria-label="Map entries" aria-rowcount={total + 1} className="entries-table">
      <div role="row" className="entry-row entry-head" style={{ gridTemplateColumns: template }} aria-rowindex={1}>
        <div
          role="columnheader"
          aria-sort={sort?.by === 'key' ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
        >
          <button type="button" className="link-button" onClick={props.onSortKey}>
            Key{arrow}
          </button>
          <span className="type-label"> {codec.key.label}</span>
        </div>
        {heads.map((h) => (
          <div role="columnheader" key={h}>
            {h}
            {h === heads[0] && <span className="type-label"> {codec.value.label}</span>}
          </div>
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
  );
}
