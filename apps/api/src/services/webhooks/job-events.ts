import type { JobRow, JobStatus, OutstandingItemRow, WebhookEventType } from '@lastmile/domain';

const STATUS_EVENTS: Partial<Record<JobStatus, WebhookEventType>> = {
  completed: 'job.completed',
  submitted: 'job.submitted',
  approved: 'job.approved',
  sent_back: 'job.sent_back',
  // A billing system must hear of work that will not be done (found by an outsider integrator).
  cancelled: 'job.cancelled',
};

/**
 * The webhook events a change of a job makes, from its row before (null: just created) and after.
 * Derived from the rows, not from the mutation, so every path that changes a job — a pushed
 * mutation, a review decision, the CSV import — tells the same story. `job.started` is work
 * beginning (from scheduled, or again after a send back), not a resume after a pause.
 */
export function jobEvents(before: JobRow | null, after: JobRow): WebhookEventType[] {
  const events: WebhookEventType[] = [];
  if (!before) events.push('job.created');
  if (after.assigneeId !== null && after.assigneeId !== (before?.assigneeId ?? null)) events.push('job.assigned');
  if (before && before.status !== after.status) {
    if (after.status === 'in_progress' && before.status !== 'paused') events.push('job.started');
    const event = STATUS_EVENTS[after.status];
    if (event) events.push(event);
  }
  return events;
}

const CLOSED: ReadonlySet<string> = new Set(['done', 'wont_do']);

/**
 * `item.raised` for a new item; `item.closed` whenever it turns done or won't do — also from the
 * other of the two (done → won't do changes what a billing system charges, and was not told:
 * found by an outsider integrator).
 */
export function itemEvents(before: OutstandingItemRow | null, after: OutstandingItemRow): WebhookEventType[] {
  if (!before) return ['item.raised'];
  return CLOSED.has(after.status) && after.status !== before.status ? ['item.closed'] : [];
}
