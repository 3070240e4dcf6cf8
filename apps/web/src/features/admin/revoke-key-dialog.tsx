import type { ApiKey } from '@lastmile/domain';
import { useT } from '../../i18n/index.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';

/** Confirms revoking a key and says what it does: the other system is refused from its next request, for good. */
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
  return (
    <ConfirmDialog
      title={t('admin.apiKeys.revokeTitle', { name: apiKey.name })}
      what={t('admin.apiKeys.revokeWhat')}
      confirmLabel={t('admin.apiKeys.revokeConfirm')}
      // Revoked, the key's row loses its button: focus goes to the row itself.
      returnFocusTo={`[data-api-key="${apiKey.id}"]`}
      onConfirm={onConfirm}
      onClose={onClose}
    />
  );
}
