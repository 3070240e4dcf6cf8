import type { AdminPerson } from '@lastmile/domain';
import { useT } from '../../i18n/index.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';

/** Confirms a deactivation and says what it does: signed out everywhere, history kept, open jobs left assigned. */
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
  return (
    <ConfirmDialog
      title={t('admin.deactivate.title', { name: person.name })}
      what={t('admin.deactivate.what')}
      confirmLabel={t('admin.deactivate.confirm')}
      // Deactivated, the person's Deactivate button becomes Reactivate: focus goes there.
      returnFocusTo={`[data-person="${person.id}"] [data-action="reactivate"]`}
      onConfirm={onConfirm}
      onClose={onClose}
    >
      {person.openJobs > 0 ? (
        // Their jobs are not moved: whoever should do them is the board's decision, not this dialog's.
        <p className="field__error" role="alert">
          {t('admin.deactivate.openJobs', { name: person.name, count: person.openJobs })}
        </p>
      ) : null}
      {person.onPhones.photos + person.onPhones.changes > 0 ? (
        // Their phone stops syncing once they are signed out: what it holds reaches the server only
        // if it syncs first, or if they are reactivated and sign in on it again.
        <p className="field__error" role="alert">
          {t('admin.deactivate.onPhones', {
            name: person.name,
            photos: person.onPhones.photos,
            changes: person.onPhones.changes,
          })}
        </p>
      ) : null}
      <p>{t('admin.deactivate.kept')}</p>
    </ConfirmDialog>
  );
}
