// unlink(2) of a pin or symlink, after saying what it frees (unlinkImpact).
import { useCallback } from 'react';

import type { UnlinkImpact } from '../../shared/contract.js';

import { useAppStoreApi } from '../store/context.js';
import { ConfirmRemoval } from './ConfirmRemoval.js';
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

/** What unlinking frees or leaves alive, and for a link's last pin what that detaches. */
function ImpactText({ target, impact }: { target: string; impact: UnlinkImpact | null }) {
  const detaches = useLinkDetaches(target, impact);
  return (
    <>
      <p className={impact?.freesObject ? 'warning' : 'note'}>
        {impact ? describeImpact(target, impact) : 'Checking what holds it…'}
      </p>
      {detaches && (
        <p className="warning" aria-label="What it detaches">
          {detaches}
        </p>
      )}
    </>
  );
}

export function UnlinkDialog({ target }: { target: string }) {
  const store = useAppStoreApi();
  const assess = useCallback(() => store.getState().unlinkImpact(target), [store, target]);
  return (
    <ConfirmRemoval
      title="Unlink"
      submitLabel="Unlink"
      assess={assess}
      question={
        <p>
          Remove <code>{target}</code>?
        </p>
      }
      note="You can undo this for 10 seconds."
      doing={`Unlinking "${target}"`}
      confirm={async () => {
        // Main keeps the object for a while, so the unlink can be undone.
        await store.getState().unlinkWithUndo(target);
        return undefined;
      }}
      onClose={() => store.getState().closeDialog()}
    >
      {(impact) => <ImpactText target={target} impact={impact} />}
    </ConfirmRemoval>
  );
}
