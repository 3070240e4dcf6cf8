import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { AppDb } from '../local-db/app-db.ts';
import {
  compareBySchedule,
  compareByScheduleDescending,
  isScheduledOnDay,
  localDay,
  type DayRange,
  type JobView,
} from './job-queries.ts';
import { loadJobViews } from './load-job-views.ts';

/** Today's range, rolling over at local midnight while the app stays open. */
export function useToday(): DayRange {
  const [day, setDay] = useState(() => localDay(new Date()));
  useEffect(() => {
    const timer = setTimeout(() => setDay(localDay(new Date())), day.end.getTime() - Date.now() + 1000);
    return () => clearTimeout(timer);
  }, [day]);
  return day;
}

/** `undefined` while IndexedDB is being read (a few milliseconds), then the rows. */
export function useMyJobsToday(db: AppDb, userId: string, day: DayRange): JobView[] | undefined {
  return useLiveQuery(async () => {
    const jobs = await db.jobs
      .where('[assigneeId+scheduledStart]')
      .between([userId, Dexie.minKey], [userId, Dexie.maxKey])
      .filter((job) => isScheduledOnDay(job, day))
      .toArray();
    return loadJobViews(db, jobs.sort(compareBySchedule));
  }, [db, userId, day]);
}

export function useTeamJobsToday(db: AppDb, teamId: string | null, day: DayRange): JobView[] | undefined {
  return useLiveQuery(async () => {
    if (teamId === null) return [];
    const jobs = await db.jobs
      .where('[teamId+scheduledStart]')
      .between([teamId, Dexie.minKey], [teamId, Dexie.maxKey])
      .filter((job) => isScheduledOnDay(job, day))
      .toArray();
    return loadJobViews(db, jobs.sort(compareBySchedule));
  }, [db, teamId, day]);
}

export function useAllJobs(db: AppDb): JobView[] | undefined {
  return useLiveQuery(async () => {
    const jobs = await db.jobs.toArray();
    return loadJobViews(db, jobs.sort(compareByScheduleDescending));
  }, [db]);
}

/** Whether any job at all has reached this device: tells "not synced yet" from "nothing today". */
export function useDeviceHasJobs(db: AppDb): boolean | undefined {
  return useLiveQuery(async () => (await db.jobs.limit(1).count()) > 0, [db]);
}
