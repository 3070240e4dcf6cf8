import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import {
  attachmentKindSchema,
  attachmentTypeSchema,
  type ApiAttachmentLink,
  type ApiSubmission,
  type ApiSubmissionsQuery,
} from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { attachments, formAnswers, formResponses, formTemplateVersions } from '../../db/schema/index.ts';
import { afterCursor, pageOf } from './cursor.ts';

/** Where a client fetches an attachment's bytes with its API key (routes/v1/index.ts). */
export const apiAttachmentUrl = (id: string) => `/api/v1/attachments/${id}`;

function toLink(row: typeof attachments.$inferSelect): ApiAttachmentLink {
  return {
    id: row.id,
    kind: attachmentKindSchema.parse(row.kind),
    fieldKey: row.fieldKey,
    contentType: attachmentTypeSchema.parse(row.contentType),
    size: row.size,
    sha256: row.sha256,
    caption: row.caption,
    capturedAt: row.capturedAt.toISOString(),
    url: row.state === 'available' ? apiAttachmentUrl(row.id) : null,
  };
}

function groupBy<T>(rows: T[], key: (row: T) => string | null): Map<string | null, T[]> {
  const groups = new Map<string | null, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/**
 * One page of /api/v1/submissions: form responses with their answers and the links of their
 * photos and signatures, three queries per page (responses, then answers and attachments of
 * just those responses), whatever the page size.
 */
export async function findApiSubmissions(db: DbOrTx, orgId: string, q: ApiSubmissionsQuery) {
  const rows = await db
    .select({ response: formResponses, templateName: formTemplateVersions.name, version: formTemplateVersions.version })
    .from(formResponses)
    .innerJoin(formTemplateVersions, eq(formTemplateVersions.id, formResponses.templateVersionId))
    .where(
      and(
        eq(formResponses.orgId, orgId),
        q.status?.length ? inArray(formResponses.status, q.status) : undefined,
        q.jobId ? eq(formResponses.jobId, q.jobId) : undefined,
        afterCursor(formResponses.id, q.cursor),
      ),
    )
    .orderBy(asc(formResponses.id))
    .limit(q.limit + 1);
  const ids = rows.slice(0, q.limit).map((r) => r.response.id);
  const [answers, files] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          db.select().from(formAnswers).where(inArray(formAnswers.responseId, ids)).orderBy(asc(formAnswers.fieldKey)),
          db
            .select()
            .from(attachments)
            .where(and(inArray(attachments.responseId, ids), ne(attachments.state, 'deleted')))
            .orderBy(asc(attachments.capturedAt), asc(attachments.id)),
        ]);
  const answersOf = groupBy(answers, (a) => a.responseId);
  const filesOf = groupBy(files, (f) => f.responseId);
  return pageOf(
    rows.map((r) => ({ ...r, id: r.response.id })),
    q.limit,
    (r): ApiSubmission => ({
      id: r.response.id,
      jobId: r.response.jobId,
      templateId: r.response.templateId,
      templateVersionId: r.response.templateVersionId,
      templateName: r.templateName,
      templateVersion: r.version,
      status: r.response.status,
      createdAt: r.response.createdAt.toISOString(),
      submittedAt: r.response.submittedAt?.toISOString() ?? null,
      submittedBy: r.response.submittedBy,
      updatedAt: r.response.updatedAt.toISOString(),
      answers: (answersOf.get(r.response.id) ?? []).map((a) => ({
        fieldKey: a.fieldKey,
        value: a.value ?? null,
        answeredBy: a.answeredBy,
        capturedAt: a.capturedAt.toISOString(),
        conflict: a.conflict,
      })),
      attachments: (filesOf.get(r.response.id) ?? []).map(toLink),
    }),
  );
}
