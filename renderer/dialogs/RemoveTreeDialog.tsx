// Removing a folder and everything inside: first what goes and which objects that frees (a dry run),
// then removal bottom-up; a refusal midway says what was removed and what was not.
import { useEffect, useState } from 'react';

import type { RemoveTreeResult } from '../../shared/contract.js';

import { DialogFrame } from './DialogFrame.js';
import { toWire, useDialogSubmit } from './use-dialog-submit.js';

export function RemoveTreeDialog({ path }: { path: string }) {
  const [plan, setPlan] = useState<RemoveTreeResult | null>(null);
  const [partial, setPartial] = useState<RemoveTreeResult | null>(null);
  const { error, setError, busy, run, store } = useDialogSubmit();
  const close = (): void => store.getState().closeWorkflow();

  useEffect(() => {
    let live = true;
    store
      .getState()
      .planRemoveTree(path)
      .then(
        (p) => live && setPlan(p),
        (err: unknown) => live && setError(toWire(err)),
      );
    return () => {
      live = false;
    };
  }, [store, path, setError]);

  const submit = (): void =>
    void run(`Removing "${path}" and everything inside`, async () => {
      const r = await store.getState().removeTree(path);
      if (r.error) {
        setPartial(r);
        setError(r.error);
        return false;
      }
      close();
      return false;
    });

  const shown = partial ?? plan;
  return (
    <DialogFrame
      title="Remove folder and contents"
      submitLabel="Remove all"
      canSubmit={plan !== null && partial === null}
      busy={busy}
      error={error}
      onSubmit={submit}
      onCancel={close}
      errorNote={
        partial
          ? `Removed ${partial.removed.length} of ${partial.entries.length}; not removed: ${partial.notRemoved.join(', ')}.`
          : undefined
      }
    >
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
    </DialogFrame>
  );
}
