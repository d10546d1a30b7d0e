// Unlinking several pins at once: the same confirm as one Unlink (what each frees, the last-reference warning),
// judged for the set (two pins of one object, both selected, free it), then one Undo for all.
import { useCallback } from 'react';

import type { UnlinkImpact } from '../../shared/contract.js';

import { ConfirmRemoval } from '../dialogs/ConfirmRemoval.js';
import { describeImpact } from '../dialogs/UnlinkDialog.js';
import { useAppStoreApi } from '../store/context.js';

/** What unlinking `path` does when all of `paths` go: freed when every other pin is in the set and nothing holds it. */
export function describeInSet(path: string, impact: UnlinkImpact, paths: readonly string[]): string {
  const freedTogether =
    !impact.freesObject &&
    impact.entry.object !== undefined &&
    impact.entry.noAccess === undefined &&
    impact.handles.length === 0 &&
    impact.holders.length === 0 &&
    impact.otherPins.every((p) => paths.includes(p));
  // Selected pins go too: what keeps the object alive is the rest.
  const unselected = impact.otherPins.filter((p) => !paths.includes(p));
  if (!freedTogether) return describeImpact(path, { ...impact, otherPins: unselected });
  const o = impact.entry.object!;
  const what = `${o.kind} ${o.type}${o.name ? ` "${o.name}"` : ''} (id ${o.id})`;
  return `With ${impact.otherPins.join(', ')} also selected, this is the last reference: the ${what} will be freed.`;
}

const freesSome = (path: string, impact: UnlinkImpact, paths: readonly string[]): boolean =>
  describeInSet(path, impact, paths).includes('the last reference');

export function UnlinkSelectedDialog({ paths, onClose }: { paths: string[]; onClose(): void }) {
  const store = useAppStoreApi();
  const assess = useCallback(() => Promise.all(paths.map((p) => store.getState().unlinkImpact(p))), [store, paths]);
  return (
    <ConfirmRemoval
      title="Unlink selected"
      submitLabel={`Unlink ${paths.length}`}
      assess={assess}
      question={<p>{paths.length === 1 ? 'Remove this pin?' : `Remove these ${paths.length} pins?`}</p>}
      note="One Undo restores them all, for 10 seconds."
      doing={`Unlinking ${paths.length} pins`}
      confirm={async () => {
        await store.getState().unlinkAllWithUndo(paths);
        return undefined;
      }}
      onClose={onClose}
    >
      {(impacts) => (
        <ul aria-label="Pins to unlink">
          {paths.map((p, i) => {
            const impact = impacts?.[i];
            return (
              <li key={p}>
                <code>{p}</code>:{' '}
                <span className={impact && freesSome(p, impact, paths) ? 'warning' : 'note'}>
                  {impact ? describeInSet(p, impact, paths) : 'Checking what holds it…'}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </ConfirmRemoval>
  );
}
