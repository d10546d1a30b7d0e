// The action buttons on top; they apply to the selected node (none selected: the mount root).
import { useShallow } from 'zustand/react/shallow';

import { ACTIONS, actionState, entryAt } from '../actions/actions.js';
import { useAppStore, useAppStoreApi } from '../store/context.js';

export function Toolbar() {
  const store = useAppStoreApi();
  const { entry, handles, snapshot } = useAppStore(
    useShallow((s) => ({
      entry: s.details?.entry.path === s.selected ? s.details.entry : entryAt(s.children, s.selected),
      handles: s.handles,
      snapshot: s.engine?.snapshot?.label,
    })),
  );
  const ctx = { entry, handles };
  return (
    <div role="toolbar" aria-label="Actions" className="toolbar">
      {ACTIONS.map((a) => (
        <button
          key={a.label}
          type="button"
          {...actionState(a, ctx, snapshot)}
          onClick={() => a.run(store.getState(), ctx)}
        >
          {a.label}
        </button>
      ))}
    </div>
  );
}
