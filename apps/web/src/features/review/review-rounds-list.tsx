import { indexDefinition, type ReviewRoundRow, type UserRow } from '@lastmile/domain';
import { useId } from 'react';
import { formatDay, formatTime, useT } from '../../i18n/index.ts';
import type { ReviewForm } from './use-review-data.ts';

/** Every decision made on the job, newest first: who, when, what they said on the whole and on each field. */
export function ReviewRounds({
  rounds,
  forms,
  people,
}: {
  rounds: readonly ReviewRoundRow[];
  forms: readonly ReviewForm[];
  people: ReadonlyMap<string, UserRow>;
}) {
  const t = useT();
  const id = useId();
  if (rounds.length === 0) return null;
  const labelOf = (responseId: string, fieldKey: string) => {
    const definition = forms.find((f) => f.response.id === responseId)?.version?.definition;
    return (definition && indexDefinition(definition).byKey.get(fieldKey)?.field.label) ?? fieldKey;
  };
  return (
    <section className="review-block" aria-labelledby={`${id}-rounds`}>
      <h2 id={`${id}-rounds`}>{t('review.rounds')}</h2>
      <ol className="review-rounds" reversed>
        {[...rounds].reverse().map((r) => (
          <li key={r.id} className="review-round">
            <details open={r === rounds.at(-1)}>
              <summary>
                {t('review.roundSummary', {
                  round: r.round,
                  decision: t(r.decision === 'approved' ? 'review.decision.approved' : 'review.decision.sent_back'),
                  stage: t(r.stage === 'lead' ? 'review.stage.lead' : 'review.stage.office'),
                  name: people.get(r.reviewerId)?.name ?? t('job.unknownPerson'),
                  when: `${formatDay(r.decidedAt)} ${formatTime(r.decidedAt)}`,
                })}
              </summary>
              {r.comment && <p className="review-round__comment">{r.comment}</p>}
              {r.fieldComments.length > 0 && (
                <ul className="review-list">
                  {r.fieldComments.map((c) => (
                    <li key={`${c.responseId}|${c.fieldKey}|${c.entryIndex ?? ''}`}>
                      <strong>
                        {labelOf(c.responseId, c.fieldKey)}
                        {c.entryIndex !== null && ` (${t('review.entry', { n: c.entryIndex + 1 })})`}
                      </strong>
                      : {c.comment}
                    </li>
                  ))}
                </ul>
              )}
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}
