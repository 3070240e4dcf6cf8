import type { AdminUserChange } from '@lastmile/domain';
import type { Translate } from '../../i18n/index.ts';

/**
 * The notice after a person changed teams: what was done, and how many of their open jobs went
 * with them, so the admin knows the old team's board no longer shows that work.
 */
export function withJobsMoved(t: Translate, done: string, change: AdminUserChange, team: string): string {
  if (change.jobsMoved === 0) return done;
  return `${done} ${t('admin.jobsMoved', { count: change.jobsMoved, team })}`;
}
