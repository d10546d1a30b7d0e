// The live entries view of a map in the details pane: opens a map view session in main while the map is
// shown (closing it after), and lays out the toolbar, layouts, filter/sort, what changed since the user looked,
// the virtual table with its columns, the selected row's details, edits and chart.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';

import { bytesToHex } from '../../shared/bpf/hex.js';
import { credentialsOf, mayAccess, octalMode } from '../../shared/bpf/permissions.js';
import type { DirEntry, EnginePrivilege, MapInfo } from '../../shared/engine.js';
import type { FilterSpec, MapViewTarget, MapViewWindow, SortSpec, TrackSpec } from '../../shared/mapview.js';

import { ProgramDetails } from '../panes/ProgramDetails.js';
import { useAppStore } from '../store/context.js';
import { viewKey } from '../store/views-slice.js';
import { Breadcrumbs, type Crumb } from './Breadcrumbs.js';
import { CHART_SERIES_ID, Chart } from './Chart.js';
import { ColumnChooser } from './ColumnChooser.js';
import { type LayoutChoice, makeCodec, parseViewBtf } from './codec.js';
import type { RowView } from './decode-row.js';
import { downloadText } from './download.js';
import { EditRow } from './EditRow.js';
import { EntriesTable } from './EntriesTable.js';
import { FilterBar } from './FilterBar.js';
import { parseFilter } from './filter-parse.js';
import { LayoutPicker } from './LayoutPicker.js';
import { LookBar } from './LookBar.js';
import { loadLayouts, saveLayouts } from './layout-memory.js';
import { oneRow, RowDetail } from './RowDetail.js';
import { IdLink, PeekMap, specialKind, UnlistedMap, useObjectList } from './SpecialMap.js';
import { StaleBadge } from './StaleBadge.js';
import { useColumns } from './use-columns.js';
import { ViewToolbar } from './ViewToolbar.js';
import { sortedColumn, type ViewColumn } from './view-columns.js';

interface Selected {
  keyHex: string;
  spaced: string;
  label: string;
  /** The row as last seen in a window. */
  row: MapViewWindow | null;
}

/** Why the map cannot be changed from user space, or null. */
export function readOnlyReason(info: MapInfo): string | null {
  if (info.frozen)
    return 'The map is frozen (BPF_MAP_FREEZE): user space can no longer change it, so edit, insert and delete are off.';
  if (info.flagNames.includes('rdonly')) return 'The map was created with BPF_F_RDONLY: user space may only read it.';
  return null;
}

/** Why the engine's user may not write the pin by its mode (so edits are off), or null. */
export function modeReadOnlyReason(entry: DirEntry | null, privilege: EnginePrivilege | undefined): string | null {
  if (!entry) return null;
  const who = credentialsOf(privilege);
  if (mayAccess(entry, who, 2) || !mayAccess(entry, who, 4)) return null;
  return (
    `The pin's mode ${octalMode(entry.mode)} (owner uid ${entry.uid}, gid ${entry.gid}) lets uid ${who.uid} read it ` +
    'but not write it: it is open read-only, so edit, insert and delete are off.'
  );
}

const NO_PIN_REASON =
  'This inner map has no pin, so it is open by id and read-only here: pin it from the Objects pane to edit it.';

export function EntriesView({ path, info }: { path: string; info: MapInfo }) {
  const kind = specialKind(info);
  if (kind === 'unlisted') return <UnlistedMap info={info} />;
  if (kind === 'peek') return <PeekMap path={path} info={info} />;
  return <DrillDown key={path} path={path} outer={info.name || path} />;
}

/** The map's entries, or, after following a map-in-map or prog_array entry, the inner map or program in their place
 * under breadcrumbs back to the outer map. */
function DrillDown({ path, outer }: { path: string; outer: string }) {
  const [trail, setTrail] = useState<Crumb[]>([]);
  const openCrumb = useCallback((c: Crumb) => setTrail((t) => [...t, c]), []);
  const top = trail.at(-1);
  if (!top) return <LiveEntries pin={path} onOpen={openCrumb} />;
  const crumbs = <Breadcrumbs outer={outer} trail={trail} go={(n) => setTrail((t) => t.slice(0, n))} />;
  const at = top.pin === undefined ? { id: top.id } : { path: top.pin };
  return (
    <div className="drill-down">
      {crumbs}
      {top.kind === 'prog' ? (
        <ProgramDetails key={`${top.id}`} {...at} />
      ) : (
        <LiveEntries
          key={`${top.id}`}
          {...(top.pin === undefined ? { id: top.id } : { pin: top.pin })}
          onOpen={openCrumb}
        />
      )}
    </div>
  );
}

/** The live view of a pinned map (`pin`) or of a live map by `id`. */
function LiveEntries({ pin, id, onOpen }: { pin?: string; id?: number; onOpen(c: Crumb): void }) {
  const { view, exportEntries, open, close, requestRows, configure, markSeen, rescan, notifyError } = useAppStore(
    useShallow((s) => ({
      view: s.entriesView,
      exportEntries: s.exportEntries,
      open: s.openEntriesView,
      close: s.closeEntriesView,
      requestRows: s.requestRows,
      configure: s.configureEntriesView,
      markSeen: s.markEntriesSeen,
      rescan: s.rescanEntriesView,
      notifyError: s.notifyError,
    })),
  );
  const { pinEntry, privilege } = useAppStore(
    useShallow((s) => ({
      pinEntry: pin !== undefined && s.details?.entry.path === pin ? s.details.entry : null,
      privilege: s.engine?.privilege,
    })),
  );
  const [layouts, setLayouts] = useState<Partial<LayoutChoice>>(() => loadLayouts(pin ?? `#map-id:${id ?? 0}`));
  const [showHex, setShowHex] = useState(false);
  const [editing, setEditing] = useState<RowView | 'insert' | null>(null);
  const [selected, setSelected] = useState<Selected | null>(null);
  const [filterText, setFilterText] = useState('');
  const [filterError, setFilterError] = useState<string | null>(null);
  const [textFilters, setTextFilters] = useState<FilterSpec[]>([]);
  const [changed, setChanged] = useState<FilterSpec | null>(null);
  const target = useMemo<MapViewTarget>(() => (pin === undefined ? { id: id ?? 0 } : { path: pin }), [pin, id]);
  const path = viewKey(target);
  const opened = view?.path === path ? view.opened : null;
  const special = opened ? specialKind(opened.info) : null;
  const idKind = special === 'prog-ids' ? 'prog' : special === 'map-ids' ? 'map' : null;
  useObjectList(idKind !== null);

  useEffect(() => {
    setLayouts(loadLayouts(path));
    setSelected(null);
    setEditing(null);
    setFilterText('');
    setFilterError(null);
    setTextFilters([]);
    setChanged(null);
    void open(target);
    return () => close();
  }, [path, target, open, close]);

  const btf = useMemo(() => parseViewBtf(opened?.btf), [opened]);
  const codec = useMemo(() => (opened ? makeCodec(opened.info, btf, layouts) : null), [opened, btf, layouts]);
  const valueLabel = idKind === 'prog' ? 'Program id' : idKind === 'map' ? 'Inner map id' : undefined;
  const { columns, actions } = useColumns(codec, opened ? opened.info.name || path : path, valueLabel);
  const shown = useMemo(() => columns.filter((c) => !c.hidden), [columns]);
  const win = view?.win ?? null;
  // The selected row follows the live window while it is in it; scrolled away, the panel keeps its last look.
  const selectedRow = useMemo(() => {
    if (!selected || !win) return selected?.row ?? null;
    for (let i = 0; i < win.count; i++) {
      if (bytesToHex(win.keys.subarray(i * win.keySize, (i + 1) * win.keySize)) === selected.keyHex)
        return oneRow(win, i);
    }
    return selected.row;
  }, [selected, win]);
  const onSelect = useCallback(
    (row: RowView) =>
      setSelected((cur) => {
        const keyHex = bytesToHex(row.keyBytes);
        if (cur?.keyHex === keyHex) return cur;
        const w = win;
        return {
          keyHex,
          spaced: row.key.hex,
          label: row.key.text,
          row: w && row.index >= w.offset && row.index < w.offset + w.count ? oneRow(w, row.index - w.offset) : null,
        };
      }),
    [win],
  );
  const onEdit = useCallback((row: RowView) => setEditing(row), []);

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
  const ro =
    readOnlyReason(info) ?? modeReadOnlyReason(pinEntry, privilege) ?? (pin === undefined ? NO_PIN_REASON : null);
  const track = config.track.find((t) => t.id === CHART_SERIES_ID) ?? null;
  const setLayout = (part: 'key' | 'value', text: string): void => {
    const next = { ...layouts, [part]: text };
    setLayouts(next);
    saveLayouts(path, next);
  };
  const exportAs = (format: 'csv' | 'json'): void => {
    exportEntries(codec, format)
      .then((text) =>
        downloadText(text, `${info.name || 'map'}.${format}`, format === 'csv' ? 'text/csv' : 'application/json'),
      )
      .catch((e: unknown) => notifyError(e, 'Exporting the entries'));
  };

  const reconfigure = (p: { refreshMs?: number; fullScanMs?: number; paused?: boolean }): void => {
    configure(p).catch((e: unknown) => notifyError(e, 'Changing the refresh'));
  };
  const applyFilters = (text: FilterSpec[], change: FilterSpec | null): Promise<void> =>
    configure({ filter: [...text, ...(change ? [change] : [])] });
  const applyText = (text: string): void => {
    const parsed = parseFilter(text, columns, codec);
    if ('error' in parsed) {
      setFilterError(parsed.error);
      return;
    }
    applyFilters(parsed.filters, changed)
      .then(() => {
        setTextFilters(parsed.filters);
        setFilterError(null);
      })
      .catch((e: unknown) => setFilterError(e instanceof Error ? e.message : String(e)));
  };
  const applySort = (sort: SortSpec | null): void => {
    configure({ sort }).catch((e: unknown) => notifyError(e, 'Sorting'));
  };
  const sortBy = (col: ViewColumn): void => {
    const cur = sortedColumn(columns, config.sort);
    const dir = cur?.id === col.id ? config.sort?.dir : undefined;
    applySort(dir === 'desc' ? null : col.sort(dir === 'asc' ? 'desc' : 'asc'));
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
        <p className="note">Values are {idKind === 'prog' ? 'program' : 'inner map'} ids: open one to see it here.</p>
      )}
      <ViewToolbar
        entries={view.entries}
        total={view.total}
        maxEntries={info.maxEntries}
        filtered={config.filter.length > 0}
        complete={view.complete}
        refreshMs={config.refreshMs}
        fullScanMs={config.fullScanMs}
        readAt={view.readAt}
        scanAt={view.scanAt}
        paused={config.paused}
        showHex={showHex}
        canInsert={!ro && idKind === null}
        setRefresh={(refreshMs) => reconfigure({ refreshMs })}
        setPaused={(paused) => reconfigure({ paused })}
        setFullScan={(fullScanMs) => reconfigure({ fullScanMs })}
        rescan={() => void rescan().catch((e: unknown) => notifyError(e, 'Rescanning the map'))}
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
        columns={columns}
        sort={config.sort}
        text={filterText}
        error={filterError}
        setText={setFilterText}
        apply={applyText}
        applySort={applySort}
      />
      <div className="entries-columns-bar">
        {win && (
          <LookBar
            win={win}
            codec={codec}
            columns={columns}
            changed={changed}
            setChanged={(f) => {
              applyFilters(textFilters, f)
                .then(() => setChanged(f))
                .catch((e: unknown) => notifyError(e, 'Filtering changed rows'));
            }}
            markSeen={() => void markSeen().catch((e: unknown) => notifyError(e, 'Marking the entries seen'))}
          />
        )}
        <ColumnChooser columns={columns} setHidden={actions.setHidden} />
      </div>
      {editing !== null && !ro && pin !== undefined && (
        <EditRow
          key={editing === 'insert' ? 'insert' : editing.key.hex}
          path={pin}
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
          columns={shown}
          total={view.total}
          win={win}
          showHex={showHex}
          sort={config.sort}
          selectedKey={selected?.spaced ?? null}
          requestRows={requestRows}
          onSort={sortBy}
          onResize={actions.onResize}
          onFormat={actions.onFormat}
          onHide={actions.onHide}
          onMove={actions.onMove}
          onAddFilter={(_col, clause) => {
            const next = filterText.trim() ? `${filterText.trim()} && ${clause}` : clause;
            setFilterText(next);
            applyText(next);
          }}
          onSelect={onSelect}
          {...(ro || idKind ? {} : { onEdit })}
          {...(idKind ? { valueExtra: (row: RowView) => <IdLink kind={idKind} row={row} onOpen={onOpen} /> } : {})}
        />
      )}
      {selectedRow && <RowDetail row={selectedRow} codec={codec} columns={columns} onClose={() => setSelected(null)} />}
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
