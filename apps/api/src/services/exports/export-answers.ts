import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import {
  AppError,
  ERROR_CODES,
  evaluateVisibility,
  type AnswerValue,
  type CsvCell,
  type TemplateDefinition,
} from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { formAnswers, formResponses, formTemplateVersions, jobs, users } from '../../db/schema/index.ts';
import { answerColumns, cellOf } from './answer-columns.ts';
import { EXPORT_PAGE_SIZE, type CsvPages } from './csv-stream.ts';

const FIXED_HEADER = ['job_number', 'job_id', 'response_id', 'status', 'submitted_at', 'submitted_by'];

export type AnswersExport = { header: string[]; pages: CsvPages; name: string };

/** For each repeat group, the most entries any response of this version has: that many column sets. */
async function groupEntryCounts(
  db: DbOrTx,
  orgId: string,
  versionId: string,
  definition: TemplateDefinition,
): Promise<Map<string, number>> {
  const groupKeys = definition.sections.flatMap((s) => s.fields.filter((f) => f.type === 'group').map((f) => f.key));
  if (groupKeys.length === 0) return new Map();
  const rows = await db
    .select({
      key: formAnswers.fieldKey,
      entries: sql<number>`max(case when jsonb_typeof(${formAnswers.value}) = 'array' then jsonb_array_length(${formAnswers.value}) else 0 end)::int`,
    })
    .from(formAnswers)
    .innerJoin(formResponses, eq(formResponses.id, formAnswers.responseId))
    .where(
      and(
        eq(formResponses.orgId, orgId),
        eq(formResponses.templateVersionId, versionId),
        inArray(formAnswers.fieldKey, groupKeys),
      ),
    )
    .groupBy(formAnswers.fieldKey);
  return new Map(rows.map((r) => [r.key, Number(r.entries)]));
}

/**
 * The answers of every response pinned to one template version (a lead: on their team's jobs),
 * one row per response, one column per field key (answer-columns.ts has the flattening rule).
 * Responses are read by keyset on their id, a page at a time, with that page's answers.
 */
export async function answersExport(
  db: DbOrTx,
  orgId: string,
  versionId: string,
  limitToTeamId?: string,
  pageSize = EXPORT_PAGE_SIZE,
): Promise<AnswersExport> {
  const [version] = await db
    .select()
    .from(formTemplateVersions)
    .where(and(eq(formTemplateVersions.id, versionId), eq(formTemplateVersions.orgId, orgId)));
  if (!version) throw new AppError(ERROR_CODES.notFound, 'This form version does not exist.');
  const { definition } = version;
  const columns = answerColumns(definition, await groupEntryCounts(db, orgId, versionId, definition));

  async function* pages(): CsvPages {
    let after: string | null = null;
    for (;;) {
      const conditions = [eq(formResponses.orgId, orgId), eq(formResponses.templateVersionId, versionId)];
      if (limitToTeamId !== undefined) conditions.push(eq(jobs.teamId, limitToTeamId));
      if (after) conditions.push(gt(formResponses.id, after));
      const responses = await db
        .select({
          id: formResponses.id,
          status: formResponses.status,
          submittedAt: formResponses.submittedAt,
          submittedBy: users.name,
          jobId: jobs.id,
          jobNumber: jobs.number,
        })
        .from(formResponses)
        .innerJoin(jobs, eq(jobs.id, formResponses.jobId))
        .leftJoin(users, eq(users.id, formResponses.submittedBy))
        .where(and(...conditions))
        .orderBy(asc(formResponses.id))
        .limit(pageSize);
      if (responses.length === 0) return;
      const answers = await db
        .select({ responseId: formAnswers.responseId, key: formAnswers.fieldKey, value: formAnswers.value })
        .from(formAnswers)
        .where(
          inArray(
            formAnswers.responseId,
            responses.map((r) => r.id),
          ),
        );
      const byResponse = new Map<string, Record<string, AnswerValue | null>>();
      for (const a of answers) {
        const record = byResponse.get(a.responseId) ?? {};
        record[a.key] = a.value;
        byResponse.set(a.responseId, record);
      }
      yield responses.map((r): CsvCell[] => {
        const values = byResponse.get(r.id) ?? {};
        const visible = evaluateVisibility(definition, values);
        return [
          r.jobNumber,
          r.jobId,
          r.id,
          r.status,
          r.submittedAt?.toISOString() ?? null,
          r.submittedBy,
          ...columns.map((c) => cellOf(c, values, visible)),
        ];
      });
      if (responses.length < pageSize) return;
      after = responses.at(-1)!.id;
    }
  }

  return {
    header: [...FIXED_HEADER, ...columns.map((c) => c.header)],
    pages: pages(),
    name: `answers-${version.name.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40)}-v${version.version}`,
  };
}
