import type { JobStatus } from '@lastmile/domain';
import { statusKey, useT } from '../i18n/index.ts';

/** Status as text plus colour (never colour alone), readable in sunlight. */
export function StatusBadge({ status }: { status: JobStatus }) {
  const t = useT();
  return <span className={`badge badge--${status.replace('_', '-')}`}>{t(statusKey(status))}</span>;
}
