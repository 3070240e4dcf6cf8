import type { FormAnswerRow, FormResponseRow, FormVersionRow, OutstandingItemRow, UserRow } from '@lastmile/domain';
import { useLiveQuery } from 'dexie-react-hooks';
import type { AppDb } from '../../local-db/app-db.ts';

export type ReviewForm = { response: FormResponseRow; version: FormVersionRow | undefined; answers: FormAnswerRow[] };

export type ReviewData = {
  forms: ReviewForm[];
  items: OutstandingItemRow[];
  /** Everyone named on the screen: who answered, who reviewed. */
  people: Map<string, UserRow>;
};

/** The job's forms (every response, oldest first), the items raised on it and the people named, live from IndexedDB. */
export function useReviewData(db: AppDb, jobId: string): ReviewData | undefined {
  return useLiveQuery(async () => {
    const responses = (await db.formResponses.where('jobId').equals(jobId).toArray()).sort((a, b) =>
      a.createdAt.localeCompare(b.createdAt),
    );
    const forms = await Promise.all(
      responses.map(async (response) => ({
        response,
        version: await db.formVersions.get(response.templateVersionId),
        answers: await db.formAnswers.where('responseId').equals(response.id).toArray(),
      })),
    );
    const items = await db.outstandingItems.where('jobId').equals(jobId).toArray();
    const rounds = await db.reviewRounds.where('jobId').equals(jobId).toArray();
    const ids = new Set([
      ...forms.flatMap((f) => f.answers.map((a) => a.answeredBy)),
      ...rounds.map((r) => r.reviewerId),
      ...responses.flatMap((r) => (r.submittedBy ? [r.submittedBy] : [])),
    ]);
    const people = new Map(
      (await db.users.bulkGet([...ids])).filter((u): u is UserRow => !!u).map((u) => [u.id, u] as const),
    );
    return { forms, items, people };
  }, [db, jobId]);
}
