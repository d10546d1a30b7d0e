// The details of a pin whose object cannot be read: why (the errno and its cause), and the way to see it.

import { preloadedText } from '../../shared/bpf/privilege.js';
import type { DirEntry } from '../../shared/engine.js';

import { useAppStoreApi } from '../store/context.js';
import { LockIcon } from './NodeIcon.js';

export function AccessDetails({ entry }: { entry: DirEntry }) {
  const store = useAppStoreApi();
  if (entry.preloaded) {
    return (
      <div className="details-block">
        <p className="note">{preloadedText(entry.preloaded)}</p>
      </div>
    );
  }
  if (!entry.noAccess) return null;
  return (
    <section className="details-block access-details" aria-label="No access">
      <h3>
        <LockIcon /> No access <span className="errno">{entry.noAccess.code}</span>
      </h3>
      <p>{entry.noAccess.reason}</p>
      <button type="button" onClick={() => store.getState().authenticate(entry.path)}>
        Authenticate…
      </button>
    </section>
  );
}
