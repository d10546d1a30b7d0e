// The live entries view of a map in the details pane: opens a map view session in main while the map is
// shown (closing it after), and lays out the toolbar, layouts, filter/sort, the virtual table, edits and chart.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';

import { bytesToHex } from '../../shared/bpf/hex.js';
import type { MapInfo } from '../../shared/engine.js';
import type { FilterSpec, SortSpec, TrackSpec } from '../../shared/mapview.js';

import { useAppStore } from '../store/context.js';
import { CHART_SERIES_ID, Chart } from './Chart.js';
import { type LayoutChoice, makeCodec, parseViewBtf } from './codec.js';
import type { RowView } from './decode-row.js';
import { EditRow } from './EditRow.js';
import { EntriesTable } from './EntriesTable.js';
import { downloadText, exportText } from './export.js';
import { FilterBar } from './FilterBar.js';
import { LayoutPicker } from './LayoutPicker.js';
import { loadLayouts, saveLayouts } from './layout-memory.js';
import { IdLink, PeekMap, specialKind, UnlistedMap, useObjectList } from './SpecialMap.js';
import { StaleBadge } from './StaleBadge.js';
import { ViewToolbar } from './ViewToolbar.js';

/** Why the map cannot be changed from user space, or null. */
export function readOnlyReason(info: MapInfo): string | null {
  if (info.frozen)
    return 'The map is frozen (BPF_MAP_FREEZE): user space can no longer change it, so edit, insert and delete are off.';
  if (info.flagNames.includes('rdonly')) return 'The map was created with BPF_F_RDONLY: user space may only read it.';
  return null;
}

export function EntriesView({ path, info }: { path: string; info: MapInfo }) {
  const kind = specialKind(info);
  if (kind === 'unlisted') return <UnlistedMap info={info} />;
  if (kind === 'peek') return <PeekMap path={path} info={info} />;
  return <LiveEntries path={path} idKind={kind === 'prog-ids' ? 'prog' : kind === 'map-ids' ? 'map' : null} />;
}

function LiveEntries({ path, idKind }: { path: string; idKind: 'prog' | 'map' | null }) {
  const { view, api, open, close, requestRows, configure, notifyError } = useAppStore(
    useShallow((s) => ({
      view: s.entriesView,
      api: s.api,
      open: s.openEntriesView,
      close: s.closeEntriesView,
      requestRows: s.requestRows,
      configure: s.configureEntriesView,
      notifyError: s.notifyError,
    })),
  );
  const [layouts, setLayouts] = useState<Partial<LayoutChoice>>(() => loadLayouts(path));
  const [showHex, setShowHex] = useState(false);
  const [editing, setEditing] = useState<RowView | 'insert' | null>(null);
  const [selected, setSelected] = useState<{ keyHex: string; spaced: string; label: string } | null>(null);
  useObjectList(idKind !== null);

  useEffect(() => {
    setLayouts(loadLayouts(path));
    setSelected(null);
    setEditing(null);
    void open(path);
    return () => close();
  }, [path, open, close]);

  const opened = view?.path === path ? view.opened : null;
  const btf = useMemo(() => parseViewBtf(opened?.btf), [opened]);
  const codec = useMemo(() => (opened ? makeCodec(opened.info, btf, layouts) : null), [opened, btf, layouts]);
  const onSelect = useCallback(
    (row: RowView) => setSelected({ keyHex: bytesToHex(row.keyBytes), spaced: row.key.hex, label: row.key.text }),
    [],
  );
  const onEdit = useCallback((row: RowView) => setEditing(row), []);
  const sortByKey = useCallback(() => {
    const cur = view?.config?.sort;
    void configure({ sort: { by: 'key', dir: cur?.by === 'key' && cur.dir === 'asc' ? 'desc' : 'asc' } }).catch(
      (e: unknown) => notifyError(e, 'Sorting'),
    );
  }, [view?.config?.sort, configure, notifyError]);

  if (view?.error && !opened)
    return (
      <p className="dump-error" role="alert">
        Entries cannot be listed ({view.error.code}): {view.error.message}
        {view.error.hint ? ` ${view.error.hint}` : ''}
      </p>
    );
  if (!view || !opened || !codec || !view.config) return <p className="empty">Opening a live view…</p>;

  const info = opened.info;
  const config = view.config;
  const ro = readOnlyReason(info);
  const track = config.track.find((t) => t.id === CHART_SERIES_ID) ?? null;
  const setLayout = (part: 'key' | 'value', text: string): void => {
    const next = { ...layouts, [part]: text };
    setLayouts(next);
    saveLayouts(path, next);
  };
  const exportAs = (format: 'csv' | 'json'): void => {
    exportText(api, opened.view, codec, format, view.total)
      .then((text) =>
        downloadText(text, `${info.name || 'map'}.${format}`, format === 'csv' ? 'text/csv' : 'application/json'),
      )
      .catch((e: unknown) => notifyError(e, 'Exporting the entries'));
  };

  const reconfigure = (p: { refreshMs?: number; paused?: boolean }): void => {
    configure(p).catch((e: unknown) => notifyError(e, 'Changing the refresh'));
  };

  return (
    <div className="entries-view">
      {view.error && (
        <p className="dump-error" role="alert">
          {view.error.code}: {view.error.message}
        </p>
      )}
      {view.stale && <StaleBadge stale={view.stale} paused={config.paused} />}
      {ro && <p className="note read-only">{ro}</p>}
      {idKind && (
        <p className="note">
          Values are {idKind === 'prog' ? 'program' : 'inner map'} ids: follow one to its pin in the tree.
        </p>
      )}
      <ViewToolbar
        entries={view.entries}
        total={view.total}
        maxEntries={info.maxEntries}
        filtered={config.filter.length > 0}
        complete={view.complete}
        refreshMs={config.refreshMs}
        paused={config.paused}
        showHex={showHex}
        canInsert={!ro && idKind === null}
        setRefresh={(refreshMs) => reconfigure({ refreshMs })}
        setPaused={(paused) => reconfigure({ paused })}
        setShowHex={setShowHex}
        exportAs={exportAs}
        insert={() => setEditing('insert')}
      />
      <div className="layout-pickers">
        {codec.key.source === 'layout' && (
          <LayoutPicker
            key={`k:${path}`}
            part="key"
            size={info.keySize}
            text={codec.key.label}
            onChange={(t) => setLayout('key', t)}
          />
        )}
        {codec.value.source === 'layout' && idKind === null && (
          <LayoutPicker
            key={`v:${path}`}
            part="value"
            size={info.valueSize}
            text={codec.value.label}
            onChange={(t) => setLayout('value', t)}
          />
        )}
      </div>
      <FilterBar
        codec={codec}
        sort={config.sort}
        applyFilter={(filter: FilterSpec[]) => configure({ filter })}
        applySort={(sort: SortSpec | null) => configure({ sort })}
      />
      {editing !== null && !ro && (
        <EditRow
          key={editing === 'insert' ? 'insert' : editing.key.hex}
          path={path}
          codec={codec}
          valueSize={view.win?.valueSize ?? info.valueSize}
          row={editing === 'insert' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      {view.total === 0 && view.complete ? (
        <p className="empty">{view.entries === 0 ? 'The map has no entries.' : 'No entry matches the filter.'}</p>
      ) : (
        <EntriesTable
          codec={codec}
          total={view.total}
          win={view.win}
          showHex={showHex}
          sort={config.sort}
          selectedKey={selected?.spaced ?? null}
          requestRows={requestRows}
          onSortKey={sortByKey}
          onSelect={onSelect}
          {...(ro || idKind ? {} : { onEdit })}
          {...(idKind
            ? {
                valueExtra: (row: RowView) => <IdLink kind={idKind} row={row} />,
                valueLabel: idKind === 'prog' ? 'Program id' : 'Inner map id',
              }
            : {})}
        />
      )}
      {idKind === null && (
        <Chart
          fields={codec.value.fields}
          perCpu={codec.perCpu !== null}
          track={track}
          selectedKey={selected?.keyHex ?? null}
          selectedLabel={selected?.label ?? null}
          series={view.series.find((s) => s.id === CHART_SERIES_ID) ?? null}
          setTrack={(t: TrackSpec | null) =>
            void configure({ track: t ? [t] : [] }).catch((e: unknown) => notifyError(e, 'Charting'))
          }
        />
      )}
    </div>
  );
}
