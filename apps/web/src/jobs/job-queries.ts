import type { CustomerRow, JobRow, JobStatus, JobTypeRow, Priority, SiteRow, UserRow } from '@lastmile/domain';

/** A job with the rows it refers to; any of them may not have synced to this device yet. */
export type JobView = {
  job: JobRow;
  customer: CustomerRow | undefined;
  site: SiteRow | undefined;
  jobType: JobTypeRow | undefined;
  assignee: UserRow | undefined;
};

export type DayRange = { start: Date; end: Date };

/** Midnight to midnight in the device's time zone (DST days are 23 or 25 hours long). */
export function localDay(now: Date): DayRange {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return { start, end };
}

/** True when the job's scheduled window touches the day, e.g. a night job that started yesterday. */
export function isScheduledOnDay(job: Pick<JobRow, 'scheduledStart' | 'scheduledEnd'>, day: DayRange): boolean {
  const start = Date.parse(job.scheduledStart);
  const end = Date.parse(job.scheduledEnd);
  const dayStart = day.start.getTime();
  const dayEnd = day.end.getTime();
  if (start >= dayEnd) return false;
  return start >= dayStart || end > dayStart;
}

const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/** Schedule order: earliest start first; at the same time the more urgent job first. */
export function compareBySchedule(a: JobRow, b: JobRow): number {
  return (
    Date.parse(a.scheduledStart) - Date.parse(b.scheduledStart) ||
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    a.number.localeCompare(b.number, undefined, { numeric: true })
  );
}

export type AssigneeGroup = { assigneeId: string | null; assignee: UserRow | undefined; jobs: JobView[] };

/**
 * A lead's day by technician: unassigned work first (it needs a decision), then people by name.
 * Jobs inside a group keep schedule order.
 */
export function groupByAssignee(views: readonly JobView[]): AssigneeGroup[] {
  const groups = new Map<string | null, AssigneeGroup>();
  for (const view of [...views].sort((a, b) => compareBySchedule(a.job, b.job))) {
    const id = view.job.assigneeId;
    let group = groups.get(id);
    if (!group) {
      group = { assigneeId: id, assignee: view.assignee, jobs: [] };
      groups.set(id, group);
    }
    group.jobs.push(view);
  }
  return [...groups.values()].sort((a, b) => {
    if (a.assigneeId === null) return -1;
    if (b.assigneeId === null) return 1;
    return (a.assignee?.name ?? '\uffff').localeCompare(b.assignee?.name ?? '\uffff');
  });
}

export type JobFilter = { query: string; status: JobStatus | 'all' };

/** Every word of the query must appear in the number, title, customer, site name or address. */
export function matchesFilter(view: JobView, filter: JobFilter): boolean {
  if (filter.status !== 'all' && view.job.status !== filter.status) return false;
  const words = filter.query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [view.job.number, view.job.title, view.customer?.name, view.site?.name, view.site?.address]
    .filter((part): part is string => Boolean(part))
    .join('\n')
    .toLocaleLowerCase();
  return words.every((word) => haystack.includes(word));
}

/** Office list order: latest scheduled first, so today's and upcoming work sits at the top. */
export function compareByScheduleDescending(a: JobRow, b: JobRow): number {
  return compareBySchedule(b, a);
}
