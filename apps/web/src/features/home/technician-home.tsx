import { useT } from '../../i18n/index.ts';
import { useAppDb } from '../../local-db/app-db-context.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { HomeSection } from './home-heading.tsx';
import { JobList } from './job-card.tsx';
import { useDeviceHasJobs, useMyJobsToday, useToday } from './use-home-jobs.ts';

export function TechnicianHome({ userId }: { userId: string }) {
  const t = useT();
  const db = useAppDb();
  const day = useToday();
  const views = useMyJobsToday(db, userId, day);
  const deviceHasJobs = useDeviceHasJobs(db);

  return (
    <HomeSection titleKey="home.technician.title" count={views?.length} day={day.start}>
      {views === undefined ? (
        <p className="home__loading">{t('home.loading')}</p>
      ) : views.length === 0 ? (
        <EmptyState>{deviceHasJobs ? t('home.empty.technicianToday') : t('home.empty.noJobsOnDevice')}</EmptyState>
      ) : (
        <JobList views={views} />
      )}
    </HomeSection>
  );
}
