// unlink(2) of a pin or symlink, after saying what it frees (unlinkImpact).
import { useEffect, useState } from 'react';

import type { UnlinkImpact } from '../../shared/contract.js';

import { DialogFrame } from './DialogFrame.js';
import { toWire, useDialogSubmit } from './use-dialog-submit.js';
// What unlinking a link's last pin detaches
import { useLinkDetaches } from './use-link-detaches.js';

export function describeImpact(target: string, impact: UnlinkImpact): string {
  const o = impact.entry.object;
  const what = o ? `${o.kind} ${o.type}${o.name ? ` "${o.name}"` : ''} (id ${o.id})` : `"${target}"`;
  if (impact.freesObject) return `This is the last reference: the ${what} will be freed.`;
  const locked = impact.entry.noAccess;
  if (locked)
    return `bpfscope may not open the object pinned at "${target}" (${locked.code}), so it cannot tell whether unlinking frees it.`;
  const keepers = [
    ...impact.otherPins.map((p) => `pin ${p}`),
    ...impact.handles.map((h) => `handle ${h}`),
    ...impact.holders.map((p) => `${p.comm} (pid ${p.pid})`),
  ];
  return keepers.length > 0
    ? `The ${what} stays alive, held by ${keepers.join(', ')}.`
    : `Only the name "${target}" is removed.`;
}

export function UnlinkDialog({ target }: { target: string }) {
  const [impact, setImpact] = useState<UnlinkImpact | null>(null);
  const { error, setError, busy, run, store } = useDialogSubmit();
  const detaches = useLinkDetaches(target, impact);

  useEffect(() => {
    let live = true;
    store
      .getState()
      .unlinkImpact(target)
      .then(
        (i) => live && setImpact(i),
        (err: unknown) => live && setError(toWire(err)),
      );
    return () => {
      live = false;
    };
  }, [store, target, setError]);

  const submit = (): void =>
    void run(`Unlinking "${target}"`, async () => {
      // Main keeps the object for a while, so the unlink can be undone.
      await store.getState().unlinkWithUndo(target);
    });

  return (
    <DialogFrame
      title="Unlink"
      submitLabel="Unlink"
      canSubmit={impact !== null}
      busy={busy}
      error={error}
      onSubmit={submit}
      onCancel={() => store.getState().closeDialog()}
    >
      <p>
        Remove <code>{target}</code>?
      </p>
      <p className={impact?.freesObject ? 'warning' : 'note'}>
        {impact ? describeImpact(target, impact) : 'Checking what holds it…'}
      </p>
      {detaches && (
        <p className="warning" aria-label="What it detaches">
          {detaches}
        </p>
      )}
      <p className="note">You can undo this for 10 seconds.</p>
    </DialogFrame>
  );
}
