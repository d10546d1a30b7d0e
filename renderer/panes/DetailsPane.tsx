// The centre: the open maps' tabs, and the selected map's tab (its info header over its entries), or the details
// of the selected folder, program or link.
import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';

import { useAppStore } from '../store/context.js';
import { MapTab } from './MapTab.js';
import { MapTabs } from './MapTabs.js';
import { NodeDetails } from './NodeDetails.js';

export function DetailsPane() {
  const { selected, details, detailsError, isTab } = useAppStore(
    useShallow((s) => ({
      selected: s.selected,
      details: s.details,
      detailsError: s.detailsError,
      isTab: s.selected !== null && s.mapTabs.includes(s.selected),
    })),
  );
  const idBase = useId();
  return (
    <section className="pane details-pane" aria-label="Details">
      <MapTabs idBase={idBase} />
      {selected === null ? (
        <p className="empty">Select a node in the tree to see its details.</p>
      ) : isTab ? (
        <MapTab idBase={idBase} path={selected} />
      ) : (
        <div className="details-scroll">
          <h2 className="details-title">{selected}</h2>
          {detailsError && <p className="details-error">{detailsError}</p>}
          {!details && !detailsError && <p className="empty">Loading…</p>}
          {details && <NodeDetails path={selected} details={details} />}
        </div>
      )}
    </section>
  );
}
