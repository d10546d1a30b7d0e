// A move or second pin whose name is taken (EEXIST): replace what is there, keep both under a free name, or cancel.
import { useAppStoreApi } from '../store/context.js';
import type { WorkflowDialog } from '../store/pin-workflow-slice.js';

export function ConflictDialog({ d }: { d: Extract<WorkflowDialog, { kind: 'conflict' }> }) {
  const store = useAppStoreApi();
  const choose = (c: 'replace' | 'keep-both' | 'cancel') => () => void store.getState().resolveConflict(c);
  return (
    <div className="dialog-backdrop">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="conflict-title"
        className="dialog"
        onKeyDown={(e) => e.key === 'Escape' && choose('cancel')()}
      >
        <h2 id="conflict-title">Name taken</h2>
        <p>
          <strong className="errno">EEXIST</strong> <code>{d.to}</code> already exists.{' '}
          {d.mode === 'move' ? 'Move' : 'Add a second pin of'} <code>{d.from}</code> anyway?
        </p>
        <div className="dialog-buttons">
          <button type="button" onClick={choose('cancel')}>
            Cancel
          </button>
          <button type="button" onClick={choose('keep-both')}>
            Keep both (as {d.suggestion})
          </button>
          <button type="button" onClick={choose('replace')}>
            Replace
          </button>
        </div>
      </div>
    </div>
  );
}
