import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useT } from '../../i18n/index.ts';
import { useReturnFocus } from '../../ui/use-return-focus.ts';
import { adminProblem } from './admin-errors.ts';

/**
 * An admin action that cannot be taken back, asked once: a modal <dialog> (focus stays inside,
 * Escape cancels) that says what the action does (`what`, which the confirm button points to),
 * shows the server's refusal in place, and returns focus to `returnFocusTo` once done.
 */
export function ConfirmDialog({
  title,
  what,
  children,
  confirmLabel,
  returnFocusTo,
  onConfirm,
  onClose,
}: {
  title: string;
  what: string;
  children?: ReactNode;
  confirmLabel: string;
  returnFocusTo: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const t = useT();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useReturnFocus(returnFocusTo);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  async function confirm() {
    setBusy(true);
    try {
      await onConfirm();
      onClose();
    } catch (problem) {
      setError(adminProblem(problem));
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog ref={ref} className="admin-dialog" aria-labelledby={`${id}-title`} onCancel={onClose}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          void confirm();
        }}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        <p id={`${id}-what`}>{what}</p>
        {children}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="admin-actions">
          <button type="submit" className="button button--danger" disabled={busy} aria-describedby={`${id}-what`}>
            {confirmLabel}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('admin.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
