// Map view sessions: a live, windowed view of one map that main reads, diffs, sorts and filters.
// Request shapes live in contract.ts (zod); these are the spec and response types both sides share.
import type { MapInfo } from './engine.js';
import type { CpuChoice, FieldRef } from './fields.js';

export const MIN_REFRESH_MS = 250;
export const MAX_REFRESH_MS = 10_000;
export const DEFAULT_REFRESH_MS = 1000;
/** Between refreshes only the rows on screen are read; the whole map is re-read this often. */
export const DEFAULT_FULL_SCAN_MS = 10_000;
export const MIN_FULL_SCAN_MS = 1000;
export const MAX_FULL_SCAN_MS = 600_000;
/** At most this many rows per window request. */
export const MAX_WINDOW_ROWS = 10_000;
/** Points kept per tracked series. */
export const SERIES_POINTS = 600;

/** What a view opens: a pinned map, or a live map by id (a map-in-map's inner map, pinned or not). */
export type MapViewTarget = { path: string } | { id: number };

export type SortDir = 'asc' | 'desc';
export type SortSpec =
  /** By the key's bytes, lexicographically (for big-endian and byte-string keys that is numeric order too). */
  | { by: 'key'; dir: SortDir }
  | { by: 'field'; field: FieldRef; cpu?: CpuChoice; dir: SortDir }
  /** By a byte string of the key or value (IPv6, MAC, text), lexicographically; of a per-CPU value, CPU 0's. */
  | { by: 'bytes'; part: 'key' | 'value'; offset: number; size: number; dir: SortDir };

export type CompareOp = '<' | '<=' | '==' | '!=' | '>=' | '>';

export type FilterSpec =
  /** Case-insensitive substring of the key's and/or value's hex. */
  | { kind: 'hex'; text: string; part?: 'key' | 'value' | 'both' }
  /** The key's hex starts with this. */
  | { kind: 'keyPrefix'; hex: string }
  /** A numeric field compared with a decimal (or 0x hex) literal. */
  | { kind: 'compare'; field: FieldRef; cpu?: CpuChoice; op: CompareOp; value: string }
  /** A byte string of the key or value (CPU 0's slot of a per-CPU value) compared lexicographically with `hex`. */
  | { kind: 'bytes'; part: 'key' | 'value'; offset: number; size: number; op: CompareOp; hex: string }
  /** A CLOCK_MONOTONIC timestamp field (ns) by its age: the engine's clock at the snapshot minus the field. */
  | { kind: 'age'; field: FieldRef; cpu?: CpuChoice; op: CompareOp; ns: string }
  /** Rows that changed or appeared within the last `withinMs`, or, without it, since the user last looked. */
  | { kind: 'changed'; withinMs?: number };

export type TrackSpec =
  | { id: string; mode: 'sum'; field: FieldRef; cpu?: CpuChoice }
  | { id: string; mode: 'entry'; key: string; field: FieldRef; cpu?: CpuChoice };

export interface MapViewConfig {
  refreshMs: number;
  /** How often the whole map is re-read; the refreshes between read only the rows last asked for. */
  fullScanMs: number;
  paused: boolean;
  sort: SortSpec | null;
  /** All filters must match. */
  filter: FilterSpec[];
  track: TrackSpec[];
}

export interface MapViewOpened {
  view: number;
  info: MapInfo;
  /** The map's raw BTF when it has any (btfId != 0). */
  btf?: Uint8Array;
  possibleCpus: number;
  config: MapViewConfig;
}

export interface MapViewWindow {
  generation: number;
  /** Rows after the filter. */
  total: number;
  /** Entries in the map (before the filter). */
  entries: number;
  /** False while the first read of the map is still running (rows so far are served). */
  complete: boolean;
  offset: number;
  /** Rows in this window. */
  count: number;
  keySize: number;
  /** Wire value size: per-CPU values hold one 8-aligned slot per possible CPU. */
  valueSize: number;
  keys: Uint8Array;
  values: Uint8Array;
  /** The rows' values at the previous refresh (zero-filled for rows that are new). */
  prevValues: Uint8Array;
  /** 1 per row that is new or whose value changed since the previous refresh. */
  changed: Uint8Array;
  /** 1 per changed row whose prevValues were read intervalMs before its values, so a per-second rate holds (not
   * for a row that just came on screen: its previous value is the older full scan's). */
  rated: Uint8Array;
  /** Milliseconds between the last two snapshots (0 before the second). */
  intervalMs: number;
  /** The engine's CLOCK_MONOTONIC (ns) when the snapshot was read: what timestamp fields are aged against. */
  monoNowNs: number;
  /** The wall clock (Date.now()) at the same moment, to show a timestamp as a time of day. */
  wallNowMs: number;
  /** The rows' values when the user last looked (zero-filled for rows that appeared since). */
  baseValues: Uint8Array;
  /** Per row: 0 unchanged since the user last looked, 1 changed, 2 appeared since. */
  sinceLook: Uint8Array;
  /** Per row: 1 when a lookup since the last full scan found the key gone (ENOENT); its last value is shown. */
  vanished: Uint8Array;
  /** Wall time (ms) of the last full read of the map (0 before it). */
  scanAt: number;
  look: MapViewLook;
}

/** What happened since the user last looked (opened the view or marked it seen), over the whole map. */
export interface MapViewLook {
  /** Wall time (ms) of the last look. */
  atMs: number;
  changed: number;
  added: number;
  /** Rows that vanished since (also those that appeared and vanished again). */
  gone: number;
  /** The most recently gone rows (at most MAX_GONE_ROWS), newest first: keys, last values, when (wall ms). */
  goneCount: number;
  goneKeys: Uint8Array;
  goneValues: Uint8Array;
  goneAtMs: Float64Array;
}

/** Gone rows a window carries at most. */
export const MAX_GONE_ROWS = 100;

export interface MapViewSeriesPoints {
  id: string;
  times: Float64Array;
  values: Float64Array;
}

export interface MapViewSeries {
  series: MapViewSeriesPoints[];
}

/** Pushed to the view's renderer after each refresh (and after the first chunk of the first read). */
export interface MapViewUpdatedEvent {
  type: 'map-view-updated';
  view: number;
  generation: number;
  total: number;
  entries: number;
  changedCount: number;
  complete: boolean;
  /** When the rows served were read, in ms since the epoch; 0 while the first read runs. */
  readAt: number;
  /** When the whole map was last read (ms since the epoch); rows off screen are that old. 0 before it. */
  scanAt: number;
}

/** Pushed when a refresh fails: the view keeps serving its last good rows and tries again at its interval. */
export interface MapViewFailedEvent {
  type: 'map-view-failed';
  view: number;
  /** The errno name (EBADF, ENOENT, ...), or EIO for a failure without one. */
  code: string;
  message: string;
  /** When the rows still served were read (ms since the epoch); 0 when no read has succeeded yet. */
  staleSince: number;
}

/** Pushed when main closes a view by itself (the map was freed, or it sat idle). */
export interface MapViewClosedEvent {
  type: 'map-view-closed';
  view: number;
  reason: string;
}

export type MapViewEvent = MapViewUpdatedEvent | MapViewFailedEvent | MapViewClosedEvent;
