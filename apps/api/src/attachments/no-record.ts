import { and, eq, sql } from 'drizzle-orm';
import { AppError, ERROR_CODES } from '@lastmile/domain';
import { queryRows, type DbOrTx } from '@lastmile/sync/server';
import { attachments } from '../db/schema/index.ts';

/**
 * Why an upload names a photo the server holds no record of, as the 404 it gets: the record was
 * deleted, or refused when it was pushed — then there is nothing to upload, and a client should
 * stop — or it has not arrived yet, and the client syncs first. One message for all three sent
 * clients that followed its advice ("sync first") into retrying for ever (found by an outsider
 * tester). The key (`photo.deleted`, `photo.refused`, `photo.noRecordYet`) tells them apart.
 */
export async function noRecordError(db: DbOrTx, orgId: string, id: string): Promise<AppError> {
  const [deleted] = await db
    .select({ id: attachments.id })
    .from(attachments)
    .where(and(eq(attachments.id, id), eq(attachments.orgId, orgId), eq(attachments.state, 'deleted')));
  if (deleted) {
    return new AppError(ERROR_CODES.notFound, 'This photo was deleted: there is nothing to upload.', undefined, {
      key: 'photo.deleted',
    });
  }
  const [refused] = await queryRows<{ reason: string }>(
    db,
    sql`select reason from sync_mutation_results
        where org_id = ${orgId} and name = 'addAttachment' and args->>'id' = ${id}
        order by processed_at desc limit 1`,
  );
  if (refused) {
    return new AppError(
      ERROR_CODES.notFound,
      `This photo's record was refused (${refused.reason}): there is nothing to upload.`,
      undefined,
      { key: 'photo.refused', params: { reason: refused.reason } },
    );
  }
  return new AppError(
    ERROR_CODES.notFound,
    "This photo's record has not reached the server (yet): sync first, then upload its bytes.",
    undefined,
    { key: 'photo.noRecordYet' },
  );
}
