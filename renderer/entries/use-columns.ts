// The view's columns with the user's choices for this map (from the store, per map name per host), and the
// actions of the column headers, menus and chooser.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';

import type { FormatChoice } from '../../shared/formats/index.js';

import { columnPrefsKey, EMPTY_PREFS } from '../store/column-prefs-slice.js';
import { useAppStore } from '../store/context.js';
import type { ViewCodec } from './codec.js';
import { type ViewColumn, viewColumns } from './view-columns.js';

export interface ColumnActions {
  onFormat(col: ViewColumn, change: FormatChoice | null): void;
  onHide(col: ViewColumn): void;
  setHidden(col: ViewColumn, hidden: boolean): void;
  onResize(col: ViewColumn, px: number): void;
  onMove(col: ViewColumn, delta: -1 | 1): void;
}

export function useColumns(
  codec: ViewCodec | null,
  mapName: string,
  valueLabel?: string,
): { columns: ViewColumn[]; actions: ColumnActions } {
  const { prefs, setFormat, setHidden, setWidth, moveColumn } = useAppStore(
    useShallow((s) => ({
      prefs: s.columnPrefs[columnPrefsKey(s.engine, mapName)] ?? EMPTY_PREFS,
      setFormat: s.setColumnFormat,
      setHidden: s.setColumnHidden,
      setWidth: s.setColumnWidth,
      moveColumn: s.moveColumn,
    })),
  );
  const columns = useMemo(() => (codec ? viewColumns(codec, prefs, valueLabel) : []), [codec, prefs, valueLabel]);
  const actions = useMemo<ColumnActions>(
    () => ({
      // A format belongs to the field: one choice covers its sum and per-CPU columns.
      onFormat: (col, change) => {
        if (!col.field) return;
        const id = col.field.id;
        setFormat(mapName, id, change === null ? null : { ...prefs.formats[id], ...change });
      },
      onHide: (col) => setHidden(mapName, col.id, true),
      setHidden: (col, hidden) => setHidden(mapName, col.id, hidden),
      onResize: (col, px) => setWidth(mapName, col.id, px),
      onMove: (col, delta) => {
        const shown = columns.filter((c) => !c.hidden).map((c) => c.id);
        moveColumn(
          mapName,
          col.id,
          delta,
          shown,
          columns.map((c) => c.id),
        );
      },
    }),
    [mapName, prefs, setFormat, setHidden, setWidth, moveColumn, columns],
  );
  return { columns, actions };
}
