import type { AppDb } from '../local-db/app-db.ts';

/**
 * How many photos taken by `userId` still wait on this phone for their bytes to be sent. Crew
 * mode counts them before a person leaves (ADR 0033): their photos are sent through this phone's
 * session, and a photo whose record has not even been pushed yet would be refused in their name.
 * A failed upload (a damaged photo, shown on the changes screen) does not wait: no amount of signal
 * sends it, and a retry later is accepted from this phone.
 */
export async function queuedUploadsBy(db: AppDb, userId: string): Promise<number> {
  const waiting = await db._uploads.filter((entry) => entry.state === 'waiting').primaryKeys();
  const records = await db.attachments.bulkGet(waiting);
  return records.filter((record) => record?.capturedBy === userId).length;
}
