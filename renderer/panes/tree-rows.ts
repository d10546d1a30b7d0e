// Flattens the expanded part of the tree into rows, the unit the virtualized tree renders.
import type { DirEntry } from '../../shared/engine.js';

export interface TreeRow {
  entry: DirEntry;
  /** 1 for children of the root (aria-level). */
  level: number;
  /** 1-based position among siblings, and the sibling count (aria-posinset / aria-setsize). */
  posInSet: number;
  setSize: number;
}

export function visibleRows(children: Record<string, DirEntry[]>, expanded: Record<string, true>): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (dir: string, level: number): void => {
    const kids = children[dir];
    if (!kids) return;
    kids.forEach((entry, i) => {
      rows.push({ entry, level, posInSet: i + 1, setSize: kids.length });
      if (entry.kind === 'dir' && expanded[entry.path]) walk(entry.path, level + 1);
    });
  };
  walk('', 1);
  return rows;
}

const KIND_WORDS: Record<Exclude<DirEntry['kind'], 'dir' | 'symlink'>, string> = {
  map: 'map',
  prog: 'prog',
  link: 'link',
  pin: 'pinned object',
};

/** What a screen reader says for a row; it starts with the file name, and ends with "no access" when locked. */
export function rowLabel(entry: DirEntry): string {
  switch (entry.kind) {
    case 'dir':
      return `${entry.name} folder`;
    case 'symlink':
      return `${entry.name} symlink to ${entry.target ?? '?'}`;
    case 'map':
    case 'prog':
    case 'link':
    case 'pin': {
      const o = entry.object;
      if (o) return `${entry.name} ${o.kind} ${o.type} id ${o.id}`;
      if (entry.preloaded) return `${entry.name} kernel iterator link listing every ${preloadedWord(entry)}`;
      const kind = KIND_WORDS[entry.kind];
      return entry.noAccess ? `${entry.name} ${kind}, no access` : `${entry.name} ${kind}`;
    }
  }
}

const preloadedWord = (entry: DirEntry): string => (entry.preloaded === 'progs' ? 'program' : 'map');

/** The short text after a row's name: the object, the symlink's target, or why it is locked. */
export function rowSummary(entry: DirEntry): string {
  if (entry.kind === 'symlink') return `→ ${entry.target ?? ''}`;
  if (entry.preloaded) return `kernel iterator: lists every ${preloadedWord(entry)}`;
  if (entry.object)
    return `${entry.object.type} #${entry.object.id}${entry.object.name ? ` ${entry.object.name}` : ''}`;
  if (entry.noAccess) return `no access (${entry.noAccess.code})`;
  return '';
}

/** The first visible row index and how many rows to render for a scroll position. */
export function rowWindow(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  total: number,
  minRows = 40,
  overscan = 8,
): { start: number; count: number } {
  const inView = Math.max(minRows, Math.ceil(viewportHeight / rowHeight));
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  return { start, count: Math.min(total - start, inView + overscan * 2) };
}
