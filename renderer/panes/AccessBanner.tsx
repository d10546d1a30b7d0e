// One banner when the engine cannot see everything: what the user is looking at, and how to see the rest.
import { limitedViewNotice } from '../../shared/bpf/privilege.js';

import { useAppStore, useAppStoreApi } from '../store/context.js';

export function AccessBanner() {
  const store = useAppStoreApi();
  const engine = useAppStore((s) => s.engine);
  const notice = engine ? limitedViewNotice(engine) : undefined;
  if (!notice) return null;
  return (
    <section className="access-banner" aria-label="Access">
      <p>
        <strong>{notice.seeing}</strong> {notice.howToSeeAll}
      </p>
      <button type="button" onClick={() => store.getState().authenticate(null)}>
        Authenticate…
      </button>
    </section>
  );
}
