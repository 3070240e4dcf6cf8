import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import { useT } from '../../i18n/index.ts';

export type Decision =
  { kind: 'approve'; next: 'final' | 'office' } | { kind: 'sendBack'; fieldComments: number; technician: string };

type Props = {
  decision: Decision;
  jobNumber: string;
  /** The button that opened the dialog: focus goes back to it when the dialog closes. */
  returnTo: RefObject<HTMLElement | null>;
  onConfirm: (comment: string) => Promise<string | null>;
  onClose: () => void;
};

/**
 * Confirms a review decision and says what happens next. A modal <dialog>: focus stays inside,
 * Escape cancels, and focus returns to the button that opened it.
 */
export function DecisionDialog({ decision, jobNumber, returnTo, onConfirm, onClose }: Props) {
  const t = useT();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sendBack = decision.kind === 'sendBack';

  useEffect(() => {
    const dialog = ref.current;
    const opener = returnTo.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      // After React removed the dialog: an approved job's buttons may be gone, then main takes focus.
      requestAnimationFrame(() => (opener?.isConnected ? opener : document.getElementById('main'))?.focus());
    };
  }, [returnTo]);

  async function confirm() {
    if (sendBack && !comment.trim() && decision.fieldComments === 0) {
      setError(t('review.sendBack.commentRequired'));
      return;
    }
    setBusy(true);
    const refusal = await onConfirm(comment.trim());
    setBusy(false);
    if (refusal) setError(refusal);
    else onClose();
  }

  return (
    <dialog ref={ref} className="review-dialog" aria-labelledby={`${id}-title`} onCancel={onClose}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          void confirm();
        }}
      >
        <h2 id={`${id}-title`}>
          {t(sendBack ? 'review.sendBack.title' : 'review.approve.title', { number: jobNumber })}
        </h2>
        <p id={`${id}-next`}>
          {decision.kind === 'approve'
            ? t(decision.next === 'office' ? 'review.approve.nextOffice' : 'review.approve.nextFinal')
            : t('review.sendBack.next', { name: decision.technician, count: decision.fieldComments })}
        </p>
        {sendBack && (
          <div className="field">
            <label htmlFor={`${id}-comment`}>{t('review.sendBack.comment')}</label>
            <textarea
              id={`${id}-comment`}
              rows={4}
              maxLength={2000}
              value={comment}
              onChange={(e) => {
                setComment(e.target.value);
                setError(null);
              }}
            />
          </div>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="review-dialog__actions">
          <button type="submit" className="button button--primary" disabled={busy} aria-describedby={`${id}-next`}>
            {t(sendBack ? 'review.sendBack.confirm' : 'review.approve.confirm')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('review.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
