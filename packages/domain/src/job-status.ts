import type { MessageDetail } from './errors.ts';
import type { Role } from './roles.ts';

export const JOB_STATUSES = [
  'scheduled',
  'in_progress',
  'paused',
  'completed',
  'submitted',
  'approved',
  'sent_back',
  'cancelled',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Open jobs are still work to do; they can be cancelled and reassigned. */
export const OPEN_STATUSES: readonly JobStatus[] = ['scheduled', 'in_progress', 'paused', 'sent_back'];

type Transition = { from: readonly JobStatus[]; to: JobStatus; roles: readonly Role[]; needsReason?: boolean };

const FIELD: readonly Role[] = ['technician', 'lead', 'office', 'admin'];
const REVIEW: readonly Role[] = ['office', 'admin'];
const MANAGE: readonly Role[] = ['lead', 'office', 'admin'];

/**
 * The lifecycle from the product brief, defined once. The server enforces it; the client uses
 * it to offer only the buttons that can work.
 */
const TRANSITIONS: readonly Transition[] = [
  { from: ['scheduled', 'sent_back'], to: 'in_progress', roles: FIELD },
  { from: ['paused'], to: 'in_progress', roles: FIELD },
  { from: ['in_progress'], to: 'paused', roles: FIELD, needsReason: true },
  { from: ['in_progress', 'paused'], to: 'completed', roles: FIELD },
  { from: ['completed'], to: 'submitted', roles: FIELD },
  { from: ['submitted'], to: 'approved', roles: REVIEW },
  { from: ['submitted'], to: 'sent_back', roles: REVIEW, needsReason: true },
  { from: OPEN_STATUSES, to: 'cancelled', roles: MANAGE, needsReason: true },
];

/** A refusal's English reason, and its key and parameters for the app to say it in the person's language. */
export type TransitionCheck = { ok: true } | { ok: false; reason: string; detail: MessageDetail };

const LABEL: Record<JobStatus, string> = {
  scheduled: 'scheduled',
  in_progress: 'in progress',
  paused: 'paused',
  completed: 'completed',
  submitted: 'submitted',
  approved: 'approved',
  sent_back: 'sent back',
  cancelled: 'cancelled',
};

export function statusLabel(status: JobStatus): string {
  return LABEL[status];
}

export function checkTransition(from: JobStatus, to: JobStatus, role: Role, reason?: string | null): TransitionCheck {
  if (from === to) {
    return refuse(`The job is already ${LABEL[to]}.`, 'job.transition.already', { status: to });
  }
  const rule = TRANSITIONS.find((t) => t.to === to && t.from.includes(from));
  if (!rule) {
    const article = /^[aeiou]/.test(LABEL[from]) ? 'An' : 'A';
    return refuse(`${article} ${LABEL[from]} job cannot be ${LABEL[to]}.`, 'job.transition.notFrom', { from, to });
  }
  if (!rule.roles.includes(role)) {
    return refuse(`Only ${rule.roles.join(' or ')} users can mark a job ${LABEL[to]}.`, 'job.transition.role', {
      to,
      roles: rule.roles.join(','),
    });
  }
  if (rule.needsReason && !reason?.trim()) {
    return refuse(`Marking a job ${LABEL[to]} needs a reason.`, 'job.transition.needsReason', { to });
  }
  return { ok: true };
}

// Parameters are codes (statuses, comma-separated roles), never English words: the app names them.
function refuse(reason: string, key: string, params: Record<string, string>): TransitionCheck {
  return { ok: false, reason, detail: { key, params } };
}

/** Statuses a person in `role` can move a job to from `from` (ignoring the reason requirement). */
export function nextStatuses(from: JobStatus, role: Role): JobStatus[] {
  return TRANSITIONS.filter((t) => t.from.includes(from) && t.roles.includes(role)).map((t) => t.to);
}

export function transitionNeedsReason(to: JobStatus): boolean {
  return TRANSITIONS.some((t) => t.to === to && t.needsReason);
}

export function isOpenStatus(status: JobStatus): boolean {
  return OPEN_STATUSES.includes(status);
}
