import type { OutstandingItemRow, SessionInfo } from '@lastmile/domain';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'react-router';
import { useT } from '../i18n/index.ts';
import type { AppDb } from '../local-db/app-db.ts';
import { useAppDb } from '../local-db/app-db-context.tsx';
import { isItemOverdue } from './item-queries.ts';

/** Every item on this device (a technician's device holds theirs and the ones they raised). */
export function useAllItems(db: AppDb): OutstandingItemRow[] | undefined {
  return useLiveQuery(() => db.outstandingItems.toArray(), [db]);
}

/** Overdue items this person should chase: their own, and their team's if they lead it. */
export function useOverdueCount(db: AppDb, session: SessionInfo): number {
  return (
    useLiveQuery(async () => {
      const now = new Date();
      const items = await db.outstandingItems.where('status').anyOf('open', 'in_progress').toArray();
      return items.filter(
        (item) =>
          isItemOverdue(item, now) &&
          (item.ownerId === session.user.id ||
            (session.user.role === 'lead' && item.teamId === session.user.teamId) ||
            session.user.role === 'office' ||
            session.user.role === 'admin'),
      ).length;
    }, [db, session.user.id, session.user.role, session.user.teamId]) ?? 0
  );
}

/** The link to the items list, shouting when something is overdue. */
export function ItemsLink({ session }: { session: SessionInfo }) {
  const t = useT();
  const overdue = useOverdueCount(useAppDb(), session);
  return (
    <Link className={overdue ? 'items-link items-link--overdue' : 'items-link'} to="/items">
      {t('items.title')}
      {overdue > 0 && <span className="chip chip--danger">{t('items.overdueCount', { count: overdue })}</span>}
    </Link>
  );
}
