import type { JobRow, UserRow } from '@lastmile/domain';
import { compareBySchedule, isScheduledOnDay, localDay, type DayRange } from '../../jobs/job-queries.ts';

export type Load = { count: number; minutes: number };

/** Consecutive local days starting at `first`. */
export function boardDays(first: DayRange, count: number): DayRange[] {
  return Array.from({ length: count }, (_, i) =>
    localDay(new Date(first.start.getFullYear(), first.start.getMonth(), first.start.getDate() + i)),
  );
}

/** A day's load per assignee: jobs touching the day (cancelled ones do not count), and their scheduled hours within it. */
export function boardLoad(jobs: readonly JobRow[], day: DayRange): Map<string, Load> {
  const load = new Map<string, Load>();
  for (const job of jobs) {
    if (!job.assigneeId || job.status === 'cancelled' || !isScheduledOnDay(job, day)) continue;
    const start = Math.max(Date.parse(job.scheduledStart), day.start.getTime());
    const end = Math.min(Date.parse(job.scheduledEnd), day.end.getTime());
    const entry = load.get(job.assigneeId) ?? { count: 0, minutes: 0 };
    entry.count += 1;
    entry.minutes += Math.max(0, Math.round((end - start) / 60_000));
    load.set(job.assigneeId, entry);
  }
  return load;
}

/** Hours to one decimal, e.g. 90 minutes → 1.5. */
export function hours(minutes: number): number {
  return Math.round(minutes / 6) / 10;
}

export type BoardRow<J extends { job: JobRow }> = { member: UserRow; cells: J[][]; load: Load };
export type Board<J extends { job: JobRow }> = { rows: BoardRow<J>[]; tray: J[] };

/**
 * The lead's board: one row per field member of the team (by name), one cell per day, and a tray
 * of open unassigned jobs in the range. Jobs assigned to someone outside the list (e.g. moved to
 * another team but not yet synced away) get a row of their own so nothing disappears.
 */
export function buildBoard<J extends { job: JobRow; assignee?: UserRow | undefined }>(
  views: readonly J[],
  members: readonly UserRow[],
  days: readonly DayRange[],
  loadDay: DayRange,
): Board<J> {
  const sorted = [...views].sort((a, b) => compareBySchedule(a.job, b.job));
  const people = new Map<string, UserRow>();
  for (const m of [...members].sort((a, b) => a.name.localeCompare(b.name))) people.set(m.id, m);
  for (const v of sorted) {
    if (v.job.assigneeId && !people.has(v.job.assigneeId) && v.assignee) people.set(v.assignee.id, v.assignee);
  }
  const load = boardLoad(
    sorted.map((v) => v.job),
    loadDay,
  );
  const rows = [...people.values()].map((member) => ({
    member,
    cells: days.map((day) => sorted.filter((v) => v.job.assigneeId === member.id && isScheduledOnDay(v.job, day))),
    load: load.get(member.id) ?? { count: 0, minutes: 0 },
  }));
  const tray = sorted.filter(
    (v) =>
      v.job.assigneeId === null &&
      v.job.status !== 'cancelled' &&
      v.job.status !== 'approved' &&
      days.some((day) => isScheduledOnDay(v.job, day)),
  );
  return { rows, tray };
}

/**
 * The job moved to `day`, keeping its time of day and duration (a drop on another day column),
 * or null when it is already on that day.
 */
export function rescheduleToDay(
  job: Pick<JobRow, 'scheduledStart' | 'scheduledEnd'>,
  day: DayRange,
): { scheduledStart: string; scheduledEnd: string } | null {
  const start = new Date(job.scheduledStart);
  const end = new Date(job.scheduledEnd);
  const target = new Date(day.start);
  target.setHours(start.getHours(), start.getMinutes(), start.getSeconds(), start.getMilliseconds());
  const shift = target.getTime() - start.getTime();
  if (start.getTime() >= day.start.getTime() && start.getTime() < day.end.getTime()) return null;
  return {
    scheduledStart: new Date(start.getTime() + shift).toISOString(),
    scheduledEnd: new Date(end.getTime() + shift).toISOString(),
  };
}
