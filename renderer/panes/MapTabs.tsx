// The open maps' tab strip: the active tab is the selected map; arrows move between tabs, Delete closes one.
import { useShallow } from 'zustand/react/shallow';

import { useAppStore } from '../store/context.js';
import { tabLabels } from './tab-labels.js';

export const tabId = (base: string, path: string): string => `${base}tab-${path}`;
export const tabPanelId = (base: string, path: string): string => `${base}tabpanel-${path}`;

export function MapTabs({ idBase }: { idBase: string }) {
  const { tabs, selected, activate, close } = useAppStore(
    useShallow((s) => ({ tabs: s.mapTabs, selected: s.selected, activate: s.activateMapTab, close: s.closeMapTab })),
  );
  if (tabs.length === 0) return null;
  const labels = tabLabels(tabs);
  const anyActive = selected !== null && tabs.includes(selected);
  const go = (i: number): void => {
    const path = tabs[(i + tabs.length) % tabs.length];
    if (path === undefined) return;
    void activate(path);
    document.getElementById(tabId(idBase, path))?.focus();
  };
  const onKeyDown = (e: React.KeyboardEvent, i: number, path: string): void => {
    if (e.key === 'ArrowRight') go(i + 1);
    else if (e.key === 'ArrowLeft') go(i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(tabs.length - 1);
    else if (e.key === 'Delete') void close(path);
    else return;
    e.preventDefault();
  };
  return (
    <div role="tablist" aria-label="Open maps" className="map-tabs">
      {tabs.map((path, i) => {
        const active = path === selected;
        return (
          <span key={path} role="presentation" className={`map-tab-item${active ? ' active' : ''}`}>
            <button
              type="button"
              role="tab"
              id={tabId(idBase, path)}
              aria-selected={active}
              aria-controls={active ? tabPanelId(idBase, path) : undefined}
              tabIndex={active || (!anyActive && i === 0) ? 0 : -1}
              title={path}
              onClick={() => void activate(path)}
              onKeyDown={(e) => onKeyDown(e, i, path)}
            >
              {labels[i]}
            </button>
            <button
              type="button"
              className="map-tab-close"
              aria-label={`Close ${labels[i]}`}
              title={`Close ${path}`}
              tabIndex={-1}
              onClick={() => void close(path)}
            >
              ×
            </button>
          </span>
        );
      })}
    </div>
  );
}
