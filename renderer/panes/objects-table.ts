// Filtering and sorting the Objects pane's rows.
import type { ObjectSummary } from '../../shared/engine.js';

import { displayName, nameText } from './object-name.js';

export type ObjectSortKey = 'type' | 'name' | 'id' | 'pins';

const cmp = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);

export function compareObjects(a: ObjectSummary, b: ObjectSummary, key: ObjectSortKey): number {
  switch (key) {
    case 'type':
      return cmp(`${a.kind} ${a.type}`, `${b.kind} ${b.type}`) || cmp(a.id, b.id);
    case 'name':
      return cmp(displayName(a), displayName(b)) || cmp(a.id, b.id);
    case 'id':
      return cmp(a.kind, b.kind) || cmp(a.id, b.id);
    case 'pins':
      return cmp(a.pins.length, b.pins.length) || cmp(a.pins[0] ?? '', b.pins[0] ?? '') || cmp(a.id, b.id);
  }
}

/** Case-insensitive match on kind, type, name, id, pins and holder names; every word must match. */
export function matchesFilter(o: ObjectSummary, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = [
    o.kind,
    o.type,
    nameText(o),
    String(o.id),
    ...o.pins,
    ...(o.holders ?? []).map((h) => `${h.comm} ${h.pid}`),
    o.pins.length === 0 ? 'no pin unpinned' : '',
  ]
    .join(' ')
    .toLowerCase();
  return words.every((w) => text.includes(w));
}
