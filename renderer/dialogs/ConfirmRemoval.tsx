// The confirm every removal shares: what goes and what that frees, assessed when the dialog opens (the button waits
// for it), then one action; a refusal, of the assessment or of the action, stays in the dialog.
import { type ReactNode, useEffect, useState } from 'react';

import type { WireError } from '../../shared/errors.js';

import { DialogFrame } from './DialogFrame.js';
import { toWire, useDialogSubmit } from './use-dialog-submit.js';

export interface ConfirmRemovalProps<T> {
  title: string;
  submitLabel: string;
  /** What the removal would do; asked again only when this function changes (keep it stable with useCallback). */
  assess(): Promise<T>;
  /** The question, above what the assessment says (or part of children when it depends on the assessment). */
  question?: ReactNode;
  /** What the assessment says; null while it is being made. */
  children(assessment: T | null): ReactNode;
  /** The closing line, e.g. how long Undo lasts. */
  note?: string;
  /** What the action is, for the notice of a refusal ("Unlinking …"). */
  doing: string;
  /** Removes; a refusal it returns (rather than throws) is shown without a notice, e.g. a removal that stopped midway. */
  confirm(): Promise<WireError | undefined>;
  onClose(): void;
  /** Keeps the button off even once assessed (e.g. after a partial removal). */
  blocked?: boolean;
  errorNote?: string | undefined;
}

export function ConfirmRemoval<T>(props: ConfirmRemovalProps<T>) {
  const { assess, confirm, onClose } = props;
  const [assessment, setAssessment] = useState<T | null>(null);
  const { error, setError, busy, run } = useDialogSubmit();

  useEffect(() => {
    let live = true;
    assess().then(
      (a) => live && setAssessment(a),
      (err: unknown) => live && setError(toWire(err)),
    );
    return () => {
      live = false;
    };
  }, [assess, setError]);

  const submit = (): void =>
    void run(props.doing, async () => {
      const refusal = await confirm();
      if (refusal) setError(refusal);
      else onClose();
      return false;
    });

  return (
    <DialogFrame
      title={props.title}
      submitLabel={props.submitLabel}
      canSubmit={assessment !== null && props.blocked !== true}
      busy={busy}
      error={error}
      errorNote={props.errorNote}
      onSubmit={submit}
      onCancel={onClose}
    >
      {props.question}
      {props.children(assessment)}
      {props.note && <p className="note">{props.note}</p>}
    </DialogFrame>
  );
}
