import { randomUUID } from 'node:crypto';
import type { AnyTx, ChangeRecorder } from '@lastmile/sync/server';
import { formAnswers, formResponses } from '../db/schema/index.ts';
import { toFormAnswerRow, toFormResponseRow } from '../services/form-rows.ts';

/**
 * A draft form on a job with one answer (`note`), written and logged under `scopes` as a push
 * would log them: for tests that move a job's family or its people and look at who holds what.
 */
export async function insertAnsweredForm(
  tx: AnyTx,
  rec: ChangeRecorder,
  input: {
    orgId: string;
    jobId: string;
    templateId: string;
    versionId: string;
    answeredBy: string;
    value: string;
    scopes: string[];
  },
): Promise<{ responseId: string }> {
  const [response] = await tx
    .insert(formResponses)
    .values({
      id: randomUUID(),
      orgId: input.orgId,
      jobId: input.jobId,
      templateId: input.templateId,
      templateVersionId: input.versionId,
      status: 'draft',
      createdBy: input.answeredBy,
    })
    .returning();
  if (!response) throw new Error('no form response');
  rec.put('formResponses', toFormResponseRow(response), input.scopes);
  const [answer] = await tx
    .insert(formAnswers)
    .values({
      responseId: response.id,
      fieldKey: 'note',
      orgId: input.orgId,
      value: input.value,
      answeredBy: input.answeredBy,
      capturedAt: new Date(),
    })
    .returning();
  if (!answer) throw new Error('no answer');
  rec.put('formAnswers', toFormAnswerRow(answer, input.jobId), input.scopes);
  return { responseId: response.id };
}
