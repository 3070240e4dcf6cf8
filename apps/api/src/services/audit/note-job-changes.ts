import type { AuditChange, JobRow } from '@lastmile/domain';
import type { AuditNote } from '@lastmile/sync/server';

/**
 * The job fields the audit trail keeps before/after values of: its status, its assignment and its
 * notes. Notes are one text the later write wins (two people writing them offline); every text a
 * write replaced must be findable on the job's timeline, the office's edits too (found by an
 * outsider tester: an office edit of the notes left no trace, so the text it replaced was gone).
 */
export const AUDITED_JOB_FIELDS = [
  'status',
  'statusReason',
  'assigneeId',
  'teamId',
  'scheduledStart',
  'scheduledEnd',
  'notes',
] as const satisfies readonly (keyof JobRow)[];

/** Notes what a mutation changed of a job's status and assignment; `before` is null for a new job. */
export function noteJobChanges(note: AuditNote | undefined, before: JobRow | null, after: JobRow): void {
  if (!note) return;
  note.onJob(after.id);
  for (const field of AUDITED_JOB_FIELDS) note.changed(field, before?.[field] ?? null, after[field]);
}

/** The same values as a list, for a job created outside a push (the CSV import). */
export function jobChanges(before: JobRow | null, after: JobRow): AuditChange[] {
  return AUDITED_JOB_FIELDS.flatMap((field) => {
    const was = before?.[field] ?? null;
    return was === after[field] ? [] : [{ field, before: was, after: after[field] }];
  });
}
