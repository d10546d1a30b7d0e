// Where a drill-down stands: the outer map, the entry followed, and the inner map or program open in its place;
// each earlier step is a button back to it.
import { Fragment } from 'react';

/** One step down: the entry `key` of the map `from` named this object. */
export interface Crumb {
  kind: 'map' | 'prog';
  id: number;
  /** Its first pin, when it has one: then it opens by pin, with everything a pinned map offers. */
  pin?: string;
  /** The object's name ("" when it has none). */
  name: string;
  /** The outer entry's key as the outer view shows it. */
  key: string;
}

export const crumbLabel = (c: Crumb): string => `${c.name || `${c.kind} ${c.id}`} (${c.kind} id ${c.id})`;

/** `outer › [key] › inner …`; `go(n)` returns to level n (0: the outer map). */
export function Breadcrumbs({ outer, trail, go }: { outer: string; trail: Crumb[]; go(level: number): void }) {
  return (
    <nav className="breadcrumbs" aria-label="Breadcrumbs">
      <button type="button" className="link-button crumb" onClick={() => go(0)}>
        {outer}
      </button>
      {trail.map((c, i) => {
        const last = i === trail.length - 1;
        return (
          <Fragment key={`${i}:${c.kind}:${c.id}`}>
            <span className="crumb-sep"> › </span>
            <span className="crumb-key">[{c.key}]</span>
            <span className="crumb-sep"> › </span>
            {last ? (
              <span className="crumb current" aria-current="page">
                {crumbLabel(c)}
              </span>
            ) : (
              <button type="button" className="link-button crumb" onClick={() => go(i + 1)}>
                {crumbLabel(c)}
              </button>
            )}
          </Fragment>
        );
      })}
    </nav>
  );
}
