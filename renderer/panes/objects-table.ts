// Filtering and sorting the Objects pane's rows.
import type { ObjectSummary } from '../../shared/engine.js';

import { displayName, nameText } from './object-name.js';

export type ObjectSortKey = 'type' | 'name' | 'id' | 'pins' | 'memory';

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
    case 'memory':
      // Unknown figures (links, unreadable objects) sort below every known one.
      return cmp(a.memlock ?? -1, b.memlock ?? -1) || cmp(a.kind, b.kind) || cmp(a.id, b.id);
  }
}

/**
 * Memory of the objects pinned at or below `folder` ("" = the whole mount), each object counted once however many
 * pins it has there; `objects` is how many of them have a known figure.
 */
export function memoryUnder(all: readonly ObjectSummary[], folder: string): { bytes: number; objects: number } {
  const prefix = folder === '' ? '' : `${folder}/`;
  let bytes = 0;
  let objects = 0;
  for (const o of all) {
    if (o.memlock === undefined || !o.pins.some((p) => prefix === '' || p.startsWith(prefix))) continue;
    bytes += o.memlock;
    objects++;
  }
  return { bytes, objects };
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
