// Pin health: pins whose object nothing else uses, links whose target is gone, objects pinned twice and, given an
// object file (dropped on the view or picked), pins libbpf would refuse to reuse; each explained with its safe
// action. Unlink goes through the Unlink dialog (last-reference warning, Undo); several at once through one confirm.
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';

import type { HealthFinding } from '../../shared/pin-health.js';
import { safeAction } from '../../shared/pin-health.js';

import { acceptFileDrag } from '../dnd/object-file.js';
import { useAppStore, useAppStoreApi } from '../store/context.js';
import { HealthObjectBar } from './HealthObjectBar.js';
import { UnlinkSelectedDialog } from './UnlinkSelectedDialog.js';

const TITLES: Record<HealthFinding['kind'], string> = {
  'orphan-map': 'Orphaned map',
  'unattached-prog': 'Program attached nowhere',
  'dead-link': 'Link whose target is gone',
  duplicate: 'Pinned more than once',
  'incompatible-pin': 'Incompatible pin',
};

interface Selection {
  selected: ReadonlySet<string>;
  toggle(path: string): void;
}

function Finding({ f, sel }: { f: HealthFinding; sel: Selection }) {
  const openDialog = useAppStore((s) => s.openDialog);
  const name = f.object.name || '(no name)';
  const id = f.object.id > 0 ? ` (id ${f.object.id})` : '';
  return (
    <li className={`health-finding health-${f.kind}`} aria-label={`${TITLES[f.kind]}: ${f.pins[0]}`}>
      <h3>
        {TITLES[f.kind]}: <code>{f.pins[0]}</code>
      </h3>
      <p>
        {f.object.kind} {f.object.type} {name}
        {id}.{' '}
        {f.loader
          ? `In a folder of ${f.loader}, which manages its own pins.`
          : 'A loose pin: no known loader owns its folder.'}
      </p>
      {f.detail && <p className="health-detail">{f.detail}</p>}
      <p className="note">{f.meaning}</p>
      <p className="note health-action">Safe action: {safeAction(f)}</p>
      <ul className="health-pins">
        {f.pins.map((p) => (
          <li key={p}>
            <label>
              <input type="checkbox" checked={sel.selected.has(p)} onChange={() => sel.toggle(p)} />{' '}
              <span className="sr-only">Select </span>
              <code>{p}</code>
            </label>{' '}
            <button type="button" aria-label={`Unlink ${p}…`} onClick={() => openDialog('unlink', p)}>
              Unlink…
            </button>
          </li>
        ))}
      </ul>
    </li>
  );
}

/** Checked pins, kept to those the last report still lists. */
function useSelection(pins: readonly string[]): Selection & { clear(): void } {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const key = pins.join('\n');
  useEffect(() => {
    const live = new Set(key.split('\n'));
    setSelected((s) => ([...s].every((p) => live.has(p)) ? s : new Set([...s].filter((p) => live.has(p)))));
  }, [key]);
  return {
    selected,
    toggle: (p) =>
      setSelected((s) => {
        const next = new Set(s);
        if (!next.delete(p)) next.add(p);
        return next;
      }),
    clear: () => setSelected(new Set()),
  };
}

export function PinHealthPane() {
  const store = useAppStoreApi();
  const { health, busy, check, children } = useAppStore(
    useShallow((s) => ({ health: s.health, busy: s.healthBusy, check: s.checkPinHealth, children: s.children })),
  );
  const [confirming, setConfirming] = useState<string[] | null>(null);
  const [dropping, setDropping] = useState(false);
  const findings = health?.findings ?? [];
  const sel = useSelection([...new Set(findings.flatMap((f) => f.pins))].sort());
  // Checked again whenever the tree changes (an unlink, its Undo, pins made elsewhere).
  useEffect(() => void check(''), [check, children]);

  const onDrop = (e: React.DragEvent): void => {
    setDropping(false);
    const file = e.dataTransfer.files[0];
    if (!file) return;
    e.preventDefault();
    void file
      .arrayBuffer()
      .then((b) => store.getState().checkAgainstObject({ fileName: file.name, data: new Uint8Array(b) }));
  };

  return (
    <section
      className="pane health-pane"
      aria-labelledby="health-title"
      data-drop-target={dropping ? 'true' : undefined}
      onDragOver={(e) => acceptFileDrag(e) && setDropping(true)}
      onDragLeave={() => setDropping(false)}
      onDrop={onDrop}
    >
      <h2 id="health-title">Pin health</h2>
      <div className="health-actions">
        <button type="button" disabled={busy} onClick={() => void check('')}>
          Check again
        </button>
        <button
          type="button"
          disabled={sel.selected.size === 0}
          onClick={() => setConfirming([...sel.selected].sort())}
        >
          Unlink selected ({sel.selected.size})…
        </button>
      </div>
      <HealthObjectBar />
      {health && (
        <p className="health-summary">
          {health.pinsChecked} pins checked, {health.inLoaderFolders} in known loaders' folders;{' '}
          {findings.length === 0 ? 'nothing to report.' : `${findings.length} findings.`}
        </p>
      )}
      {findings.length > 0 && (
        <ul className="health-findings" aria-label="Findings">
          {findings.map((f) => (
            <Finding key={`${f.kind}:${f.object.kind}:${f.object.id}:${f.pins[0]}`} f={f} sel={sel} />
          ))}
        </ul>
      )}
      {confirming && (
        <UnlinkSelectedDialog
          paths={confirming}
          onClose={() => {
            setConfirming(null);
            sel.clear();
          }}
        />
      )}
    </section>
  );
}
