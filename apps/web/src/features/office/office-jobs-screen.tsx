import { EXPORT_URLS, type JobSort, type JobsQuery } from '@lastmile/domain';
import { useEffect, useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, NetworkError } from '../../app/api.ts';
import { useT } from '../../i18n/index.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { dayStart, filtersFromParams, JobsFilters, NO_FILTERS, type JobFilters } from './jobs-filters.tsx';
import { JobsTable } from './jobs-table.tsx';
import { jobsQueryString, useJobsPage } from './office-api.ts';
import { OfficeNav } from './office-nav.tsx';
import './office.css';
import { useReferenceRows } from './use-reference-rows.ts';

const PAGE_SIZES = [25, 50, 100, 200];

/** Waits until typing pauses, so a search does not query the server on every key. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The office's home: every job of the organization, searched, filtered, sorted and paged by the
 * server (100,000 jobs do not belong in a desktop's IndexedDB, and a phone cannot render them).
 */
export function OfficeJobsScreen() {
  const t = useT();
  const headingId = useId();
  const refs = useReferenceRows();
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<JobFilters>(() => filtersFromParams(params));
  const [sort, setSort] = useState<{ sort: JobSort; direction: 'asc' | 'desc' }>({
    sort: 'scheduledStart',
    direction: 'asc',
  });
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const search = useDebounced(filters.search.trim(), 250);

  const filterQuery: Partial<JobsQuery> = {
    search: search || undefined,
    status: filters.status.length > 0 ? filters.status : undefined,
    jobTypeId: filters.jobTypeId.length > 0 ? filters.jobTypeId : undefined,
    teamId: filters.teamId.length > 0 ? filters.teamId : undefined,
    assigneeId: filters.assigneeId.length > 0 ? filters.assigneeId : undefined,
    customerId: filters.customerId || undefined,
    from: dayStart(filters.fromDay),
    to: dayStart(filters.toDay, true),
  };
  const query = useJobsPage({ ...filterQuery, sort: sort.sort, direction: sort.direction, page, pageSize });
  const data = query.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  function changeFilters(patch: Partial<JobFilters>) {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  }
  function changeSort(next: JobSort) {
    setSort((s) => ({ sort: next, direction: s.sort === next && s.direction === 'asc' ? 'desc' : 'asc' }));
    setPage(1);
  }

  function body() {
    if (query.error) {
      if (query.error instanceof NetworkError)
        return <p className="notice notice--info">{t('office.table.offline')}</p>;
      const message = query.error instanceof ApiError ? query.error.message : String(query.error);
      return (
        <p className="form-error" role="alert">
          {t('office.table.error', { message })}
        </p>
      );
    }
    if (!data) return <p className="home__loading">{t('office.table.loading')}</p>;
    if (data.items.length === 0) return <EmptyState>{t('office.table.empty')}</EmptyState>;
    return (
      <>
        <JobsTable page={data} pages={pages} sort={sort.sort} direction={sort.direction} onSort={changeSort} />
        <nav className="pager" aria-label={t('office.page.of', { page: data.page, pages })}>
          <button
            type="button"
            className="button"
            disabled={page <= 1}
            onClick={() => setPage((p) => Math.max(1, p - 1))}
          >
            {t('office.page.previous')}
          </button>
          <span aria-live="polite">{t('office.page.of', { page: data.page, pages })}</span>
          <button type="button" className="button" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
            {t('office.page.next')}
          </button>
          <label className="pager__size">
            {t('office.page.size')}{' '}
            <select
              value={pageSize}
              onChange={(e) => {
                setPageSize(Number(e.target.value));
                setPage(1);
              }}
            >
              {PAGE_SIZES.map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </select>
          </label>
        </nav>
      </>
    );
  }

  return (
    <section className="office office--wide" aria-labelledby={headingId}>
      <OfficeNav />
      <div className="home__heading">
        <h1 id={headingId}>{t('home.office.title')}</h1>
        <p className="home__meta" aria-live="polite">
          {data && t('office.table.total', { count: data.total })}
          {query.isFetching && data && ` · ${t('office.table.loading')}`}
        </p>
      </div>
      <JobsFilters filters={filters} refs={refs} onChange={changeFilters} onClear={() => changeFilters(NO_FILTERS)}>
        {/* The export takes the same filter as the table, every page of it, streamed by the server. */}
        <a className="button office__export" href={`${EXPORT_URLS.jobs}?${jobsQueryString(filterQuery)}`} download>
          {t('reports.export.jobs')}
        </a>
      </JobsFilters>
      {body()}
    </section>
  );
}
