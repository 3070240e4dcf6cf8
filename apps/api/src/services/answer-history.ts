import { aliasedTable, and, desc, eq } from 'drizzle-orm';
import { AppError, ERROR_CODES, type Actor, type FormAnswerHistoryItem, type FormAnswerRow } from '@lastmile/domain';
import type { AnyDb } from '@lastmile/sync/server';
import { formAnswerHistory, formAnswers, formResponses, jobs, users } from '../db/schema/index.ts';
import { toFormAnswerRow } from './form-rows.ts';

/**
 * An answer's earlier values, newest first, for the team's lead and the office (sync principle 7:
 * the value that lost is never gone). Another organization's response is "not found".
 */
export async function answerHistory(
  db: AnyDb,
  actor: Actor,
  responseId: string,
  fieldKey: string,
): Promise<{ current: FormAnswerRow | null; history: FormAnswerHistoryItem[] }> {
  const [found] = await db
    .select({ jobId: jobs.id, teamId: jobs.teamId })
    .from(formResponses)
    .innerJoin(jobs, eq(jobs.id, formResponses.jobId))
    .where(and(eq(formResponses.id, responseId), eq(formResponses.orgId, actor.orgId)));
  if (!found) throw new AppError(ERROR_CODES.notFound, 'This form does not exist.');
  if (actor.role === 'lead' && found.teamId !== actor.teamId)
    throw new AppError(ERROR_CODES.forbidden, 'This job belongs to another team.');
  const [answer] = await db
    .select()
    .from(formAnswers)
    .where(and(eq(formAnswers.responseId, responseId), eq(formAnswers.fieldKey, fieldKey)));
  const answeredByUser = aliasedTable(users, 'answered_by_user');
  const replacedByUser = aliasedTable(users, 'replaced_by_user');
  const rows = await db
    .select({ h: formAnswerHistory, answeredByName: answeredByUser.name, replacedByName: replacedByUser.name })
    .from(formAnswerHistory)
    .leftJoin(answeredByUser, eq(answeredByUser.id, formAnswerHistory.answeredBy))
    .leftJoin(replacedByUser, eq(replacedByUser.id, formAnswerHistory.replacedBy))
    .where(
      and(
        eq(formAnswerHistory.responseId, responseId),
        eq(formAnswerHistory.fieldKey, fieldKey),
        eq(formAnswerHistory.orgId, actor.orgId),
      ),
    )
    .orderBy(desc(formAnswerHistory.replacedAt));
  return {
    current: answer ? toFormAnswerRow(answer, found.jobId) : null,
    history: rows.map(({ h, answeredByName, replacedByName }) => ({
      id: h.id,
      value: h.value,
      answeredBy: h.answeredBy,
      answeredByName,
      capturedAt: h.capturedAt.toISOString(),
      storedAt: h.storedAt.toISOString(),
      replacedAt: h.replacedAt.toISOString(),
      replacedBy: h.replacedBy,
      replacedByName,
      concurrent: h.concurrent,
    })),
  };
}
