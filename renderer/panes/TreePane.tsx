// The bpffs tree: lazily expanded, virtualized (only rows in view are in the DOM), keyboard navigable.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';

import { clipboardKey } from '../dnd/clipboard-keys.js';
import { LINK_MODIFIER_HINT } from '../dnd/drag-data.js';
import { useTreeDnd } from '../dnd/use-tree-dnd.js';
import { useAppStore, useAppStoreApi } from '../store/context.js';
import { currentMountLabel } from '../store/mounts-slice.js';
import { ContextMenu } from './ContextMenu.js';
import { MountPicker } from './MountsPane.js';
import { TreeRootRow } from './TreeRootRow.js';
import { ROW_HEIGHT, TreeRowView } from './TreeRowView.js';
import { treeKeyEffect } from './tree-keys.js';
import type { TreeRow } from './tree-rows.js';
import { rowWindow, visibleRows } from './tree-rows.js';

interface MenuState {
  x: number;
  y: number;
  row: TreeRow;
}

function useViewportHeight(ref: React.RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setHeight(el.clientHeight);
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return height;
}

export function TreePane() {
  const store = useAppStoreApi();
  const { children, expanded, selected, handles, mountPoint } = useAppStore(
    useShallow((s) => ({
      children: s.children,
      expanded: s.expanded,
      selected: s.selected,
      handles: s.handles,
      mountPoint: currentMountLabel(s.mounts, s.engine),
    })),
  );
  const rows = useMemo(() => visibleRows(children, expanded), [children, expanded]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const viewportHeight = useViewportHeight(scrollRef);
  const [scrollTop, setScrollTop] = useState(0);
  const [focusedPath, setFocusedPath] = useState<string | null>(null);
  const [menu, setMenu] = useState<MenuState | null>(null);
  const pendingFocus = useRef(false);
  const dnd = useTreeDnd();

  const rowIndex = (path: string | null): number => (path === null ? -1 : rows.findIndex((r) => r.entry.path === path));
  const focusIndex = [rowIndex(focusedPath), rowIndex(selected), 0].find((i) => i >= 0 && i < rows.length) ?? 0;
  const { start, count } = rowWindow(scrollTop, viewportHeight, ROW_HEIGHT, rows.length);

  const focusRow = (index: number): void => {
    const row = rows[index];
    if (!row) return;
    setFocusedPath(row.entry.path);
    pendingFocus.current = true;
    const el = scrollRef.current;
    if (!el) return;
    const top = index * ROW_HEIGHT;
    const height = el.clientHeight || ROW_HEIGHT * 10;
    let next = el.scrollTop;
    if (top < next) next = top;
    else if (top + ROW_HEIGHT > next + height) next = top + ROW_HEIGHT - height;
    if (next !== el.scrollTop) {
      el.scrollTop = next;
      setScrollTop(next);
    }
  };

  useEffect(() => {
    if (!pendingFocus.current || focusedPath === null) return;
    pendingFocus.current = false;
    const items = scrollRef.current?.querySelectorAll<HTMLElement>('[role="treeitem"]') ?? [];
    [...items].find((el) => el.dataset.path === focusedPath)?.focus();
  });

  // A pin revealed elsewhere (the quick jump) is scrolled to and focused once its row exists.
  const revealed = useAppStore((s) => s.revealed);
  const revealDone = useRef<object | null>(null);
  useEffect(() => {
    if (!revealed || revealDone.current === revealed) return;
    const index = rowIndex(revealed.path);
    if (index < 0) return;
    revealDone.current = revealed;
    focusRow(index);
  });

  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (clipboardKey(e, rows[focusIndex]?.entry ?? null, store.getState())) {
      e.preventDefault();
      return;
    }
    const effect = treeKeyEffect(e.key, rows, focusIndex, expanded);
    if (effect.type === 'none') return;
    e.preventDefault();
    const s = store.getState();
    if (effect.type === 'focus') focusRow(effect.index);
    else if (effect.type === 'expand') void s.expand(effect.path);
    else if (effect.type === 'collapse') s.collapse(effect.path);
    else if (effect.type === 'clear-selection') void s.select(null);
    else void s.select(effect.path);
  };

  const onClick = useCallback(
    (row: TreeRow) => {
      setFocusedPath(row.entry.path);
      void store.getState().select(row.entry.path);
    },
    [store],
  );
  const onToggle = useCallback((row: TreeRow) => void store.getState().toggle(row.entry.path), [store]);
  const onContextMenu = useCallback(
    (row: TreeRow, x: number, y: number) => {
      setFocusedPath(row.entry.path);
      void store.getState().select(row.entry.path);
      setMenu({ x, y, row });
    },
    [store],
  );
  const closeMenu = useCallback(() => setMenu(null), []);
  const selectRoot = useCallback(() => void store.getState().select(null), [store]);

  return (
    <section className="pane tree-pane" aria-label="Tree">
      <TreeRootRow
        mountPoint={mountPoint}
        isTarget={selected === null}
        onSelectRoot={selectRoot}
        drop={dnd.targetProps(null)}
      />
      <MountPicker />
      <p className="tree-dnd-hint">{LINK_MODIFIER_HINT}</p>
      <div
        ref={scrollRef}
        role="tree"
        aria-label="bpffs tree"
        className="tree-scroll"
        // Focusable by script (-1) when a row holds the tab stop, so Escape works after focusing the tree itself.
        tabIndex={focusIndex >= start && focusIndex < start + count && rows.length > 0 ? -1 : 0}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
      >
        <div role="none" className="tree-spacer" style={{ height: rows.length * ROW_HEIGHT }}>
          {rows.slice(start, start + count).map((row, i) => (
            <TreeRowView
              key={row.entry.path}
              row={row}
              top={(start + i) * ROW_HEIGHT}
              expanded={expanded[row.entry.path] === true}
              selected={row.entry.path === selected}
              focused={start + i === focusIndex}
              onClick={onClick}
              onToggle={onToggle}
              onContextMenu={onContextMenu}
              drag={dnd.sourceProps(row.entry)}
              drop={dnd.targetProps(row.entry)}
            />
          ))}
        </div>
        {rows.length === 0 && <p className="empty">This bpffs is empty.</p>}
      </div>
      {menu && <ContextMenu x={menu.x} y={menu.y} ctx={{ entry: menu.row.entry, handles }} onClose={closeMenu} />}
    </section>
  );
}
