import type { JobTypeRow, UserRow } from '@lastmile/domain';
import { useLiveQuery } from 'dexie-react-hooks';
import type { AppDb } from '../../../local-db/app-db.ts';
import type { FormAnswerRow, FormResponseRow, FormVersionRow } from '@lastmile/domain';

export type FormData = {
  /** The job's response (the newest, if a template change left more than one). */
  response: FormResponseRow | null;
  /** The version the response pins, or the newest published one of the job type's template. */
  version: FormVersionRow | null;
  /** The newest published version of the template (to offer a move). */
  latest: FormVersionRow | null;
  answers: FormAnswerRow[];
  users: Map<string, UserRow>;
};

const versions = (db: AppDb) => db.formVersions;
const responses = (db: AppDb) => db.formResponses;
const answerRows = (db: AppDb) => db.formAnswers;

function newest(list: FormVersionRow[]): FormVersionRow | null {
  return list.reduce<FormVersionRow | null>((best, v) => (!best || v.version > best.version ? v : best), null);
}

/** Everything the fill screen reads from IndexedDB for one job, live. `undefined` while reading. */
export function useFormData(db: AppDb, jobId: string, jobType: JobTypeRow | undefined): FormData | undefined {
  return useLiveQuery(async () => {
    const response =
      (await responses(db).where('jobId').equals(jobId).toArray()).sort((a, b) =>
        b.createdAt.localeCompare(a.createdAt),
      )[0] ?? null;
    const templateId = response?.templateId ?? jobType?.templateId ?? null;
    const all = templateId ? await versions(db).where('templateId').equals(templateId).toArray() : [];
    const latest = newest(all);
    const version = response
      ? (all.find((v) => v.id === response.templateVersionId) ??
        (await versions(db).get(response.templateVersionId)) ??
        null)
      : latest;
    const answers = response ? await answerRows(db).where('responseId').equals(response.id).toArray() : [];
    const ids = [...new Set(answers.map((a) => a.answeredBy))];
    const users = new Map((await db.users.bulkGet(ids)).filter((u): u is UserRow => !!u).map((u) => [u.id, u]));
    return { response, version, latest, answers, users };
  }, [db, jobId, jobType?.templateId]);
}

/** A job type's required fields for its form (its rules; none without a job type). */
export function requiredFieldsOf(jobType: JobTypeRow | undefined): readonly string[] {
  return jobType?.requiredFields ?? [];
}
