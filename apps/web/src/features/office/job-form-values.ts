import { PRIORITIES, type JobRow, type Priority } from '@lastmile/domain';

/** The job form's fields as the inputs hold them (strings; '' for none). */
export type JobFormValues = {
  title: string;
  jobTypeId: string;
  customerId: string;
  siteId: string;
  teamId: string;
  assigneeId: string;
  priority: Priority;
  start: string;
  end: string;
  externalRef: string;
  notes: string;
};

export const EMPTY_JOB_FORM: JobFormValues = {
  title: '',
  jobTypeId: '',
  customerId: '',
  siteId: '',
  teamId: '',
  assigneeId: '',
  priority: 'normal',
  start: '',
  end: '',
  externalRef: '',
  notes: '',
};

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO instant → the `yyyy-mm-ddThh:mm` a datetime-local input shows, in the device's zone. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (device zone) → ISO instant; '' when empty or unreadable. */
export function fromLocalInput(value: string): string {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

export function addMinutes(localValue: string, minutes: number): string {
  const iso = fromLocalInput(localValue);
  return iso ? toLocalInput(new Date(Date.parse(iso) + minutes * 60_000).toISOString()) : '';
}

export function valuesOf(job: JobRow): JobFormValues {
  return {
    title: job.title,
    jobTypeId: job.jobTypeId,
    customerId: job.customerId,
    siteId: job.siteId,
    teamId: job.teamId ?? '',
    assigneeId: job.assigneeId ?? '',
    priority: job.priority,
    start: toLocalInput(job.scheduledStart),
    end: toLocalInput(job.scheduledEnd),
    externalRef: job.externalRef ?? '',
    notes: job.notes,
  };
}

/** The mutation args the values stand for (ids as null when unset). */
export function argsOf(v: JobFormValues) {
  return {
    title: v.title.trim(),
    jobTypeId: v.jobTypeId,
    customerId: v.customerId,
    siteId: v.siteId,
    teamId: v.teamId || null,
    assigneeId: v.assigneeId || null,
    priority: PRIORITIES.includes(v.priority) ? v.priority : 'normal',
    scheduledStart: fromLocalInput(v.start),
    scheduledEnd: fromLocalInput(v.end),
    externalRef: v.externalRef.trim() || null,
    notes: v.notes,
  };
}

/** Form fields named after the mutation's args, for placing errors next to the right input. */
export const FIELD_OF_ARG: Record<string, keyof JobFormValues> = { scheduledStart: 'start', scheduledEnd: 'end' };
