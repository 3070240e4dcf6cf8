import { OPEN_STATUSES, type SessionInfo } from '@lastmile/domain';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useT, type MessageKey } from '../../i18n/index.ts';
import type { AppDb } from '../../local-db/app-db.ts';
import { useAppDb } from '../../local-db/app-db-context.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ItemsLink } from '../../items/items-link.tsx';
import { groupForToday, needsAttention, todayWindow, type TodayGroups } from '../../jobs/today-groups.ts';
import { HomeSection } from '../../jobs/home-heading.tsx';
import { JobList } from './job-card.tsx';
import type { DayRange, JobView } from '../../jobs/job-queries.ts';
import { loadJobViews } from '../../jobs/load-job-views.ts';
import { useDeviceHasJobs, useToday } from '../../jobs/use-day-jobs.ts';
import { startScreenShown } from '../../sync/start-signal.ts';
import { offerHomeSnapshot, revealLiveApp } from '../../snapshot/home-snapshot.ts';

type Tab = keyof TodayGroups<JobView>;
const TABS: readonly { id: Tab; label: MessageKey; title: MessageKey; empty: MessageKey }[] = [
  { id: 'today', label: 'today.tab.today', title: 'home.technician.title', empty: 'home.empty.technicianToday' },
  {
    id: 'tomorrow',
    label: 'today.tab.tomorrow',
    title: 'home.technician.titleTomorrow',
    empty: 'today.empty.tomorrow',
  },
  {
    id: 'pastWeek',
    label: 'today.tab.pastWeek',
    title: 'home.technician.titlePastWeek',
    empty: 'today.empty.pastWeek',
  },
];

/** My jobs from a week ago to the end of tomorrow, plus anything older still open. */
function useMyDay(db: AppDb, userId: string, day: DayRange): TodayGroups<JobView> | undefined {
  return useLiveQuery(async () => {
    const window = todayWindow(day);
    // The window itself, plus open work from before it, found by status rather than by
    // reading the person's whole history.
    const [inWindow, open] = await Promise.all([
      db.jobs
        .where('[assigneeId+scheduledStart]')
        .between([userId, window.start.toISOString()], [userId, window.end.toISOString()])
        .toArray(),
      db.jobs
        .where('[assigneeId+status]')
        .anyOf(OPEN_STATUSES.map((status) => [userId, status]))
        .filter((job) => Date.parse(job.scheduledStart) < window.start.getTime())
        .toArray(),
    ]);
    return groupForToday(await loadJobViews(db, [...open, ...inWindow]), day);
  }, [db, userId, day]);
}

export function TechnicianHome({ session }: { session: SessionInfo }) {
  const userId = session.user.id;
  const t = useT();
  const db = useAppDb();
  const day = useToday();
  const groups = useMyDay(db, userId, day);
  // The jobs are on screen: the live page replaces the cold start's snapshot, and now the sync
  // engine may load (it is not on the first card's path).
  const loaded = groups !== undefined;
  useEffect(() => {
    if (!loaded) return;
    revealLiveApp();
    startScreenShown();
  }, [loaded]);
  const deviceHasJobs = useDeviceHasJobs(db);
  const [tab, setTab] = useState<Tab>('today');
  // The day as it opens (the Today tab) is what the next cold start shows first (ADR 0034);
  // taken again when a sync changes it.
  useEffect(() => {
    if (groups && tab === 'today') offerHomeSnapshot(userId);
  }, [groups, tab, userId]);
  const now = new Date();
  const attention = groups?.today.filter((v) => needsAttention(v.job, now)).length ?? 0;
  const current = TABS.find((x) => x.id === tab)!;
  // The heading names what the list shows: the day (today or tomorrow) or the past week.
  const shownDay = tab === 'today' ? day.start : tab === 'tomorrow' ? nextDay(day.start) : undefined;

  function panel(groups: TodayGroups<JobView>) {
    const views = groups[tab];
    if (views.length === 0) {
      return <EmptyState>{deviceHasJobs ? t(current.empty) : t('home.empty.noJobsOnDevice')}</EmptyState>;
    }
    return (
      <JobList views={views} showDay={tab !== 'today' || views.some((v) => !sameDay(v.job.scheduledStart, day))} />
    );
  }

  return (
    <HomeSection titleKey={current.title} count={groups?.[tab].length} {...(shownDay ? { day: shownDay } : {})}>
      <ItemsLink session={session} />
      {/* Until IndexedDB answers, one line: the banner, tabs and list then arrive together, so
          nothing already on screen is pushed down (CLS; pnpm bench cold-start). */}
      {groups === undefined ? (
        <p className="home__loading">{t('home.loading')}</p>
      ) : (
        <>
          {attention > 0 && (
            <p className="today__attention" role="status">
              {t('today.attention', { count: attention })}
            </p>
          )}
          <div className="tabs" role="tablist" aria-label={t('today.tabs')}>
            {TABS.map(({ id, label }) => (
              <button
                key={id}
                id={`today-tab-${id}`}
                type="button"
                role="tab"
                className="tabs__tab"
                aria-selected={tab === id}
                aria-controls="today-panel"
                tabIndex={tab === id ? 0 : -1}
                onClick={() => setTab(id)}
                onKeyDown={(event) => {
                  const index = TABS.findIndex((x) => x.id === tab);
                  const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
                  if (!step) return;
                  const next = TABS[(index + step + TABS.length) % TABS.length]!;
                  setTab(next.id);
                  document.getElementById(`today-tab-${next.id}`)?.focus();
                }}
              >
                {t(label)}
                <span className="tabs__count"> ({groups[id].length})</span>
              </button>
            ))}
          </div>
          <div id="today-panel" role="tabpanel" aria-labelledby={`today-tab-${tab}`}>
            {panel(groups)}
          </div>
        </>
      )}
    </HomeSection>
  );
}

function sameDay(iso: string, day: DayRange): boolean {
  const time = Date.parse(iso);
  return time >= day.start.getTime() && time < day.end.getTime();
}

function nextDay(start: Date): Date {
  const next = new Date(start);
  next.setDate(next.getDate() + 1);
  return next;
}
