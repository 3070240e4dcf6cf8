import type { FormAnswerRow } from '@lastmile/domain';
import type { Translate } from '../../../i18n/translate.ts';
import type { AnswerMeta } from './answers.ts';

/**
 * Who answered each field and when. A phone holds its own team's people (ADR 0051), so an answer
 * given before a job was handed over from another team may name someone it does not hold: it says
 * so (`job.unknownPerson`) rather than dropping the name and showing only a time.
 */
export function answerMetas(
  answers: readonly FormAnswerRow[],
  people: ReadonlyMap<string, { name: string }>,
  reviewer: boolean,
  t: Translate,
): Record<string, AnswerMeta> {
  const out: Record<string, AnswerMeta> = {};
  for (const row of answers) {
    const name = people.get(row.answeredBy)?.name ?? null;
    out[row.fieldKey] = {
      byName: name ?? t('job.unknownPerson'),
      capturedAt: row.capturedAt,
      conflictBy: row.conflict ? (name ?? t('forms.someoneElse')) : null,
      review:
        reviewer && (row.historyCount > 0 || row.conflict)
          ? { responseId: row.responseId, historyCount: row.historyCount, conflict: row.conflict }
          : null,
    };
  }
  return out;
}
