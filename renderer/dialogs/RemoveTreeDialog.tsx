// Removing a folder and everything inside: first what goes and which objects that frees (a dry run),
// then removal bottom-up; a refusal midway says what was removed and what was not.
import { useCallback, useState } from 'react';

import type { RemoveTreeResult } from '../../shared/contract.js';

import { useAppStoreApi } from '../store/context.js';
import { ConfirmRemoval } from './ConfirmRemoval.js';

/** What goes, in removal order, and which objects that frees. */
function TreePlan({ path, shown }: { path: string; shown: RemoveTreeResult | null }) {
  return (
    <>
      <p>
        Remove <code>{path}</code> and the {Math.max(0, (shown?.entries.length ?? 1) - 1)} entries inside it?
      </p>
      {shown &&
        (shown.freed.length > 0 ? (
          <>
            <p className="warning">
              This frees {shown.freed.length} object{shown.freed.length === 1 ? '' : 's'} (their last pins are inside):
            </p>
            <ul aria-label="Objects freed">
              {shown.freed.map((o) => (
                <li key={`${o.kind}:${o.id}`}>
                  {o.kind} {o.type} {o.name ? `"${o.name}" ` : ''}id {o.id}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="note">No object is freed: each is pinned or held elsewhere too.</p>
        ))}
      {shown && (
        <details>
          <summary>Entries, in removal order</summary>
          <ul aria-label="Entries to remove">
            {shown.entries.map((e) => (
              <li key={e}>
                <code>{e}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

export function RemoveTreeDialog({ path }: { path: string }) {
  const store = useAppStoreApi();
  const [partial, setPartial] = useState<RemoveTreeResult | null>(null);
  const assess = useCallback(() => store.getState().planRemoveTree(path), [store, path]);
  return (
    <ConfirmRemoval
      title="Remove folder and contents"
      submitLabel="Remove all"
      assess={assess}
      doing={`Removing "${path}" and everything inside`}
      confirm={async () => {
        const r = await store.getState().removeTree(path);
        if (r.error) setPartial(r);
        return r.error;
      }}
      onClose={() => store.getState().closeWorkflow()}
      blocked={partial !== null}
      errorNote={
        partial
          ? `Removed ${partial.removed.length} of ${partial.entries.length}; not removed: ${partial.notRemoved.join(', ')}.`
          : undefined
      }
    >
      {(plan) => <TreePlan path={path} shown={partial ?? plan} />}
    </ConfirmRemoval>
  );
}
