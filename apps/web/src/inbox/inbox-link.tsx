import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'react-router';
import { useT } from '../i18n/index.ts';
import { useAppDb } from '../local-db/app-db-context.tsx';

/** Unread notifications on this device (they replicate only to their recipient). */
export function useUnreadCount(): number {
  const db = useAppDb();
  return useLiveQuery(() => db.notifications.filter((n) => n.readAt === null).count(), [db]) ?? 0;
}

/** Unread notifications per job, for the "2 new" chip on job cards. */
export function useUnreadByJob(): ReadonlyMap<string, number> {
  const db = useAppDb();
  return (
    useLiveQuery(async () => {
      const counts = new Map<string, number>();
      await db.notifications
        .filter((n) => n.readAt === null && n.jobId !== null)
        .each((n) => counts.set(n.jobId!, (counts.get(n.jobId!) ?? 0) + 1));
      return counts;
    }, [db]) ?? EMPTY
  );
}
const EMPTY: ReadonlyMap<string, number> = new Map();

/** The header's way to the inbox, saying how many are unread (offline too: it reads IndexedDB). */
export function InboxLink() {
  const t = useT();
  const unread = useUnreadCount();
  const label = unread > 0 ? t('inbox.linkUnread', { count: unread }) : t('inbox.link');
  return (
    <Link className="inbox-link" to="/inbox" aria-label={label} title={label}>
      <span aria-hidden="true">✉</span>
      {unread > 0 && (
        <span className="inbox-link__count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  );
}
