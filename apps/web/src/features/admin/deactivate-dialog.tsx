import { useEffect, useId, useRef, useState } from 'react';
import type { AdminPerson } from '@lastmile/domain';
import { useT } from '../../i18n/index.ts';
import { useReturnFocus } from '../../ui/use-return-focus.ts';
import { adminProblem } from './admin-errors.ts';

/**
 * Confirms a deactivation and says what it does: signed out everywhere, history kept. A modal
 * <dialog>: focus stays inside, Escape cancels, focus returns to the person's row.
 */
export function DeactivateDialog({
  person,
  onConfirm,
  onClose,
}: {
  person: AdminPerson;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const t = useT();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Deactivated, the person's Deactivate button becomes Reactivate: focus goes there.
  useReturnFocus(`[data-person="${person.id}"] [data-action="reactivate"]`);
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
        <h2 id={`${id}-title`}>{t('admin.deactivate.title', { name: person.name })}</h2>
        <p id={`${id}-what`}>{t('admin.deactivate.what')}</p>
        <p>{t('admin.deactivate.kept')}</p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="admin-actions">
          <button type="submit" className="button button--danger" disabled={busy} aria-describedby={`${id}-what`}>
            {t('admin.deactivate.confirm')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('admin.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
