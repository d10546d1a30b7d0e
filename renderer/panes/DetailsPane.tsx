// Everything about the selected node: its kernel info, its pins, our handles on it, and its first entries.
import { useShallow } from 'zustand/react/shallow';

import { useAppStore } from '../store/context.js';
import { AccessDetails } from './AccessDetails.js';
import { FolderMemory } from './FolderMemory.js';
import { InfoTable } from './InfoTable.js';
import { entryRows, infoRows } from './info-rows.js';
import { LinkDetails } from './LinkDetails.js';
import { MapEntriesSection } from './MapEntriesTable.js';
import { PermissionDetails } from './PermissionDetails.js';
import { ProgramDetails } from './ProgramDetails.js';

export function DetailsPane() {
  const { selected, details, detailsError, handles } = useAppStore(
    useShallow((s) => ({ selected: s.selected, details: s.details, detailsError: s.detailsError, handles: s.handles })),
  );

  if (selected === null) {
    return (
      <section className="pane details-pane" aria-label="Details">
        <p className="empty">Select a node in the tree to see its details.</p>
      </section>
    );
  }
  // From the live handle list, so closing a handle shows here at once.
  const info = details?.info;
  const ours = info ? handles.filter((h) => h.kind === info.kind && h.id === info.id) : [];
  return (
    <section className="pane details-pane" aria-label="Details">
      <h2 className="details-title">{selected}</h2>
      {detailsError && <p className="details-error">{detailsError}</p>}
      {!details && !detailsError && <p className="empty">Loading…</p>}
      {details && (
        <>
          <InfoTable label="Node" rows={entryRows(details.entry)} />
          <AccessDetails entry={details.entry} />
          <PermissionDetails entry={details.entry} />
          {details.entry.kind === 'dir' && <FolderMemory path={details.entry.path} />}
          {details.info && <InfoTable label="Object" rows={infoRows(details.info)} />}
          {details.info && (
            <div className="details-block">
              <h3>Pins</h3>
              <ul aria-label="Pins">
                {details.pins.map((p) => (
                  <li key={p}>
                    <code>{p}</code>
                  </li>
                ))}
              </ul>
              <h3>bpfscope handles</h3>
              {ours.length === 0 ? (
                <p className="empty">bpfscope holds no handle on this object.</p>
              ) : (
                <ul aria-label="Handles on this object">
                  {ours.map((h) => (
                    <li key={h.handle}>
                      handle {h.handle} ({h.access}, {h.origin})
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {/* Program and link details */}
          {details.info?.kind === 'prog' && <ProgramDetails path={selected} />}
          {details.info?.kind === 'link' && <LinkDetails path={selected} />}
          {/* Live entries view */}
          {details.info?.kind === 'map' && <MapEntriesSection path={selected} info={details.info} />}
        </>
      )}
    </section>
  );
}
