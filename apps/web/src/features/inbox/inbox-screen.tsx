import type { NotificationRow } from '@lastmile/domain';
import { useLiveQuery } from 'dexie-react-hooks';
import { useId } from 'react';
import { Link } from 'react-router';
import { formatDay, formatTime, useT, type MessageKey } from '../../i18n/index.ts';
import { useAppDb } from '../../local-db/app-db-context.tsx';
import { useSync } from '../../sync/sync-context.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import './inbox.css';

const TITLE: Record<NotificationRow['kind'], MessageKey> = {
  assigned: 'inbox.kind.assigned',
  reassigned_away: 'inbox.kind.reassigned_away',
  message: 'inbox.kind.message',
  mentioned: 'inbox.kind.mentioned',
  sent_back: 'inbox.kind.sent_back',
  webhook_disabled: 'inbox.kind.webhook_disabled',
  item_due: 'inbox.kind.item_due',
  item_overdue: 'inbox.kind.item_overdue',
};

/**
 * The person's inbox (R7), newest first, from this device's IndexedDB: readable offline.
 * Opening one marks it read; marking read is a sync mutation like any other.
 */
export function InboxScreen() {
  const t = useT();
  const db = useAppDb();
  const sync = useSync();
  const headingId = useId();
  const data = useLiveQuery(async () => {
    const rows = await db.notifications.orderBy('createdAt').reverse().limit(200).toArray();
    const ids = [...new Set(rows.flatMap((r) => [r.jobId, r.actorId]).filter((id): id is string => id !== null))];
    const [jobs, people] = await Promise.all([db.jobs.bulkGet(ids), db.users.bulkGet(ids)]);
    return {
      rows,
      jobs: new Map(jobs.flatMap((j) => (j ? [[j.id, j] as const] : []))),
      people: new Map(people.flatMap((p) => (p ? [[p.id, p.name] as const] : []))),
    };
  }, [db]);
  const unread = data?.rows.filter((r) => r.readAt === null) ?? [];
  const markRead = (ids: string[]) =>
    ids.length > 0 ? sync.mutate('markNotificationsRead', { ids }).catch(() => undefined) : undefined;

  return (
    <section className="inbox" aria-labelledby={headingId}>
      <div className="home__heading">
        <h1 id={headingId}>{t('inbox.title')}</h1>
        <p className="home__meta" aria-live="polite">
          {unread.length === 0 ? t('inbox.noneUnread') : t('inbox.unread', { count: unread.length })}
        </p>
      </div>
      {unread.length > 0 && (
        <button type="button" className="button" onClick={() => void markRead(unread.map((r) => r.id).slice(0, 500))}>
          {t('inbox.markAllRead')}
        </button>
      )}
      {data && data.rows.length === 0 && <EmptyState>{t('inbox.empty')}</EmptyState>}
      <ul className="inbox__list">
        {data?.rows.map((n) => {
          const job = n.jobId ? data.jobs.get(n.jobId) : undefined;
          const who = n.actorId ? (data.people.get(n.actorId) ?? t('inbox.someone')) : t('inbox.someone');
          const title = t(TITLE[n.kind], { who, job: job ? job.number : t('inbox.aJob') });
          return (
            <li key={n.id} className={n.readAt === null ? 'inbox__item inbox__item--unread' : 'inbox__item'}>
              <p className="inbox__title">
                {n.readAt === null && <span className="inbox__new">{t('inbox.new')} </span>}
                {job ? (
                  <Link to={`/jobs/${job.id}`} onClick={() => void markRead(n.readAt === null ? [n.id] : [])}>
                    {title}
                  </Link>
                ) : (
                  title
                )}
              </p>
              {job && <p className="inbox__job">{job.title}</p>}
              {!job && (n.kind === 'item_due' || n.kind === 'item_overdue') && (
                <p className="inbox__job">
                  <Link to="/items" onClick={() => void markRead(n.readAt === null ? [n.id] : [])}>
                    {t('inbox.openItems')}
                  </Link>
                </p>
              )}
              {n.kind === 'webhook_disabled' && (
                <p className="inbox__job">
                  <Link to="/admin/webhooks" onClick={() => void markRead(n.readAt === null ? [n.id] : [])}>
                    {t('inbox.openWebhooks')}
                  </Link>
                </p>
              )}
              {n.body && <p className="inbox__body">{n.body}</p>}
              <p className="inbox__meta">
                <time dateTime={n.createdAt}>
                  {formatDay(n.createdAt)} {formatTime(n.createdAt)}
                </time>
                {n.readAt === null && (
                  <>
                    {' · '}
                    <button type="button" className="button button--ghost" onClick={() => void markRead([n.id])}>
                      {t('inbox.markRead')}
                    </button>
                  </>
                )}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
