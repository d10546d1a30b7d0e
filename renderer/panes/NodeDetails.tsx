// What the details show of a node: its kernel info, access and mode, its pins, our handles on it, and the
// program's or link's own details. A map's entries are its tab's main area (MapTab), not part of this.
import type { InspectResult } from '../../shared/contract.js';

import { useAppStore } from '../store/context.js';
import { AccessDetails } from './AccessDetails.js';
import { FolderMemory } from './FolderMemory.js';
import { InfoTable } from './InfoTable.js';
import { entryRows, infoRows } from './info-rows.js';
import { LinkDetails } from './LinkDetails.js';
import { PermissionDetails } from './PermissionDetails.js';
import { ProgramDetails } from './ProgramDetails.js';

export function NodeDetails({ path, details }: { path: string; details: InspectResult }) {
  const handles = useAppStore((s) => s.handles);
  const info = details.info;
  // From the live handle list, so closing a handle shows here at once.
  const ours = info ? handles.filter((h) => h.kind === info.kind && h.id === info.id) : [];
  return (
    <>
      <InfoTable label="Node" rows={entryRows(details.entry)} />
      <AccessDetails entry={details.entry} />
      <PermissionDetails entry={details.entry} />
      {details.entry.kind === 'dir' && <FolderMemory path={details.entry.path} />}
      {info && <InfoTable label="Object" rows={infoRows(info)} />}
      {info && (
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
      {info?.kind === 'prog' && <ProgramDetails path={path} />}
      {info?.kind === 'link' && <LinkDetails path={path} />}
    </>
  );
}
