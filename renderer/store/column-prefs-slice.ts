// How the user set up a map's columns (format and byte order per column, hidden columns, widths, order), remembered
// per map name per host in localStorage, so a map re-created under the same name keeps them.
import type { EngineDescription } from '../../shared/engine.js';
import type { Endian, FormatChoice, FormatName } from '../../shared/formats/index.js';
import { FORMATS } from '../../shared/formats/index.js';

import type { GetState, SetState } from './types.js';

export interface ColumnPrefs {
  formats: Record<string, FormatChoice>;
  /** true: hidden, false: shown; absent: the default (padding and a flow's members start hidden). */
  hidden: Record<string, boolean>;
  widths: Record<string, number>;
  /** Column ids in the order the user put them; columns not named keep their place after these. */
  order: string[];
}

export interface ColumnPrefsSlice {
  /** By prefs key (host and map name, see columnPrefsKey). */
  columnPrefs: Record<string, ColumnPrefs>;
  /** A column's format and byte order; null goes back to the inferred ones. */
  setColumnFormat(mapName: string, columnId: string, choice: FormatChoice | null): void;
  setColumnHidden(mapName: string, columnId: string, hidden: boolean): void;
  setColumnWidth(mapName: string, columnId: string, px: number): void;
  /** Puts the column before (-1) or after (+1) its shown neighbour; `shown` is the shown columns' ids in order. */
  moveColumn(mapName: string, columnId: string, delta: -1 | 1, shown: string[], all: string[]): void;
}

const PREFIX = 'bpfscope.columns:';
export const EMPTY_PREFS: ColumnPrefs = { formats: {}, hidden: {}, widths: {}, order: [] };
export const MIN_COLUMN_PX = 40;
export const MAX_COLUMN_PX = 1200;

/** The host is the engine description for now (engine kind and mount point). */
export function columnPrefsKey(engine: EngineDescription | null, mapName: string): string {
  return `${engine ? `${engine.engine}:${engine.mountPoint}` : 'unknown'}|${mapName}`;
}

const storage = (): Storage | undefined => {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage disabled: choices last for this session only
  }
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Keeps only well-formed entries: a damaged or hand-edited store must not break the view. */
function clean(raw: unknown): ColumnPrefs {
  const out: ColumnPrefs = { formats: {}, hidden: {}, widths: {}, order: [] };
  if (!isObject(raw)) return out;
  if (isObject(raw.formats)) {
    for (const [id, c] of Object.entries(raw.formats)) {
      if (!isObject(c)) continue;
      const choice: FormatChoice = {};
      if (typeof c.format === 'string' && c.format in FORMATS) choice.format = c.format as FormatName;
      if (c.endian === 'le' || c.endian === 'be') choice.endian = c.endian as Endian;
      if (choice.format || choice.endian) out.formats[id] = choice;
    }
  }
  if (isObject(raw.hidden))
    for (const [id, h] of Object.entries(raw.hidden)) if (typeof h === 'boolean') out.hidden[id] = h;
  if (isObject(raw.widths)) {
    for (const [id, w] of Object.entries(raw.widths))
      if (typeof w === 'number' && w >= MIN_COLUMN_PX && w <= MAX_COLUMN_PX) out.widths[id] = Math.round(w);
  }
  if (Array.isArray(raw.order)) out.order = [...new Set(raw.order.filter((id) => typeof id === 'string'))];
  return out;
}

/** The full column order after moving `id` past its shown neighbour; unchanged at either end. */
export function movedOrder(id: string, delta: -1 | 1, shown: string[], all: string[]): string[] {
  const at = shown.indexOf(id);
  const neighbour = shown[at + delta];
  if (at < 0 || neighbour === undefined) return all;
  const rest = all.filter((c) => c !== id);
  const n = rest.indexOf(neighbour);
  rest.splice(delta < 0 ? n : n + 1, 0, id);
  return rest;
}

function loadAll(): Record<string, ColumnPrefs> {
  const s = storage();
  const out: Record<string, ColumnPrefs> = {};
  if (!s) return out;
  try {
    for (let i = 0; i < s.length; i++) {
      const k = s.key(i);
      if (!k?.startsWith(PREFIX)) continue;
      try {
        out[k.slice(PREFIX.length)] = clean(JSON.parse(s.getItem(k) ?? 'null'));
      } catch {
        // a damaged entry starts from the defaults
      }
    }
  } catch {
    // storage unreadable: start from the defaults
  }
  return out;
}

export function createColumnPrefsSlice(set: SetState, get: GetState): ColumnPrefsSlice {
  const update = (mapName: string, change: (p: ColumnPrefs) => ColumnPrefs): void => {
    const key = columnPrefsKey(get().engine, mapName);
    const next = change(get().columnPrefs[key] ?? EMPTY_PREFS);
    set({ columnPrefs: { ...get().columnPrefs, [key]: next } });
    try {
      storage()?.setItem(PREFIX + key, JSON.stringify(next));
    } catch {
      // storage full or disabled: the choice lasts for this session only
    }
  };
  return {
    columnPrefs: loadAll(),
    setColumnFormat: (mapName, id, choice) =>
      update(mapName, (p) => {
        const formats = { ...p.formats };
        if (choice && (choice.format || choice.endian)) formats[id] = choice;
        else delete formats[id];
        return { ...p, formats };
      }),
    setColumnHidden: (mapName, id, hidden) => update(mapName, (p) => ({ ...p, hidden: { ...p.hidden, [id]: hidden } })),
    setColumnWidth: (mapName, id, px) =>
      update(mapName, (p) => ({
        ...p,
        widths: { ...p.widths, [id]: Math.round(Math.min(MAX_COLUMN_PX, Math.max(MIN_COLUMN_PX, px))) },
      })),
    moveColumn: (mapName, id, delta, shown, all) =>
      update(mapName, (p) => ({ ...p, order: movedOrder(id, delta, shown, all) })),
  };
}
