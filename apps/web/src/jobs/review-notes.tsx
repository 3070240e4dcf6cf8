import { createContext, use, useMemo } from 'react';
import { indexDefinition, type FormVersionRow, type ReviewRoundRow } from '@lastmile/domain';
import { useLiveQuery } from 'dexie-react-hooks';
import { formatDay, formatTime, useT } from '../i18n/index.ts';
import type { AppDb } from '../local-db/app-db.ts';
import { openSendBack, useReviewRounds } from './review-rounds.ts';
import './review-notes.css';
import { useJobPeople } from './use-job-people.ts';

/** The open send back's comments on the form being filled, keyed `fieldKey|entryIndex` (entry empty for a top-level field). */
export const ReviewNotesContext = createContext<ReadonlyMap<string, string>>(new Map());

const noteKey = (fieldKey: string, entry: number | null) => `${fieldKey}|${entry ?? ''}`;

/** The comments a sent-back job carries for one form response (from the synced rounds: offline too). */
export function useReviewNotes(db: AppDb, jobId: string, responseId: string | null): ReadonlyMap<string, string> {
  const rounds = useReviewRounds(db, jobId);
  return useMemo(() => {
    const round = rounds ? openSendBack(rounds) : null;
    return new Map(
      (round?.fieldComments ?? [])
        .filter((c) => c.responseId === responseId)
        .map((c) => [noteKey(c.fieldKey, c.entryIndex), c.comment] as const),
    );
  }, [rounds, responseId]);
}

/** The reviewer's comment beside a field of the fill form, in words (not colour alone). */
export function FieldReviewNote({ fieldKey, entry }: { fieldKey: string; entry: number | null }) {
  const t = useT();
  const comment = use(ReviewNotesContext).get(noteKey(fieldKey, entry));
  if (!comment) return null;
  return (
    <p className="review-note" role="note" data-review-note={noteKey(fieldKey, entry)}>
      <span aria-hidden="true">✎ </span>
      {entry === null ? t('review.note', { comment }) : t('review.noteEntry', { n: entry + 1, comment })}
    </p>
  );
}

/**
 * What a technician reads on a sent-back job: who sent it back and when, the comment on the whole
 * submission and each field comment with its field's label. Nothing while the job is not sent back.
 */
export function SendBackNotice({ db, jobId, compact = false }: { db: AppDb; jobId: string; compact?: boolean }) {
  const t = useT();
  const rounds = useReviewRounds(db, jobId);
  const round = rounds ? openSendBack(rounds) : null;
  const details = useLiveQuery(async () => (round ? noticeDetails(db, round) : null), [db, round]);
  // A reviewer this phone does not hold (another team's lead, before a handoff): asked while online.
  const named = useJobPeople(jobId, round && details && !details.reviewer ? [round.reviewerId] : []);
  if (!round) return null;
  return (
    <section className="send-back" aria-label={t('review.todo.title')}>
      <p className="send-back__title">{t('review.todo.title')}</p>
      <p className="send-back__by">
        {t('review.todo.by', {
          name: details?.reviewer ?? named.get(round.reviewerId)?.name ?? t('job.unknownPerson'),
          when: `${formatDay(round.decidedAt)} ${formatTime(round.decidedAt)}`,
        })}
      </p>
      {round.comment && <p className="send-back__comment">{round.comment}</p>}
      {round.fieldComments.length > 0 &&
        (compact ? (
          <p>{t('review.todo.fields', { count: round.fieldComments.length })}</p>
        ) : (
          <ul className="send-back__fields">
            {round.fieldComments.map((c) => (
              <li key={`${c.responseId}|${c.fieldKey}|${c.entryIndex ?? ''}`}>
                <strong>
                  {details?.labels.get(`${c.responseId}|${c.fieldKey}`) ?? c.fieldKey}
                  {c.entryIndex !== null && ` (${t('review.entry', { n: c.entryIndex + 1 })})`}
                </strong>
                : {c.comment}
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

async function noticeDetails(db: AppDb, round: ReviewRoundRow) {
  const reviewer = (await db.users.get(round.reviewerId))?.name ?? null;
  const labels = new Map<string, string>();
  for (const c of round.fieldComments) {
    const response = await db.formResponses.get(c.responseId);
    const version: FormVersionRow | undefined = response && (await db.formVersions.get(response.templateVersionId));
    const label = version && indexDefinition(version.definition).byKey.get(c.fieldKey)?.field.label;
    if (label) labels.set(`${c.responseId}|${c.fieldKey}`, label);
  }
  return { reviewer, labels };
}
