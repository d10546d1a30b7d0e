// The selected map's tab: a foldable header with the map's info, and its live entries as the main area.
import { useShallow } from 'zustand/react/shallow';

import { EntriesView } from '../entries/EntriesView.js';
import { useAppStore } from '../store/context.js';
import { MapHeader } from './MapHeader.js';
import { tabId, tabPanelId } from './MapTabs.js';

export function MapTab({ idBase, path }: { idBase: string; path: string }) {
  const { details, detailsError } = useAppStore(
    useShallow((s) => ({
      details: s.details?.entry.path === path ? s.details : null,
      detailsError: s.detailsError,
    })),
  );
  const info = details?.info?.kind === 'map' ? details.info : null;
  return (
    <div role="tabpanel" id={tabPanelId(idBase, path)} aria-labelledby={tabId(idBase, path)} className="map-tab">
      <MapHeader path={path} details={details} error={detailsError} />
      {info && (
        <section className="map-entries" aria-label="Entries">
          <EntriesView path={path} info={info} />
        </section>
      )}
    </div>
  );
}
