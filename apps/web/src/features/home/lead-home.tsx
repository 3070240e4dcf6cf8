import { useT } from '../../i18n/index.ts';
import { useAppDb } from '../../local-db/app-db-context.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { HomeSection } from './home-heading.tsx';
import { JobList } from './job-card.tsx';
import { groupByAssignee } from './job-queries.ts';
import { useDeviceHasJobs, useTeamJobsToday, useToday } from './use-home-jobs.ts';

export function LeadHome({ teamId }: { teamId: string | null }) {
  const t = useT();
  const db = useAppDb();
  const day = useToday();
  const views = useTeamJobsToday(db, teamId, day);
  const deviceHasJobs = useDeviceHasJobs(db);

  function body() {
    if (teamId === null) return <EmptyState>{t('home.empty.noTeam')}</EmptyState>;
    if (views === undefined) return <p className="home__loading">{t('home.loading')}</p>;
    if (views.length === 0) {
      return <EmptyState>{deviceHasJobs ? t('home.empty.leadToday') : t('home.empty.noJobsOnDevice')}</EmptyState>;
    }
    return groupByAssignee(views).map((group) => {
      const name =
        group.assigneeId === null
          ? t('home.lead.unassigned')
          : (group.assignee?.name ?? t('home.lead.unknownTechnician'));
      return (
        <section key={group.assigneeId ?? 'unassigned'} className="home__group" aria-label={name}>
          <h2 className={group.assigneeId === null ? 'home__group-title home__group-title--warn' : 'home__group-title'}>
            {name} <span className="home__group-count">{t('home.jobCount', { count: group.jobs.length })}</span>
          </h2>
          <JobList views={group.jobs} />
        </section>
      );
    });
  }

  return (
    <HomeSection titleKey="home.lead.title" count={teamId === null ? undefined : views?.length} day={day.start}>
      {body()}
    </HomeSection>
  );
}
