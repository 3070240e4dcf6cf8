import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import {
  indexDefinition,
  reportSections,
  type Actor,
  type AnswerValue,
  type JobReport,
  type ReportActivity,
  type ReportForm,
  type ReportReview,
} from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import {
  attachments,
  formAnswers,
  formResponses,
  formTemplateVersions,
  outstandingItems,
  reviewRounds,
  teams,
  users,
} from '../../db/schema/index.ts';
import { findAuditEvents } from '../audit/find-audit-events.ts';
import { findReportJob } from './find-report-job.ts';
import { idsNamedBy, reportActivity } from './report-activity.ts';

/** A report's data and when any of it last changed (for Last-Modified). */
export type LoadedJobReport = { report: JobReport; lastModified: Date };

/** A job's trail is short; this bounds a pathological one so a report stays a report. */
const MAX_AUDIT_EVENTS = 1000;

async function namesOf(db: DbOrTx, orgId: string, ids: Iterable<string>): Promise<Map<string, string>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const [people, teamRows] = await Promise.all([
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.orgId, orgId), inArray(users.id, list))),
    db
      .select({ id: teams.id, name: teams.name })
      .from(teams)
      .where(and(eq(teams.orgId, orgId), inArray(teams.id, list))),
  ]);
  return new Map([...people, ...teamRows].map((r) => [r.id, r.name]));
}

function latest(dates: (Date | null | undefined)[]): Date {
  return new Date(Math.max(...dates.map((d) => d?.getTime() ?? 0)));
}

/**
 * Everything a job's inspection report shows, read from the database in a handful of queries:
 * the job, its forms (visible answers in template order), verified photos, status history (the
 * audit trail), outstanding items raised on it, review decisions and the approval.
 */
export async function loadJobReport(db: DbOrTx, actor: Actor, jobId: string): Promise<LoadedJobReport> {
  const found = await findReportJob(db, actor, jobId);
  const { job } = found;
  const orgId = job.orgId;
  const [responses, photos, items, reviews, events] = await Promise.all([
    db
      .select({
        response: formResponses,
        templateName: formTemplateVersions.name,
        version: formTemplateVersions.version,
        definition: formTemplateVersions.definition,
      })
      .from(formResponses)
      .innerJoin(formTemplateVersions, eq(formTemplateVersions.id, formResponses.templateVersionId))
      .where(and(eq(formResponses.jobId, job.id), eq(formResponses.orgId, orgId)))
      .orderBy(asc(formResponses.createdAt)),
    db
      .select()
      .from(attachments)
      .where(and(eq(attachments.jobId, job.id), eq(attachments.orgId, orgId), ne(attachments.state, 'deleted')))
      .orderBy(asc(attachments.capturedAt), asc(attachments.id)),
    db
      .select()
      .from(outstandingItems)
      .where(and(eq(outstandingItems.jobId, job.id), eq(outstandingItems.orgId, orgId)))
      .orderBy(asc(outstandingItems.createdAt)),
    db
      .select()
      .from(reviewRounds)
      .where(and(eq(reviewRounds.jobId, job.id), eq(reviewRounds.orgId, orgId)))
      .orderBy(asc(reviewRounds.decidedAt)),
    findAuditEvents(db, { orgId, jobId: job.id }, { limit: MAX_AUDIT_EVENTS, order: 'oldest' }),
  ]);
  const answerRows =
    responses.length === 0
      ? []
      : await db
          .select()
          .from(formAnswers)
          .where(
            inArray(
              formAnswers.responseId,
              responses.map((r) => r.response.id),
            ),
          );

  const names = await namesOf(db, orgId, [
    ...idsNamedBy(events),
    ...photos.map((p) => p.capturedBy),
    ...responses.flatMap((r) => (r.response.submittedBy ? [r.response.submittedBy] : [])),
    ...reviews.map((r) => r.reviewerId),
    ...(job.updatedBy ? [job.updatedBy] : []),
  ]);
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? null) : null);

  // Only verified photos can be drawn; an answer pointing at one still on a phone is left out.
  const available = new Set(photos.filter((p) => p.state === 'available').map((p) => p.id));
  // A photo's field is labelled from its own form's version: two forms of a job may use one key
  // ("photos") for different fields, and a field inside a repeat group is a field too.
  const definitions = new Map(responses.map((r) => [r.response.id, r.definition]));
  const fieldLabel = (responseId: string | null, fieldKey: string | null): string | null => {
    const definition = responseId ? definitions.get(responseId) : undefined;
    if (!definition || !fieldKey) return null;
    return indexDefinition(definition).byKey.get(fieldKey)?.field.label ?? null;
  };
  const forms: ReportForm[] = responses.map(({ response, templateName, version, definition }) => {
    const answers: Record<string, AnswerValue | null> = {};
    for (const a of answerRows) if (a.responseId === response.id) answers[a.fieldKey] = a.value;
    const sections = reportSections(definition, answers).map((s) => ({
      ...s,
      answers: s.answers.map((a) => ({ ...a, attachmentIds: a.attachmentIds.filter((id) => available.has(id)) })),
    }));
    return {
      responseId: response.id,
      templateName,
      templateVersion: version,
      status: response.status,
      submittedAt: response.submittedAt?.toISOString() ?? null,
      submittedBy: nameOf(response.submittedBy),
      sections,
    };
  });
  const signatureIds = new Set(
    forms.flatMap((f) =>
      f.sections.flatMap((s) => s.answers.filter((a) => a.type === 'signature').flatMap((a) => a.attachmentIds)),
    ),
  );

  const reviewLines: ReportReview[] = reviews.map((r) => ({
    round: r.round,
    stage: r.stage,
    decision: r.decision,
    reviewer: nameOf(r.reviewerId),
    decidedAt: r.decidedAt.toISOString(),
    comment: r.comment,
  }));
  const activity: ReportActivity[] = [
    { at: job.createdAt.toISOString(), deviceTime: null, actor: null, action: 'created', summary: 'Job created' },
    ...reportActivity(events, names),
    ...forms.flatMap((f) =>
      f.submittedAt
        ? [
            {
              at: f.submittedAt,
              deviceTime: null,
              actor: f.submittedBy,
              action: 'submitForm',
              summary: `Form submitted: ${f.templateName}`,
            },
          ]
        : [],
    ),
  ].sort((a, b) => a.at.localeCompare(b.at));

  const report: JobReport = {
    organization: { name: found.organization.name, timeZone: found.organization.timeZone, logo: found.logo },
    job: {
      id: job.id,
      number: job.number,
      title: job.title,
      jobType: found.jobTypeName,
      status: job.status as JobReport['job']['status'],
      priority: job.priority as JobReport['job']['priority'],
      scheduledStart: job.scheduledStart.toISOString(),
      scheduledEnd: job.scheduledEnd.toISOString(),
      externalRef: job.externalRef,
      notes: job.notes,
      team: found.teamName,
    },
    customer: found.customer,
    site: found.site,
    technician: found.technician,
    forms,
    photos: photos
      .filter((p) => available.has(p.id) && !signatureIds.has(p.id))
      .map((p) => ({
        id: p.id,
        caption: p.caption,
        fieldLabel: fieldLabel(p.responseId, p.fieldKey),
        capturedAt: p.capturedAt.toISOString(),
        capturedBy: nameOf(p.capturedBy),
        width: p.width,
        height: p.height,
      })),
    activity,
    items: items.map((i) => ({
      id: i.id,
      title: i.title,
      description: i.description,
      priority: i.priority as JobReport['items'][number]['priority'],
      status: i.status,
      dueDate: i.dueDate,
      createdAt: i.createdAt.toISOString(),
    })),
    reviews: reviewLines,
    approval: approvalOf(job, reviewLines, activity, nameOf),
  };
  const lastModified = latest([
    job.updatedAt,
    ...responses.map((r) => r.response.updatedAt),
    ...answerRows.map((a) => a.updatedAt),
    ...photos.map((p) => p.uploadedAt ?? p.createdAt),
    ...items.map((i) => i.updatedAt),
    ...reviews.map((r) => r.decidedAt),
    ...events.map((e) => new Date(e.at)),
  ]);
  return { report, lastModified };
}

/** Who approved and when: the office's approving review, else the audited status change, else the job's last write. */
function approvalOf(
  job: { status: string; updatedAt: Date; updatedBy: string | null },
  reviews: readonly ReportReview[],
  activity: readonly ReportActivity[],
  nameOf: (id: string | null) => string | null,
): JobReport['approval'] {
  if (job.status !== 'approved') return null;
  const review = reviews.findLast((r) => r.decision === 'approved');
  if (review) return { approvedAt: review.decidedAt, approvedBy: review.reviewer };
  const audited = activity.findLast((a) => a.summary.includes('→ Approved'));
  if (audited) return { approvedAt: audited.at, approvedBy: audited.actor };
  return { approvedAt: job.updatedAt.toISOString(), approvedBy: nameOf(job.updatedBy) };
}
