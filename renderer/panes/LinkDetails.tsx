// A pinned link's program (linked to its pin in the tree) and its attach target.
import { useEffect, useState } from 'react';

import type { LinkDetails as LinkDetailsResult } from '../../shared/contract.js';

import { useAppStoreApi } from '../store/context.js';
import { InfoTable } from './InfoTable.js';
import { selectPin } from './select-pin.js';

export function LinkDetails({ path }: { path: string }) {
  const store = useAppStoreApi();
  const [details, setDetails] = useState<LinkDetailsResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    store
      .getState()
      .linkDetails(path)
      .then(
        (d) => {
          if (live) {
            setDetails(d);
            setError(null);
          }
        },
        (err: unknown) => {
          if (live) setError(err instanceof Error ? err.message : String(err));
        },
      );
    return () => {
      live = false;
    };
  }, [store, path]);

  if (error) return <p className="details-error">Link details: {error}</p>;
  if (!details) return <p className="empty">Reading the link…</p>;
  const prog = details.prog;
  const progPin = prog?.pins[0];
  return (
    <div className="details-block link-details">
      <h3>Link</h3>
      <p aria-label="Attach target">Attached to {details.target.summary}.</p>
      <h3>Linked program</h3>
      {!prog && <p className="empty">Program id {details.info.progId} (not found).</p>}
      {prog && (
        <p aria-label="Linked program">
          {prog.type} program {prog.name ? `"${prog.name}" ` : ''}(id {prog.id})
          {progPin ? (
            <>
              {' '}
              pinned at{' '}
              <button type="button" className="link" onClick={() => void selectPin(store, progPin)}>
                {progPin}
              </button>
            </>
          ) : (
            ', not pinned'
          )}
        </p>
      )}
      {details.target.fields.length > 0 && <InfoTable label="Attach target" rows={details.target.fields} />}
    </div>
  );
}
