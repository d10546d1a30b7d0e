// The Entries block of a map's details: the live, virtualized entries view (renderer/entries/).
import type { MapInfo } from '../../shared/engine.js';

import { EntriesView } from '../entries/EntriesView.js';

export function MapEntriesSection({ path, info }: { path: string; info: MapInfo }) {
  return (
    <div className="details-block">
      <h3>Entries</h3>
      <EntriesView path={path} info={info} />
    </div>
  );
}
