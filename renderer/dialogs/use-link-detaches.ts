// When unlinking frees a link, what that detaches ("Detaches the xdp program X from ifindex 2.").
import { useEffect, useState } from 'react';

import type { UnlinkImpact } from '../../shared/contract.js';

import { useAppStoreApi } from '../store/context.js';

export function useLinkDetaches(target: string, impact: UnlinkImpact | null): string | null {
  const store = useAppStoreApi();
  const [sentence, setSentence] = useState<string | null>(null);
  const isLastLinkPin = impact?.freesObject === true && impact.entry.object?.kind === 'link';
  useEffect(() => {
    if (!isLastLinkPin) return undefined;
    let live = true;
    // Without the sentence the dialog still says the link is freed, so a failure here stays quiet.
    store
      .getState()
      .linkDetails(target)
      .then(
        (d) => live && setSentence(d.detaches),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [store, target, isLastLinkPin]);
  return isLastLinkPin ? sentence : null;
}
