// Small inline SVG icons that tell folder / map / program / link / symlink apart at a glance, and a lock for pins
// this process may not open.
import type { NodeKind } from '../../shared/engine.js';

const PATHS: Record<NodeKind, string> = {
  // folder tab and body
  dir: 'M1.5 4.5h5l1.5 1.5h6.5v7.5h-13z',
  // a 2x2 grid: a table of entries
  map: 'M2 2.5h12v11h-12zM2 8h12M8 2.5v11',
  // a chevron prompt: code
  prog: 'M3 4l4 4-4 4M8.5 12h4.5',
  // two chain links
  link: 'M6.5 9.5l3-3M5 7.5l-1.5 1.5a2.1 2.1 0 003 3L8 10.5M8 5.5l1.5-1.5a2.1 2.1 0 013 3L11 8.5',
  // a bent arrow: points elsewhere
  symlink: 'M3 3v5.5h9M9 5.5l3 3-3 3',
  // a pin head: an object of a kind that could not be read
  pin: 'M8 2.5a3 3 0 110 6 3 3 0 010-6zM8 8.5v5',
};

const TITLES: Record<NodeKind, string> = {
  dir: 'folder',
  map: 'map',
  prog: 'program',
  link: 'link',
  symlink: 'symlink',
  pin: 'pinned object',
};

export function NodeIcon({ kind }: { kind: NodeKind }) {
  return (
    <svg className={`node-icon node-icon-${kind}`} viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <title>{TITLES[kind]}</title>
      <path
        d={PATHS[kind]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/** A padlock: the object behind this pin cannot be opened by this process. */
export function LockIcon() {
  return (
    <svg className="lock-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <title>no access</title>
      <path
        d="M4 7.5h8v6h-8zM5.5 7.5v-2a2.5 2.5 0 015 0v2"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinejoin="round"
      />
    </svg>
  );
}
