import type { AdminPerson } from '@lastmile/domain';
import { useT } from '../../i18n/index.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';

/** Confirms a deactivation and says what it does: signed out everywhere, history kept. */
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
      <p>{t('admin.deactivate.kept')}</p>
    </ConfirmDialog>
  );
}
