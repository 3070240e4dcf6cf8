import type { AuditEvent, ReportActivity } from '@lastmile/domain';

const STATUS_WORDS: Record<string, string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  paused: 'Paused',
  completed: 'Completed',
  submitted: 'Submitted',
  approved: 'Approved',
  sent_back: 'Sent back',
  cancelled: 'Cancelled',
};

/** Job fields a report's reader cares about; answers are in the form section, so they stay out here. */
const FIELD_WORDS: Record<string, string> = {
  status: 'Status',
  statusReason: 'Reason',
  assigneeId: 'Technician',
  teamId: 'Team',
  scheduledStart: 'Start',
  scheduledEnd: 'End',
};

function valueWords(field: string, value: unknown, names: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value !== 'string') return JSON.stringify(value);
  if (field === 'status') return STATUS_WORDS[value] ?? value;
  if (field === 'assigneeId' || field === 'teamId') return names.get(value) ?? 'someone no longer listed';
  return value;
}

/**
 * The audited events of a job as report lines: only those that changed the job's status,
 * assignment or schedule (each answer typed is its own audit event; the form section already
 * shows where the answers ended up), in words, oldest first.
 */
export function reportActivity(events: readonly AuditEvent[], names: ReadonlyMap<string, string>): ReportActivity[] {
  const lines: ReportActivity[] = [];
  for (const event of events) {
    const changes = event.changes.filter((c) => FIELD_WORDS[c.field] !== undefined);
    if (changes.length === 0) continue;
    lines.push({
      at: event.at,
      deviceTime: event.clientTime,
      actor: event.userId ? (names.get(event.userId) ?? null) : null,
      action: event.action,
      summary: changes
        .map(
          (c) =>
            `${FIELD_WORDS[c.field]}: ${valueWords(c.field, c.before, names)} → ${valueWords(c.field, c.after, names)}`,
        )
        .join('; '),
    });
  }
  return lines;
}

/** Ids an audit event names (actor, assignees, teams): their names are looked up in one query. */
export function idsNamedBy(events: readonly AuditEvent[]): string[] {
  const ids = new Set<string>();
  for (const event of events) {
    if (event.userId) ids.add(event.userId);
    for (const c of event.changes) {
      if (c.field !== 'assigneeId' && c.field !== 'teamId') continue;
      if (typeof c.before === 'string') ids.add(c.before);
      if (typeof c.after === 'string') ids.add(c.after);
    }
  }
  return [...ids];
}
