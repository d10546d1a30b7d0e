// Ctrl+P: a quick jump to any pin by name. Typing filters the pins; arrows move, Enter reveals and selects the
// pin in the tree, Escape closes.
import { useEffect, useId, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';

import { useAppStore } from '../store/context.js';
import { jumpCandidates, matchPins } from './quick-jump.js';

export function QuickJump() {
  const { open, setOpen, children, objects, refreshObjects, revealPin } = useAppStore(
    useShallow((s) => ({
      open: s.quickJumpOpen,
      setOpen: s.setQuickJumpOpen,
      children: s.children,
      objects: s.objects,
      refreshObjects: s.refreshObjects,
      revealPin: s.revealPin,
    })),
  );
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const id = useId();
  // Pins in folders the tree has not loaded yet come from the live objects' pins.
  useEffect(() => {
    if (open) void refreshObjects();
  }, [open, refreshObjects]);
  const pins = useMemo(() => jumpCandidates(children, objects), [children, objects]);
  const matches = useMemo(() => matchPins(pins, query), [pins, query]);
  if (!open) return null;

  const close = (): void => {
    setOpen(false);
    setQuery('');
    setActive(0);
  };
  const jump = (path: string | undefined): void => {
    if (path === undefined) return;
    close();
    void revealPin(path);
  };
  const onKeyDown = (e: React.KeyboardEvent): void => {
    const last = matches.length - 1;
    if (e.key === 'ArrowDown') setActive((a) => (a >= last ? 0 : a + 1));
    else if (e.key === 'ArrowUp') setActive((a) => (a <= 0 ? Math.max(last, 0) : a - 1));
    else if (e.key === 'Enter') jump(matches[Math.min(active, last)]);
    else if (e.key === 'Escape') close();
    else return;
    e.preventDefault();
  };
  const optionId = (i: number): string => `${id}opt${i}`;
  return (
    <div className="dialog-backdrop quick-jump-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div role="dialog" aria-modal="true" aria-label="Go to pin" className="dialog quick-jump">
        <input
          role="combobox"
          aria-label="Pin name"
          aria-expanded={matches.length > 0}
          aria-controls={`${id}list`}
          aria-autocomplete="list"
          aria-activedescendant={matches.length > 0 ? optionId(Math.min(active, matches.length - 1)) : undefined}
          placeholder="Type part of a pin's name"
          autoFocus
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul role="listbox" id={`${id}list`} aria-label="Matching pins" className="quick-jump-list">
          {matches.map((path, i) => (
            <li
              key={path}
              id={optionId(i)}
              role="option"
              aria-selected={i === Math.min(active, matches.length - 1)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => jump(path)}
            >
              <span className="quick-jump-name">{path.slice(path.lastIndexOf('/') + 1)}</span>{' '}
              <span className="quick-jump-path">{path}</span>
            </li>
          ))}
        </ul>
        {matches.length === 0 && <p className="empty">No pin matches "{query}".</p>}
      </div>
    </div>
  );
}
