// Pin health: pins whose object nothing else uses, and objects pinned twice, each explained, with the safe action
// (unlink through the Unlink dialog, which warns of the last reference and offers Undo).
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';

import type { HealthFinding } from '../../shared/pin-health.js';

import { useAppStore } from '../store/context.js';

const TITLES: Record<HealthFinding['kind'], string> = {
  'orphan-map': 'Orphaned map',
  'unattached-prog': 'Program attached nowhere',
  duplicate: 'Pinned more than once',
};

function Finding({ f }: { f: HealthFinding }) {
  const openDialog = useAppStore((s) => s.openDialog);
  const name = f.object.name || '(no name)';
  return (
    <li className={`health-finding health-${f.kind}`} aria-label={`${TITLES[f.kind]}: ${f.pins[0]}`}>
      <h3>
        {TITLES[f.kind]}: <code>{f.pins[0]}</code>
      </h3>
      <p>
        {f.object.kind} {f.object.type} {name} (id {f.object.id}).{' '}
        {f.loader
          ? `In a folder of ${f.loader}, which manages its own pins.`
          : 'A loose pin: no known loader owns its folder.'}
      </p>
      <p className="note">{f.meaning}</p>
      <ul className="health-pins">
        {f.pins.map((p) => (
          <li key={p}>
            <code>{p}</code>{' '}
            <button type="button" aria-label={`Unlink ${p}…`} onClick={() => openDialog('unlink', p)}>
              Unlink…
            </button>
          </li>
        ))}
      </ul>
    </li>
  );
}

export function PinHealthPane() {
  const { health, busy, check, children } = useAppStore(
    useShallow((s) => ({ health: s.health, busy: s.healthBusy, check: s.checkPinHealth, children: s.children })),
  );
  // Checked again whenever the tree changes (an unlink, its Undo, pins made elsewhere).
  useEffect(() => void check(''), [check, children]);
  return (
    <section className="pane health-pane" aria-labelledby="health-title">
      <h2 id="health-title">Pin health</h2>
      <button type="button" disabled={busy} onClick={() => void check('')}>
        Check again
      </button>
      {health && (
        <p className="health-summary">
          {health.pinsChecked} pins checked, {health.inLoaderFolders} in known loaders' folders;{' '}
          {health.findings.length === 0 ? 'nothing to report.' : `${health.findings.length} findings.`}
        </p>
      )}
      {health && health.findings.length > 0 && (
        <ul className="health-findings" aria-label="Findings">
          {health.findings.map((f) => (
            <Finding key={`${f.kind}:${f.object.kind}:${f.object.id}`} f={f} />
          ))}
        </ul>
      )}
    </section>
  );
}
