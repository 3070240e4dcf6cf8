import type { JobSort, JobsPage } from '@lastmile/domain';
import { Link } from 'react-router';
import { formatDay, formatTime, priorityKey, useT, type MessageKey } from '../../i18n/index.ts';
import { StatusBadge } from '../../ui/status-badge.tsx';

type Props = {
  page: JobsPage;
  pages: number;
  sort: JobSort;
  direction: 'asc' | 'desc';
  onSort: (sort: JobSort) => void;
};

const COLUMNS: { key: string; label: MessageKey; sort?: JobSort }[] = [
  { key: 'number', label: 'office.col.number', sort: 'number' },
  { key: 'scheduledStart', label: 'office.col.scheduledStart', sort: 'scheduledStart' },
  { key: 'title', label: 'office.col.title' },
  { key: 'customer', label: 'office.col.customer', sort: 'customer' },
  { key: 'status', label: 'office.col.status', sort: 'status' },
  { key: 'priority', label: 'office.col.priority', sort: 'priority' },
  { key: 'assignee', label: 'office.col.assignee' },
  { key: 'actions', label: 'office.col.actions' },
];

/**
 * The office's jobs table: a real table on a desktop, one card per row on a phone (CSS; each cell
 * carries its column name in data-label; explicit ARIA roles keep the table semantics that
 * `display: block` would drop). Sorting happens on the server; the header buttons say which
 * column sorts and how (aria-sort).
 */
export function JobsTable({ page, pages, sort, direction, onSort }: Props) {
  const t = useT();
  const sortColumn = COLUMNS.find((c) => c.sort === sort);
  return (
    <table className="jobs-table" role="table">
      <caption className="visually-hidden">
        {t('office.table.caption', { page: page.page, pages, sort: sortColumn ? t(sortColumn.label) : sort })}
        {', '}
        {t(direction === 'asc' ? 'office.table.sortAsc' : 'office.table.sortDesc')}
      </caption>
      <thead role="rowgroup">
        <tr role="row">
          {COLUMNS.map((column) => {
            const active = column.sort !== undefined && column.sort === sort;
            return (
              <th
                key={column.key}
                scope="col"
                role="columnheader"
                aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                {column.sort ? (
                  <button type="button" className="jobs-table__sort" onClick={() => onSort(column.sort!)}>
                    {t(column.label)}
                    <span aria-hidden="true" className="jobs-table__arrow">
                      {active ? (direction === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                ) : (
                  t(column.label)
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody role="rowgroup">
        {page.items.map((job) => (
          <tr key={job.id} role="row">
            <th scope="row" role="rowheader" className="jobs-table__nowrap" data-label={t('office.col.number')}>
              <Link to={`/jobs/${job.id}`}>{job.number}</Link>
            </th>
            <td role="cell" className="jobs-table__nowrap" data-label={t('office.col.scheduledStart')}>
              <time dateTime={job.scheduledStart}>
                {formatDay(job.scheduledStart)}{' '}
                <span className="jobs-table__time">
                  {formatTime(job.scheduledStart)}–{formatTime(job.scheduledEnd)}
                </span>
              </time>
            </td>
            <td role="cell" data-label={t('office.col.title')}>
              <span className="jobs-table__title">{job.title}</span>
              <span className="jobs-table__sub">
                {job.jobType.name}
                {job.externalRef && ` · ${job.externalRef}`}
              </span>
            </td>
            <td role="cell" data-label={t('office.col.customer')}>
              <span className="jobs-table__line">{job.customer.name}</span>
              <span className="jobs-table__sub">{job.site.address}</span>
            </td>
            <td role="cell" data-label={t('office.col.status')}>
              <StatusBadge status={job.status} />
            </td>
            <td role="cell" className="jobs-table__nowrap" data-label={t('office.col.priority')}>
              {t(priorityKey(job.priority))}
            </td>
            <td role="cell" className="jobs-table__nowrap" data-label={t('office.col.assignee')}>
              {job.assignee?.name ?? t('office.job.unassigned')}
              {job.team && <span className="jobs-table__sub">{job.team.name}</span>}
            </td>
            <td role="cell" className="jobs-table__nowrap" data-label={t('office.col.actions')}>
              {job.status === 'submitted' ? (
                <Link to={`/review/jobs/${job.id}`}>{t('review.openReview')}</Link>
              ) : (
                <Link to={`/office/jobs/${job.id}/edit`} aria-label={t('office.table.editJob', { number: job.number })}>
                  {t('office.table.edit')}
                </Link>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
