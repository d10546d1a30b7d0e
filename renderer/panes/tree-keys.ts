// Keyboard navigation of the tree (WAI-ARIA tree pattern): which row gets focus, what expands.
import { parentOf } from '../../shared/bpf/paths.js';

import type { TreeRow } from './tree-rows.js';

export type TreeKeyEffect =
  | { type: 'focus'; index: number }
  | { type: 'expand'; path: string }
  | { type: 'collapse'; path: string }
  | { type: 'select'; path: string }
  /** Escape: nothing selected, so actions apply to the mount root. */
  | { type: 'clear-selection' }
  | { type: 'none' };

export function treeKeyEffect(
  key: string,
  rows: TreeRow[],
  index: number,
  expanded: Record<string, true>,
): TreeKeyEffect {
  if (key === 'Escape') return { type: 'clear-selection' };
  const row = rows[index];
  if (!row) return rows.length > 0 ? { type: 'focus', index: 0 } : { type: 'none' };
  const isDir = row.entry.kind === 'dir';
  const isOpen = isDir && expanded[row.entry.path] === true;
  switch (key) {
    case 'ArrowDown':
      return { type: 'focus', index: Math.min(rows.length - 1, index + 1) };
    case 'ArrowUp':
      return { type: 'focus', index: Math.max(0, index - 1) };
    case 'Home':
      return { type: 'focus', index: 0 };
    case 'End':
      return { type: 'focus', index: rows.length - 1 };
    case 'ArrowRight':
      if (isDir && !isOpen) return { type: 'expand', path: row.entry.path };
      if (isOpen && rows[index + 1]?.level === row.level + 1) return { type: 'focus', index: index + 1 };
      return { type: 'none' };
    case 'ArrowLeft': {
      if (isOpen) return { type: 'collapse', path: row.entry.path };
      const parent = parentOf(row.entry.path);
      const parentIndex = rows.findIndex((r) => r.entry.path === parent);
      return parent !== '' && parentIndex >= 0 ? { type: 'focus', index: parentIndex } : { type: 'none' };
    }
    case 'Enter':
    case ' ':
      return { type: 'select', path: row.entry.path };
    default:
      return { type: 'none' };
  }
}
