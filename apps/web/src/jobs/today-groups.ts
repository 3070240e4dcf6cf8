import { isOpenStatus, type JobRow } from '@lastmile/domain';
import { compareBySchedule, isScheduledOnDay, localDay, type DayRange } from './job-queries.ts';

/** Overdue: the scheduled end has passed and the work is still open. */
export function isOverdue(job: Pick<JobRow, 'scheduledEnd' | 'status'>, now: Date): boolean {
  return isOpenStatus(job.status) && Date.parse(job.scheduledEnd) < now.getTime();
}

/** Jobs that must catch the eye: overdue, or sent back by the office. */
export function needsAttention(job: Pick<JobRow, 'scheduledEnd' | 'status'>, now: Date): boolean {
  return job.status === 'sent_back' || isOverdue(job, now);
}

export type TodayGroups<J extends { job: JobRow }> = {
  /** Today's jobs in schedule order, with open work from earlier days carried over at the top. */
  today: J[];
  tomorrow: J[];
  /** The seven days before today, latest first, without the jobs carried over into today. */
  pastWeek: J[];
};

export function dayAfter(day: DayRange, days = 1): DayRange {
  return localDay(new Date(day.start.getFullYear(), day.start.getMonth(), day.start.getDate() + days));
}

/** The range of days that the technician's screen needs from the database. */
export function todayWindow(day: DayRange): DayRange {
  return { start: dayAfter(day, -7).start, end: dayAfter(day, 1).end };
}

/** Splits a technician's jobs into Today / Tomorrow / Past week. */
export function groupForToday<J extends { job: JobRow }>(views: readonly J[], day: DayRange): TodayGroups<J> {
  const tomorrowRange = dayAfter(day, 1);
  const weekStart = dayAfter(day, -7).start.getTime();
  const carried: J[] = [];
  const today: J[] = [];
  const tomorrow: J[] = [];
  const pastWeek: J[] = [];
  for (const view of views) {
    const { job } = view;
    const start = Date.parse(job.scheduledStart);
    if (isScheduledOnDay(job, day)) today.push(view);
    else if (start < day.start.getTime() && isOpenStatus(job.status)) carried.push(view);
    else if (isScheduledOnDay(job, tomorrowRange)) tomorrow.push(view);
    else if (start < day.start.getTime() && start >= weekStart) pastWeek.push(view);
  }
  const bySchedule = (a: J, b: J) => compareBySchedule(a.job, b.job);
  return {
    today: [...carried.sort(bySchedule), ...today.sort(bySchedule)],
    tomorrow: tomorrow.sort(bySchedule),
    pastWeek: pastWeek.sort((a, b) => -bySchedule(a, b)),
  };
}
