// Why an ELF object did not load: the errno, the message (the verifier's last lines), the hint, and libbpf's
// whole log with its end in view and the middle collapsed; "Copy full log" puts all of it on the clipboard.
import { useEffect, useId, useMemo, useRef, useState } from 'react';

import { useAppStore, useAppStoreApi } from '../store/context.js';
import type { LoadFailure } from '../store/types.js';
import { collapseLines, logLines } from './log-lines.js';

export function LoadErrorDialog() {
  const failure = useAppStore((s) => s.loadFailure);
  if (!failure) return null;
  return <LoadErrorView key={`${failure.fileName}:${failure.folder}:${failure.error.message}`} failure={failure} />;
}

function LoadErrorView({ failure }: { failure: LoadFailure }) {
  const store = useAppStoreApi();
  const titleId = useId();
  const { error } = failure;
  const lines = useMemo(() => logLines(error.log ?? ''), [error.log]);
  const [showAll, setShowAll] = useState(false);
  const [copyStatus, setCopyStatus] = useState('');
  const tailRef = useRef<HTMLPreElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const view = showAll ? { head: [], hidden: 0, tail: lines } : collapseLines(lines);
  const close = (): void => store.getState().closeLoadFailure();

  useEffect(() => closeRef.current?.focus(), []);
  // The end of the log is where the verifier says why: keep it in view.
  useEffect(() => {
    const pre = tailRef.current;
    if (pre) pre.scrollTop = pre.scrollHeight;
  }, [showAll]);

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(error.log ?? '');
      setCopyStatus(`Copied ${lines.length} lines.`);
    } catch (e) {
      setShowAll(true);
      setCopyStatus(`Could not copy (${e instanceof Error ? e.message : String(e)}): select the log and copy it.`);
    }
  };

  return (
    <div className="dialog-backdrop">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="dialog load-error-dialog"
        onKeyDown={(e) => e.key === 'Escape' && close()}
      >
        <h2 id={titleId}>Could not load {failure.fileName}</h2>
        <p className="note">
          Into {failure.folder === '' ? 'the mount root' : `${failure.folder}/`}; nothing was pinned.
        </p>
        <div className="dialog-error" role="alert">
          <strong className="errno">{error.code}</strong> <span className="load-error-message">{error.message}</span>
          {error.hint && <div className="notice-hint">{error.hint}</div>}
        </div>
        {lines.length > 0 && (
          <section className="log-view" aria-label="libbpf log">
            <h3>libbpf log, {lines.length} lines</h3>
            {view.head.length > 0 && <pre className="log-head">{view.head.join('\n')}</pre>}
            {view.hidden > 0 && (
              <button type="button" className="log-hidden" onClick={() => setShowAll(true)}>
                … {view.hidden} lines not shown: show the whole log
              </button>
            )}
            <pre className="log-tail" ref={tailRef} tabIndex={0} aria-label="End of the log">
              {view.tail.join('\n')}
            </pre>
          </section>
        )}
        <div className="dialog-buttons">
          <span role="status" className="copy-status">
            {copyStatus}
          </span>
          {lines.length > 0 && (
            <button type="button" onClick={() => void copy()}>
              Copy full log
            </button>
          )}
          <button type="button" ref={closeRef} onClick={close}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
