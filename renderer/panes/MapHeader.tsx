// The open map's header: its path and a one-line summary, over its full info (node, access, object, pins,
// handles), which folds away so the entries get the room; folded or not is remembered.
import { useId } from 'react';

import type { InspectResult } from '../../shared/contract.js';
import type { MapInfo } from '../../shared/engine.js';

import { useAppStore } from '../store/context.js';
import { NodeDetails } from './NodeDetails.js';

export function mapSummary(info: MapInfo): string {
  const flags = info.flagNames.length > 0 ? info.flagNames.join(', ') : 'no flags';
  const frozen = info.frozen ? ' · frozen' : '';
  return `${info.type} · id ${info.id} · key ${info.keySize} B · value ${info.valueSize} B · max ${info.maxEntries} · ${flags}${frozen}`;
}

export function MapHeader(p: { path: string; details: InspectResult | null; error: string | null }) {
  const folded = useAppStore((s) => s.layout.infoFolded);
  const toggle = useAppStore((s) => s.toggleInfoFolded);
  const bodyId = useId();
  const info = p.details?.info?.kind === 'map' ? p.details.info : null;
  return (
    <header className="map-header">
      <div className="map-header-bar">
        <button
          type="button"
          className="map-header-toggle"
          aria-expanded={!folded}
          aria-controls={bodyId}
          aria-label="Map info"
          title={folded ? 'Show the map info' : 'Hide the map info'}
          onClick={toggle}
        >
          <span aria-hidden="true">{folded ? '▸' : '▾'}</span>
        </button>
        <h2 className="details-title">{p.path}</h2>
        {info && <span className="map-summary">{mapSummary(info)}</span>}
      </div>
      {p.error && <p className="details-error">{p.error}</p>}
      {!p.details && !p.error && <p className="empty">Loading…</p>}
      <div id={bodyId} className="map-header-body" hidden={folded}>
        {p.details && <NodeDetails path={p.path} details={p.details} />}
      </div>
    </header>
  );
}
