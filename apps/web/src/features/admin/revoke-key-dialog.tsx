import type { ApiKey } from '@lastmile/domain';
import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../../i18n/index.ts';
import { useReturnFocus } from '../../ui/use-return-focus.ts';
import { adminProblem } from './admin-errors.ts';

/**
 * Confirms revoking a key and says what it does: the other system is refused from its next
 * request, for good. A modal <dialog>: focus stays inside, Escape cancels.
 */
export function RevokeKeyDialog({
  apiKey,
  onConfirm,
  onClose,
}: {
  apiKey: ApiKey;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const t = useT();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Revoked, the key's row loses its button: focus goes to the row itself.
  useReturnFocus(`[data-api-key="${apiKey.id}"]`);
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
        <h2 id={`${id}-title`}>{t('admin.apiKeys.revokeTitle', { name: apiKey.name })}</h2>
        <p id={`${id}-what`}>{t('admin.apiKeys.revokeWhat')}</p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="admin-actions">
          <button type="submit" className="button button--danger" disabled={busy} aria-describedby={`${id}-what`}>
            {t('admin.apiKeys.revokeConfirm')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('admin.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
