// Right-click menu on a tree row: the same actions as the toolbar, applied to that row.
import { useEffect, useRef } from 'react';

import type { ActionContext } from '../actions/actions.js';
import { ACTIONS, actionState } from '../actions/actions.js';
import { useAppStore, useAppStoreApi } from '../store/context.js';

export interface ContextMenuProps {
  x: number;
  y: number;
  ctx: ActionContext;
  onClose(): void;
}

export function ContextMenu({ x, y, ctx, onClose }: ContextMenuProps) {
  const store = useAppStoreApi();
  const menuRef = useRef<HTMLDivElement>(null);
  const snapshot = useAppStore((s) => s.engine?.snapshot?.label);

  useEffect(() => {
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]:not([disabled])')?.focus();
    const onDown = (e: MouseEvent): void => {
      if (!menuRef.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [onClose]);

  const onKeyDown = (e: React.KeyboardEvent): void => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') onClose();
    else if (e.key === 'ArrowDown') items[(i + 1) % items.length]?.focus();
    else if (e.key === 'ArrowUp') items[(i - 1 + items.length) % items.length]?.focus();
    else return;
    e.preventDefault();
  };

  return (
    <div
      ref={menuRef}
      role="menu"
      aria-label="Actions"
      className="context-menu"
      style={{ left: x, top: y }}
      onKeyDown={onKeyDown}
    >
      {ACTIONS.map((a) => (
        <button
          key={a.label}
          type="button"
          role="menuitem"
          tabIndex={-1}
          {...actionState(a, ctx, snapshot)}
          onClick={() => {
            onClose();
            a.run(store.getState(), ctx);
          }}
        >
          {a.label}
        </button>
      ))}
    </div>
  );
}
