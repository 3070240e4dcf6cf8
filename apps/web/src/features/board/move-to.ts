import type { JobRow } from '@lastmile/domain';

/** The job's local start as the date and time inputs show it ("2026-11-24", "09:30"). */
export function localDateAndTime(iso: string): { date: string; time: string } {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
  };
}

/**
 * The new schedule for "Move to…": starts at the chosen local date and time and keeps the job's
 * length. Null when the inputs do not name a real moment, or nothing would change.
 */
export function moveTo(
  job: Pick<JobRow, 'scheduledStart' | 'scheduledEnd'>,
  date: string,
  time: string,
): { scheduledStart: string; scheduledEnd: string } | null {
  const dateParts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const timeParts = /^(\d{2}):(\d{2})$/.exec(time);
  if (!dateParts || !timeParts) return null;
  const [, y, mo, d] = dateParts.map(Number) as [number, number, number, number];
  const [, h, mi] = timeParts.map(Number) as [number, number, number];
  const start = new Date(y, mo - 1, d, h, mi);
  // new Date() rolls 31 February over into March: refuse rather than move somewhere unasked.
  if (start.getFullYear() !== y || start.getMonth() !== mo - 1 || start.getDate() !== d || h > 23 || mi > 59) {
    return null;
  }
  const length = Date.parse(job.scheduledEnd) - Date.parse(job.scheduledStart);
  const scheduledStart = start.toISOString();
  if (scheduledStart === new Date(job.scheduledStart).toISOString()) return null;
  return { scheduledStart, scheduledEnd: new Date(start.getTime() + length).toISOString() };
}
