// The three panes: the tree, the centre (map tabs or details) and the side panes, with splitters between them
// whose widths and collapsed state the store remembers. Widths are capped by the window, so nothing overflows.
import { useId } from 'react';

import { useAppStore } from '../store/context.js';
import type { PaneSize } from '../store/layout-slice.js';
import { DetailsPane } from './DetailsPane.js';
import { NoticesPane } from './NoticesPane.js';
import { SideTabs } from './SideTabs.js';
import { Splitter } from './Splitter.js';
import { TreePane } from './TreePane.js';

const column = (p: PaneSize, cap: string): string => (p.collapsed ? '0px' : `min(${p.width}px, ${cap})`);

export function Layout() {
  const panes = useAppStore((s) => s.layout.panes);
  const id = useId();
  const style = { '--tree-w': column(panes.tree, '40%'), '--side-w': column(panes.side, '35%') } as React.CSSProperties;
  return (
    <main className="layout" style={style}>
      <div id={`${id}tree`} className="tree-area" hidden={panes.tree.collapsed}>
        <TreePane />
      </div>
      <Splitter pane="tree" controls={`${id}tree`} />
      <DetailsPane />
      <Splitter pane="side" controls={`${id}side`} />
      <aside id={`${id}side`} className="side" hidden={panes.side.collapsed}>
        <SideTabs />
        <NoticesPane />
      </aside>
    </main>
  );
}
