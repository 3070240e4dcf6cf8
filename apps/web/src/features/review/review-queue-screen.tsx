import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, NetworkError } from '../../app/api.ts';
import { formatDay, formatTime, useT } from '../../i18n/index.ts';
import { useAppDb } from '../../local-db/app-db-context.tsx';
import { DateRangeFilter } from '../../ui/date-range-filter.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { MultiSelect } from '../../ui/multi-select.tsx';
import { useReviewQueue } from './review-api.ts';
import './review.css';

/** Each list is "any of" these (the same filters as the office's jobs table). */
type Filters = { teamId: string[]; jobTypeId: string[]; assigneeId: string[]; fromDay: string; toDay: string };
const NO_FILTERS: Filters = { teamId: [], jobTypeId: [], assigneeId: [], fromDay: '', toDay: '' };
const some = (ids: string[]) => (ids.length > 0 ? ids : undefined);

/** Local midnight of a `YYYY-MM-DD` day (or of the day after), as the API's ISO bound. */
function dayBound(day: string, nextDay = false): string | undefined {
  if (!day) return undefined;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + (nextDay ? 1 : 0)).toISOString();
}

/** Submitted jobs waiting for review, the longest-waiting first, filtered and paged by the server. */
export function ReviewQueueScreen() {
  const t = useT();
  const db = useAppDb();
  const headingId = useId();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const refs = useLiveQuery(async () => ({
    teams: await db.teams.toArray(),
    jobTypes: await db.jobTypes.toArray(),
    technicians: (await db.users.toArray()).filter((u) => u.role === 'technician' || u.role === 'lead'),
  }));
  const query = useReviewQueue({
    teamId: some(filters.teamId),
    jobTypeId: some(filters.jobTypeId),
    assigneeId: some(filters.assigneeId),
    from: dayBound(filters.fromDay),
    to: dayBound(filters.toDay, true),
    page,
    pageSize: 50,
  });
  const data = query.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const change = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const options = <T extends { id: string; name: string }>(rows: T[] | undefined) =>
    [...(rows ?? [])].sort((a, b) => a.name.localeCompare(b.name)).map((r) => ({ value: r.id, label: r.name }));

  function body() {
    if (query.error) {
      if (query.error instanceof NetworkError)
        return <p className="notice notice--info">{t('review.queue.offline')}</p>;
      const message = query.error instanceof ApiError ? query.error.message : String(query.error);
      return (
        <p className="form-error" role="alert">
          {message}
        </p>
      );
    }
    if (!data) return <p className="home__loading">{t('review.queue.loading')}</p>;
    if (data.items.length === 0) return <EmptyState>{t('review.queue.empty')}</EmptyState>;
    return (
      <>
        <table className="jobs-table review-queue" role="table">
          <caption className="visually-hidden">{t('review.queue.caption')}</caption>
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">
                {t('review.col.job')}
              </th>
              <th scope="col" role="columnheader">
                {t('review.col.submitted')}
              </th>
              <th scope="col" role="columnheader">
                {t('review.col.technician')}
              </th>
              <th scope="col" role="columnheader">
                {t('review.col.jobType')}
              </th>
              <th scope="col" role="columnheader">
                {t('review.col.round')}
              </th>
              <th scope="col" role="columnheader">
                {t('review.col.awaiting')}
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {data.items.map((item) => (
              <tr key={item.id} role="row">
                <th scope="row" role="rowheader" data-label={t('review.col.job')}>
                  <Link to={`/review/jobs/${item.id}`}>
                    {item.number} · {item.customer.name}
                  </Link>
                  <span className="jobs-table__sub">{item.title}</span>
                </th>
                <td role="cell" data-label={t('review.col.submitted')}>
                  <time dateTime={item.submittedAt}>
                    {formatDay(item.submittedAt)} {formatTime(item.submittedAt)}
                  </time>
                </td>
                <td role="cell" data-label={t('review.col.technician')}>
                  {item.assignee?.name ?? t('office.job.unassigned')}
                  {item.team && <span className="jobs-table__sub">{item.team.name}</span>}
                </td>
                <td role="cell" data-label={t('review.col.jobType')}>
                  {item.jobType.name}
                </td>
                <td role="cell" data-label={t('review.col.round')}>
                  {item.round > 1 ? t('review.resubmitted', { round: item.round }) : t('review.round', { round: 1 })}
                </td>
                <td role="cell" data-label={t('review.col.awaiting')}>
                  {t(`review.awaiting.${item.awaiting}`)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <nav className="pager" aria-label={t('office.page.of', { page: data.page, pages })}>
          <button type="button" className="button" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
            {t('office.page.previous')}
          </button>
          <span aria-live="polite">{t('office.page.of', { page: data.page, pages })}</span>
          <button type="button" className="button" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
            {t('office.page.next')}
          </button>
        </nav>
      </>
    );
  }

  return (
    <section className="review-queue-screen office--wide" aria-labelledby={headingId}>
      <div className="home__heading">
        <h1 id={headingId}>{t('review.queue.title')}</h1>
        <p className="home__meta" aria-live="polite">
          {data && t('review.queue.total', { count: data.total })}
          {data && data.awaitingLead > 0 && ` · ${t('review.queue.awaitingLead', { count: data.awaitingLead })}`}
          {data && data.awaitingLead > 0 && ` · ${t('review.queue.awaitingOffice', { count: data.awaitingOffice })}`}
        </p>
      </div>
      <form className="review-filters" aria-label={t('review.queue.filters')} onSubmit={(e) => e.preventDefault()}>
        <MultiSelect
          label={t('review.col.team')}
          options={options(refs?.teams)}
          selected={filters.teamId}
          onChange={(teamId) => change({ teamId })}
        />
        <MultiSelect
          label={t('review.col.jobType')}
          options={options(refs?.jobTypes)}
          selected={filters.jobTypeId}
          onChange={(jobTypeId) => change({ jobTypeId })}
        />
        <MultiSelect
          label={t('review.col.technician')}
          options={options(refs?.technicians)}
          selected={filters.assigneeId}
          onChange={(assigneeId) => change({ assigneeId })}
        />
        <DateRangeFilter
          label={t('review.filter.day')}
          fromDay={filters.fromDay}
          toDay={filters.toDay}
          onChange={(range) => change(range)}
        />
        <button type="button" className="button" onClick={() => change(NO_FILTERS)}>
          {t('review.filter.clear')}
        </button>
      </form>
      {body()}
    </section>
  );
}
