// The quick jump's candidates and ranking: every pin the store knows (the tree's loaded folders, and the pins of
// every live object), matched by name first, then anywhere in the path, then as letters in order.
import type { DirEntry, ObjectSummary } from '../../shared/engine.js';

export function jumpCandidates(children: Record<string, DirEntry[]>, objects: ObjectSummary[]): string[] {
  const pins = new Set<string>();
  for (const list of Object.values(children)) for (const e of list) if (e.kind !== 'dir') pins.add(e.path);
  for (const o of objects) for (const p of o.pins) pins.add(p);
  return [...pins].sort();
}

/** Lower is better; null: no match. */
function rank(path: string, q: string): number | null {
  const p = path.toLowerCase();
  const name = p.slice(p.lastIndexOf('/') + 1);
  if (name.startsWith(q)) return 0;
  if (name.includes(q)) return 1;
  if (p.includes(q)) return 2;
  let at = 0;
  for (const ch of p) if (ch === q[at]) at++;
  return at === q.length ? 3 : null;
}

export function matchPins(pins: string[], query: string, limit = 50): string[] {
  const q = query.trim().toLowerCase();
  if (q === '') return pins.slice(0, limit);
  return pins
    .flatMap((path) => {
      const r = rank(path, q);
      return r === null ? [] : [{ path, r }];
    })
    .sort((a, b) => a.r - b.r || a.path.length - b.path.length || a.path.localeCompare(b.path))
    .slice(0, limit)
    .map((m) => m.path);
}
