import { Link } from 'react-router';
import { formatDay, formatTime, priorityKey, useT } from '../../i18n/index.ts';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { isOverdue } from '../../jobs/today-groups.ts';
import type { JobView } from '../../jobs/job-queries.ts';
import { SendBackNotice } from '../../jobs/review-notes.tsx';
import { useUnreadByJob } from '../../inbox/inbox-link.tsx';
import { useAppDb } from '../../local-db/app-db-context.tsx';

type Props = {
  view: JobView;
  showAssignee?: boolean;
  showDay?: boolean;
  /** Unread notifications about it. */ unread?: number;
};

export function JobCard({ view, showAssignee = false, showDay = false, unread = 0 }: Props) {
  const t = useT();
  const db = useAppDb();
  const { job, customer, site, jobType, assignee } = view;
  const window = t('job.window', { start: formatTime(job.scheduledStart), end: formatTime(job.scheduledEnd) });
  const flagged = job.priority === 'high' || job.priority === 'urgent';
  const overdue = isOverdue(job, new Date());
  const attention = overdue || job.status === 'sent_back';
  const href = `/jobs/${job.id}`;

  return (
    <article
      className={`job-card job-card--${job.priority}${attention ? ' job-card--attention' : ''}`}
      aria-labelledby={`job-${job.id}-title`}
    >
      <div className="job-card__top">
        <p className="job-card__when">
          {showDay && (
            <time className="job-card__day" dateTime={job.scheduledStart}>
              {formatDay(job.scheduledStart)}{' '}
            </time>
          )}
          <time dateTime={job.scheduledStart}>{window}</time>
        </p>
        <span className="job-card__status">
          {overdue && <span className="chip chip--danger">{t('job.overdue')}</span>}
          {unread > 0 && <span className="chip chip--flag">{t('inbox.jobUnread', { count: unread })}</span>}
          <StatusBadge status={job.status} />
        </span>
      </div>
      <h2 id={`job-${job.id}-title`} className="job-card__title">
        <Link className="job-card__link" to={href}>
          {customer?.name ?? t('job.unknownCustomer')}
        </Link>
      </h2>
      {job.status === 'sent_back' && <SendBackNotice db={db} jobId={job.id} compact />}
      <p className="job-card__address">{site?.address ?? t('job.unknownSite')}</p>
      {site?.accessNotes && <p className="job-card__access">{t('job.cardAccess', { notes: site.accessNotes })}</p>}
      <p className="job-card__what">
        <span>{jobType?.name ?? t('job.unknownType')}</span>
        {job.title && <span className="job-card__job-title"> · {job.title}</span>}
      </p>
      <div className="job-card__bottom">
        <span className="job-card__number">{t('job.number', { number: job.number })}</span>
        <span className={flagged ? 'chip chip--flag' : 'chip'}>{t(priorityKey(job.priority))}</span>
        {showAssignee && (
          <span className="job-card__assignee">
            {job.assigneeId
              ? t('job.assignee', { name: assignee?.name ?? t('job.unknownPerson') })
              : t('job.unassigned')}
          </span>
        )}
      </div>
    </article>
  );
}

type ListProps = { views: readonly JobView[]; showAssignee?: boolean; showDay?: boolean };

export function JobList({ views, showAssignee = false, showDay = false }: ListProps) {
  const unread = useUnreadByJob();
  return (
    <ol className="job-list">
      {views.map((view) => (
        <li key={view.job.id}>
          <JobCard view={view} showAssignee={showAssignee} showDay={showDay} unread={unread.get(view.job.id) ?? 0} />
        </li>
      ))}
    </ol>
  );
}
