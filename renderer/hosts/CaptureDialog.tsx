// "Capture snapshot…" of a host: which maps' entries to read and how many at most, then the capture's progress
// (what is being read, how far) with Cancel, and where the file went.
import { useState } from 'react';

import type { CaptureOptions, CaptureProgress } from '../../shared/snapshot.js';

import { useHosts } from './context.js';

const PHASES: Record<CaptureProgress['phase'], string> = {
  tree: 'Walking the tree',
  objects: 'Reading objects',
  entries: 'Reading map entries',
  writing: 'Writing the file',
  done: 'Done',
};
const UNITS: Record<CaptureProgress['phase'], string> = {
  tree: 'folders',
  objects: 'objects',
  entries: 'maps',
  writing: '',
  done: '',
};

export function progressText(p: CaptureProgress | null): string {
  if (!p) return 'Starting…';
  const unit = UNITS[p.phase];
  const count = unit ? `: ${p.done} of ${p.total} ${unit}` : '';
  return `${PHASES[p.phase]}${count}${p.item ? ` · ${p.item}` : ''}`;
}

function Options({ onStart }: { onStart(opts: CaptureOptions): void }) {
  const [maps, setMaps] = useState<'all' | 'none' | 'glob'>('all');
  const [glob, setGlob] = useState('');
  const [max, setMax] = useState('');
  const maxN = max.trim() === '' ? undefined : Number(max);
  const badMax = maxN !== undefined && (!Number.isInteger(maxN) || maxN < 0 || maxN > 0xffffffff);
  const badGlob = maps === 'glob' && glob.trim() === '';
  const submit = () => {
    const chosen: CaptureOptions['maps'] = maps === 'glob' ? { glob: glob.trim() } : maps;
    onStart({ maps: chosen, ...(maxN !== undefined ? { maxEntries: maxN } : {}) });
  };
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!badMax && !badGlob) submit();
      }}
    >
      <fieldset>
        <legend>Map entries</legend>
        {(['all', 'none', 'glob'] as const).map((m) => (
          <label key={m}>
            <input type="radio" name="maps" checked={maps === m} onChange={() => setMaps(m)} />
            {m === 'all' ? 'Every map' : m === 'none' ? 'None (tree and objects only)' : 'Maps matching'}
          </label>
        ))}
        {maps === 'glob' && (
          <input
            aria-label="Maps to read (glob)"
            placeholder="tc/globals/** or cilium_*"
            value={glob}
            onChange={(e) => setGlob(e.target.value)}
          />
        )}
      </fieldset>
      <label>
        At most this many entries per map
        <input inputMode="numeric" placeholder="all" value={max} onChange={(e) => setMax(e.target.value)} />
      </label>
      {badMax && <p role="alert">The most entries is a whole number from 0 to 4294967295.</p>}
      <button type="submit" disabled={badMax || badGlob}>
        Capture
      </button>
    </form>
  );
}

export function CaptureDialog() {
  const capture = useHosts((s) => s.capture);
  const host = useHosts((s) => (s.capture ? s.host(s.capture.host) : undefined));
  const start = useHosts((s) => s.startCapture);
  const cancel = useHosts((s) => s.cancelCapture);
  const close = useHosts((s) => s.closeCapture);
  if (!capture) return null;
  const running = capture.step === 'running';
  return (
    <div className="dialog-backdrop">
      <div
        role="dialog"
        aria-modal="true"
        aria-label="Capture snapshot"
        className="dialog capture-dialog"
        onKeyDown={(e) => e.key === 'Escape' && !running && close()}
      >
        <h2>Capture snapshot of {host?.label ?? capture.host}</h2>
        {capture.step === 'options' && <Options onStart={(o) => void start(o)} />}
        {running && (
          <div aria-label="Capture progress" aria-live="polite">
            <progress
              max={capture.progress?.total || 1}
              value={capture.progress?.phase === 'done' ? 1 : (capture.progress?.done ?? 0)}
            />
            <p>{progressText(capture.progress)}</p>
          </div>
        )}
        {capture.step === 'done' && (
          <p role="status">
            Saved {capture.name} ({capture.size.toLocaleString('en-US')} bytes).
          </p>
        )}
        {capture.step === 'failed' && <p role="alert">{capture.error}</p>}
        <div className="dialog-buttons">
          {running ? (
            <button type="button" onClick={() => void cancel()}>
              Cancel
            </button>
          ) : (
            <button type="button" onClick={close}>
              {capture.step === 'options' ? 'Cancel' : 'Close'}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
