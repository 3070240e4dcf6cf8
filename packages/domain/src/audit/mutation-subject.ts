import type { EntityName } from '../entities.ts';
import { formAnswerId } from '../forms/rows.ts';
import type { MutatorArgs, MutatorName } from '../mutators/contract.ts';

export type AuditSubject = { entity: EntityName | null; entityId: string | null; jobId: string | null };

type SubjectOf = { [N in MutatorName]?: (args: MutatorArgs<N>) => AuditSubject };

const onJob = (jobId: string): AuditSubject => ({ entity: 'jobs', entityId: jobId, jobId });

/**
 * The row each mutation is about, for its audit entry. The job of a change to a form or a photo
 * is filled in by the server mutator, which has looked it up. A mutation missing here is still
 * audited (its `id` and `jobId` arguments, if any), and apps/api/src/services/audit/
 * push-audit.test.ts fails until it gets its line.
 */
const subjects: SubjectOf = {
  transitionJob: (a) => onJob(a.jobId),
  assignJob: (a) => onJob(a.jobId),
  updateJobNotes: (a) => onJob(a.jobId),
  createJob: (a) => onJob(a.id),
  updateJob: (a) => onJob(a.jobId),
  addOutstandingItem: (a) => ({ entity: 'outstandingItems', entityId: a.id, jobId: a.jobId }),
  updateOutstandingItem: (a) => ({ entity: 'outstandingItems', entityId: a.id, jobId: a.jobId ?? null }),
  postJobMessage: (a) => ({ entity: 'jobMessages', entityId: a.id, jobId: a.jobId }),
  reviewJob: (a) => ({ entity: 'reviewRounds', entityId: a.id, jobId: a.jobId }),
  markNotificationsRead: (a) => ({ entity: 'notifications', entityId: a.ids[0] ?? null, jobId: null }),
  startForm: (a) => ({ entity: 'formResponses', entityId: a.id, jobId: a.jobId }),
  setAnswer: (a) => ({ entity: 'formAnswers', entityId: formAnswerId(a.responseId, a.fieldKey), jobId: null }),
  submitForm: (a) => ({ entity: 'formResponses', entityId: a.responseId, jobId: null }),
  moveFormToVersion: (a) => ({ entity: 'formResponses', entityId: a.responseId, jobId: null }),
  reopenForm: (a) => ({ entity: 'formResponses', entityId: a.responseId, jobId: null }),
  resolveAnswerConflict: (a) => ({
    entity: 'formAnswers',
    entityId: formAnswerId(a.responseId, a.fieldKey),
    jobId: null,
  }),
  addAttachment: (a) => ({ entity: 'attachments', entityId: a.id, jobId: a.jobId }),
  setAttachmentCaption: (a) => ({ entity: 'attachments', entityId: a.id, jobId: null }),
  deleteAttachment: (a) => ({ entity: 'attachments', entityId: a.id, jobId: null }),
};

export function hasAuditSubject(name: MutatorName): boolean {
  return subjects[name] !== undefined;
}

function stringArg(args: unknown, key: string): string | null {
  const value = typeof args === 'object' && args !== null ? (args as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : null;
}

export function mutationAuditSubject<N extends MutatorName>(name: N, args: MutatorArgs<N>): AuditSubject {
  const subject = subjects[name] as ((args: MutatorArgs<N>) => AuditSubject) | undefined;
  if (subject) return subject(args);
  return { entity: null, entityId: stringArg(args, 'id'), jobId: stringArg(args, 'jobId') };
}
