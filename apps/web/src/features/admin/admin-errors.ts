import { ApiError, NetworkError } from '../../app/api.ts';
import { serverMessage, t } from '../../i18n/index.ts';

/** What a person reads when an admin action fails: the server's reason in their language, or "offline". */
export function adminProblem(error: unknown): string {
  if (error instanceof NetworkError) return t('admin.offline');
  if (error instanceof ApiError) return serverMessage(error.detail, error.message);
  return t('admin.failed');
}
