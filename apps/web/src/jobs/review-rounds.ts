import {
  currentRound,
  formAnswerId,
  sameJson,
  type FieldComment,
  type FormAnswerRow,
  type ReviewRoundRow,
} from '@lastmile/domain';
import { useLiveQuery } from 'dexie-react-hooks';
import type { AppDb } from '../local-db/app-db.ts';

/** A job's review decisions from IndexedDB, oldest first (they arrive by sync, so they show offline). */
export function useReviewRounds(db: AppDb, jobId: string): ReviewRoundRow[] | undefined {
  return useLiveQuery(
    async () => sortRounds(await db.reviewRounds.where('jobId').equals(jobId).toArray()),
    [db, jobId],
  );
}

export function sortRounds(rounds: readonly ReviewRoundRow[]): ReviewRoundRow[] {
  return [...rounds].sort((a, b) => a.round - b.round || a.decidedAt.localeCompare(b.decidedAt));
}

/** The send back the technician has to act on: the last decision, when it sent the job back. */
export function openSendBack(rounds: readonly ReviewRoundRow[]): ReviewRoundRow | null {
  const last = sortRounds(rounds).at(-1);
  return last?.decision === 'sent_back' ? last : null;
}

/** A field comment's place: the form response, the field, and the group entry (or none). */
export function commentKey(c: Pick<FieldComment, 'responseId' | 'fieldKey' | 'entryIndex'>): string {
  return `${c.responseId}|${c.fieldKey}|${c.entryIndex ?? ''}`;
}

/** A send back's field comments by place, for the fill form to show each beside its field. */
export function commentsByField(round: ReviewRoundRow | null): Map<string, string> {
  return new Map((round?.fieldComments ?? []).map((c) => [commentKey(c), c.comment]));
}

export type AnswerChange = { before: unknown };

/**
 * The answers that changed since the previous round's decision (its snapshot of every answer),
 * by form answer id, with the value the reviewer saw then. Empty on the first round.
 */
export function changesSinceLastRound(
  rounds: readonly ReviewRoundRow[],
  answers: readonly Pick<FormAnswerRow, 'responseId' | 'fieldKey' | 'value'>[],
): Map<string, AnswerChange> {
  const sorted = sortRounds(rounds);
  const round = currentRound(sorted);
  const previous = sorted.filter((r) => r.round === round - 1).at(-1);
  const changes = new Map<string, AnswerChange>();
  if (!previous) return changes;
  const seen = new Set<string>();
  for (const answer of answers) {
    const id = formAnswerId(answer.responseId, answer.fieldKey);
    seen.add(id);
    const before = previous.answers[id] ?? null;
    if (!sameJson(before, answer.value)) changes.set(id, { before });
  }
  for (const [id, before] of Object.entries(previous.answers)) {
    if (!seen.has(id) && before !== null) changes.set(id, { before });
  }
  return changes;
}
