// One row of the tree: icon, name, and a short description of the object behind it.

import { HealthBadge, ModeBadge } from './ModeBadge.js';
import { LockIcon, NodeIcon } from './NodeIcon.js';
import { ObjectName } from './object-name.js';
import type { TreeRow } from './tree-rows.js';
import { rowLabel, rowSummary } from './tree-rows.js';

export const ROW_HEIGHT = 24;

export interface TreeRowViewProps {
  row: TreeRow;
  top: number;
  expanded: boolean;
  selected: boolean;
  focused: boolean;
  onClick(row: TreeRow): void;
  onToggle(row: TreeRow): void;
  onContextMenu(row: TreeRow, x: number, y: number): void;
  // Drag source and, for folders, drop target props (renderer/dnd/use-tree-dnd.ts)
  drag?: React.HTMLAttributes<HTMLDivElement> & { draggable?: boolean };
  drop?: (React.HTMLAttributes<HTMLDivElement> & { 'data-drop-target'?: 'true' }) | undefined;
}

function Summary({ row }: { row: TreeRow }) {
  const o = row.entry.object;
  if (!o || row.entry.kind === 'symlink' || row.entry.preloaded) return <>{rowSummary(row.entry)}</>;
  return (
    <>
      {o.type} #{o.id}
      {o.name && ' '}
      {o.name && <ObjectName object={o} />}
    </>
  );
}

export function TreeRowView({
  row,
  top,
  expanded,
  selected,
  focused,
  onClick,
  onToggle,
  onContextMenu,
  drag,
  drop,
}: TreeRowViewProps) {
  const { entry } = row;
  const isDir = entry.kind === 'dir';
  return (
    <div
      role="treeitem"
      data-path={entry.path}
      aria-label={rowLabel(entry)}
      aria-level={row.level}
      aria-posinset={row.posInSet}
      aria-setsize={row.setSize}
      aria-selected={selected}
      aria-expanded={isDir ? expanded : undefined}
      tabIndex={focused ? 0 : -1}
      className={`tree-row${selected ? ' is-selected' : ''}${drop?.['data-drop-target'] ? ' is-drop-target' : ''}${entry.noAccess ? ' is-locked' : ''}`}
      style={{ top, height: ROW_HEIGHT, paddingLeft: 6 + (row.level - 1) * 16 }}
      onClick={() => onClick(row)}
      onDoubleClick={() => isDir && onToggle(row)}
      onContextMenu={(e) => {
        e.preventDefault();
        onContextMenu(row, e.clientX, e.clientY);
      }}
      {...drag}
      {...drop}
    >
      <span
        className="tree-twisty"
        aria-hidden="true"
        onClick={(e) => {
          if (!isDir) return;
          e.stopPropagation();
          onToggle(row);
        }}
      >
        {isDir ? (expanded ? '▾' : '▸') : ''}
      </span>
      <NodeIcon kind={entry.kind} />
      {entry.noAccess && <LockIcon />}
      <span className="tree-name">{entry.name}</span>
      <ModeBadge entry={entry} />
      <HealthBadge path={entry.path} />
      <span className="tree-summary">
        <Summary row={row} />
      </span>
    </div>
  );
}
