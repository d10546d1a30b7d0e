// The frame every dialog shares: a labelled dialog with a form, the engine's refusal, Cancel and submit.

import type { ReactNode } from 'react';
import { useEffect, useId, useRef } from 'react';

import type { WireError } from '../../shared/errors.js';

export interface DialogFrameProps {
  title: string;
  submitLabel: string;
  canSubmit: boolean;
  busy?: boolean;
  /** The engine's refusal of the last submit, shown until the next one. */
  error?: WireError | null;
  /** Extra explanation shown with the error (e.g. what already happened). */
  errorNote?: string | undefined;
  onSubmit(): void;
  onCancel(): void;
  children: ReactNode;
}

export function DialogFrame(props: DialogFrameProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, select, button[type="submit"]')?.focus();
  }, []);
  return (
    <div className="dialog-backdrop">
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="dialog"
        onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}
      >
        <h2 id={titleId}>{props.title}</h2>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (props.canSubmit && !props.busy) props.onSubmit();
          }}
        >
          {props.children}
          {props.error && (
            <div className="dialog-error" role="alert">
              <strong className="errno">{props.error.code}</strong> {props.error.message}
              {props.error.hint && <div className="notice-hint">{props.error.hint}</div>}
              {props.errorNote && <div>{props.errorNote}</div>}
            </div>
          )}
          <div className="dialog-buttons">
            <button type="button" onClick={props.onCancel}>
              Cancel
            </button>
            <button type="submit" disabled={!props.canSubmit || props.busy}>
              {props.submitLabel}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
