import { JOB_STATUSES, jobStatusSchema } from '@lastmile/domain';
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { statusKey, useT } from '../../i18n/index.ts';
import { useAppDb } from '../../local-db/app-db-context.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { HomeSection } from './home-heading.tsx';
import { JobList } from './job-card.tsx';
import { matchesFilter, type JobFilter } from './job-queries.ts';
import { useAllJobs } from './use-home-jobs.ts';

/** Rendering thousands of cards would stall a phone; the search narrows the list instead. */
const MAX_SHOWN = 100;

export function OfficeHome() {
  const t = useT();
  const ids = useId();
  const db = useAppDb();
  const views = useAllJobs(db);
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<JobFilter['status']>('all');
  const filter = useDeferredValue<JobFilter>(useMemo(() => ({ query, status }), [query, status]));

  const matching = useMemo(() => views?.filter((view) => matchesFilter(view, filter)), [views, filter]);

  function body() {
    if (views === undefined || matching === undefined) return <p className="home__loading">{t('home.loading')}</p>;
    if (views.length === 0) return <EmptyState>{t('home.empty.noJobsOnDevice')}</EmptyState>;
    if (matching.length === 0) return <EmptyState>{t('home.empty.noMatches')}</EmptyState>;
    const shown = matching.slice(0, MAX_SHOWN);
    return (
      <>
        {shown.length < matching.length && (
          <p className="home__note">{t('home.office.showing', { shown: shown.length, total: matching.length })}</p>
        )}
        <JobList views={shown} showAssignee showDay />
      </>
    );
  }

  return (
    <HomeSection titleKey="home.office.title" count={matching?.length}>
      <>
        <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
          <div className="field filters__search">
            <label htmlFor={`${ids}-q`}>{t('home.office.search')}</label>
            <input
              id={`${ids}-q`}
              type="search"
              value={query}
              placeholder={t('home.office.searchHint')}
              aria-describedby={`${ids}-q-hint`}
              onChange={(e) => setQuery(e.target.value)}
            />
            <span id={`${ids}-q-hint`} className="visually-hidden">
              {t('home.office.searchHint')}
            </span>
          </div>
          <div className="field filters__status">
            <label htmlFor={`${ids}-status`}>{t('home.office.status')}</label>
            <select
              id={`${ids}-status`}
              value={status}
              onChange={(e) => {
                const parsed = jobStatusSchema.safeParse(e.target.value);
                setStatus(parsed.success ? parsed.data : 'all');
              }}
            >
              <option value="all">{t('home.office.allStatuses')}</option>
              {JOB_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(statusKey(s))}
                </option>
              ))}
            </select>
          </div>
        </form>
        {body()}
      </>
    </HomeSection>
  );
}
