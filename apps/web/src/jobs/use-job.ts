import type { JobMessageRow, OutstandingItemRow, UserRow } from '@lastmile/domain';
import { useLiveQuery } from 'dexie-react-hooks';
import type { AppDb } from '../local-db/app-db.ts';
import type { JobView } from './job-queries.ts';
import { loadJobViews } from './load-job-views.ts';

/** `undefined` while reading IndexedDB, `null` when the job is not on this device. */
export function useJobView(db: AppDb, jobId: string): JobView | null | undefined {
  return useLiveQuery(async () => {
    const job = await db.jobs.get(jobId);
    if (!job) return null;
    const [view] = await loadJobViews(db, [job]);
    return view ?? null;
  }, [db, jobId]);
}

export type ThreadEntry = { message: JobMessageRow; author: UserRow | undefined };

/** The job's thread, oldest first, with each author's row. */
export function useJobThread(db: AppDb, jobId: string): ThreadEntry[] | undefined {
  return useLiveQuery(async () => {
    const messages = await db.jobMessages.where('[jobId+createdAt]').between([jobId, ''], [jobId, '\uffff']).toArray();
    const authorIds = [...new Set(messages.map((m) => m.authorId))];
    const authors = new Map((await db.users.bulkGet(authorIds)).filter((u): u is UserRow => !!u).map((u) => [u.id, u]));
    return messages.map((message) => ({ message, author: authors.get(message.authorId) }));
  }, [db, jobId]);
}

/** Items still open at a site: what the next visit should know about. */
export function useOpenItemsAtSite(db: AppDb, siteId: string | undefined): OutstandingItemRow[] | undefined {
  return useLiveQuery(async () => {
    if (!siteId) return [];
    const items = await db.outstandingItems.where('siteId').equals(siteId).toArray();
    return items
      .filter((item) => item.status === 'open' || item.status === 'in_progress')
      .sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'));
  }, [db, siteId]);
}
