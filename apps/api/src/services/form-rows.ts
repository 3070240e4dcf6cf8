import {
  formResponseStatusSchema,
  type FormAnswerRow,
  type FormResponseRow,
  type FormVersionRow,
} from '@lastmile/domain';
import type { formAnswers, formResponses, formTemplateVersions } from '../db/schema/index.ts';

/** Database rows of the forms tables → the wire rows replicated to clients. */
export function toFormVersionRow(row: typeof formTemplateVersions.$inferSelect): FormVersionRow {
  return {
    id: row.id,
    orgId: row.orgId,
    templateId: row.templateId,
    name: row.name,
    version: row.version,
    definition: row.definition,
    publishedBy: row.publishedBy,
    publishedAt: row.publishedAt.toISOString(),
  };
}

export function toFormResponseRow(row: typeof formResponses.$inferSelect): FormResponseRow {
  return {
    id: row.id,
    orgId: row.orgId,
    jobId: row.jobId,
    templateId: row.templateId,
    templateVersionId: row.templateVersionId,
    status: formResponseStatusSchema.parse(row.status),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    submittedBy: row.submittedBy,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toFormAnswerRow(row: typeof formAnswers.$inferSelect, jobId: string): FormAnswerRow {
  return {
    id: `${row.responseId}:${row.fieldKey}`,
    orgId: row.orgId,
    responseId: row.responseId,
    jobId,
    fieldKey: row.fieldKey,
    value: row.value,
    answeredBy: row.answeredBy,
    capturedAt: row.capturedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    historyCount: row.historyCount,
    conflict: row.conflict,
  };
}
