// The side column's tabs: Handles (bpfscope's own) and Objects (every live object of the engine).
import { useState } from 'react';

import { HandlesPane } from './HandlesPane.js';
import { MountsPane } from './MountsPane.js';
import { ObjectsPane } from './ObjectsPane.js';
import { PinHealthPane } from './PinHealthPane.js';

const TABS = [
  { id: 'handles', label: 'Handles' },
  { id: 'objects', label: 'Objects' },
  { id: 'health', label: 'Pin health' },
  { id: 'mounts', label: 'Mounts' },
] as const;

export function SideTabs() {
  const [tab, setTab] = useState<(typeof TABS)[number]['id']>('handles');
  return (
    <div className="side-tabs">
      <div role="tablist" aria-label="Side panes" className="tab-list">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`tabpanel-${t.id}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'handles' ? (
          <HandlesPane />
        ) : tab === 'objects' ? (
          <ObjectsPane />
        ) : tab === 'mounts' ? (
          <MountsPane />
        ) : (
          <PinHealthPane />
        )}
      </div>
    </div>
  );
}
