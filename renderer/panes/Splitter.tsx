// A draggable, keyboard-resizable separator beside the tree or the side pane: arrows move it (Shift: further),
// Home/End go to the limits, Enter or a double-click collapses and restores the pane, and its button does too.
import { useRef } from 'react';

import { useAppStore } from '../store/context.js';
import { PANE_LIMITS, type PaneId } from '../store/layout-slice.js';

const STEP = 16;
const BIG_STEP = 64;
const LABELS: Record<PaneId, string> = { tree: 'tree', side: 'side panes' };

export function Splitter({ pane, controls }: { pane: PaneId; controls: string }) {
  const size = useAppStore((s) => s.layout.panes[pane]);
  const resize = useAppStore((s) => s.resizePane);
  const toggle = useAppStore((s) => s.togglePane);
  const drag = useRef<{ x: number; width: number } | null>(null);
  // The tree is left of its separator, the side panes right of theirs: moving right widens the one, narrows the other.
  const sign = pane === 'tree' ? 1 : -1;
  const { min, max } = PANE_LIMITS[pane];
  const width = size.collapsed ? 0 : size.width;

  const onKeyDown = (e: React.KeyboardEvent): void => {
    const step = e.shiftKey ? BIG_STEP : STEP;
    const moves: Record<string, number> = { ArrowLeft: -step, ArrowRight: step };
    if (e.key in moves) resize(pane, (size.collapsed ? min : size.width) + sign * (moves[e.key] ?? 0));
    else if (e.key === 'Home') resize(pane, min);
    else if (e.key === 'End') resize(pane, max);
    else if (e.key === 'Enter') toggle(pane);
    else return;
    e.preventDefault();
  };

  return (
    <div className={`splitter splitter-${pane}${size.collapsed ? ' collapsed' : ''}`}>
      <div
        role="separator"
        tabIndex={0}
        aria-orientation="vertical"
        aria-label={`Resize the ${LABELS[pane]}`}
        aria-controls={controls}
        aria-valuenow={width}
        aria-valuemin={0}
        aria-valuemax={max}
        className="splitter-handle"
        onKeyDown={onKeyDown}
        onDoubleClick={() => toggle(pane)}
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          e.preventDefault();
          drag.current = { x: e.clientX, width: size.collapsed ? 0 : size.width };
          // The window follows the drag: the handle moves with the pane, so the pointer soon leaves it.
          const move = (ev: PointerEvent) => {
            if (drag.current) resize(pane, drag.current.width + sign * (ev.clientX - drag.current.x));
          };
          const end = () => {
            drag.current = null;
            window.removeEventListener('pointermove', move);
            window.removeEventListener('pointerup', end);
            window.removeEventListener('pointercancel', end);
          };
          window.addEventListener('pointermove', move);
          window.addEventListener('pointerup', end);
          window.addEventListener('pointercancel', end);
        }}
      />
      <button
        type="button"
        className="splitter-toggle"
        aria-expanded={!size.collapsed}
        aria-controls={controls}
        aria-label={`${size.collapsed ? 'Show' : 'Hide'} the ${LABELS[pane]}`}
        title={`${size.collapsed ? 'Show' : 'Hide'} the ${LABELS[pane]}`}
        onClick={() => toggle(pane)}
      >
        {size.collapsed === (pane === 'tree') ? '›' : '‹'}
      </button>
    </div>
  );
}
