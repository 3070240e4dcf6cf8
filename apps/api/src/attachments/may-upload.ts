import { and, eq } from 'drizzle-orm';
import type { Actor, AttachmentRow } from '@lastmile/domain';
import type { DbOrTx } from '@lastmile/sync/server';
import { onSameDevice } from '../auth/crew-sessions.ts';
import { attachments, sessions, syncClients } from '../db/schema/index.ts';

export type Uploader = { actor: Actor; tokenHash: string };

/**
 * Whether the session `tokenHash` is the own session of the device whose push recorded the photo:
 * that device's sync client belongs to this person, in this organization, and the session syncs
 * with it. A crew member's photo stays in that phone's upload queue after they leave its crew.
 */
async function recordedOnCallersDevice(db: DbOrTx, { actor, tokenHash }: Uploader, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: attachments.id })
    .from(attachments)
    .innerJoin(syncClients, eq(syncClients.clientId, attachments.clientId))
    .innerJoin(sessions, eq(sessions.clientId, attachments.clientId))
    .where(
      and(
        eq(attachments.id, id),
        eq(attachments.orgId, actor.orgId),
        eq(syncClients.orgId, actor.orgId),
        eq(syncClients.userId, actor.userId),
        eq(sessions.tokenHash, tokenHash),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * Who may send a photo's bytes (ADR 0017, 0033): the person who took it; the phone they took it on
 * while they are in its crew; and that phone's own session after they left it — the record came
 * from that phone, and the bytes are checked against the record's size, type and SHA-256 anyway.
 * Anyone else (another device of the same person, a colleague's session) is refused.
 */
export async function mayUpload(db: DbOrTx, uploader: Uploader, record: AttachmentRow): Promise<boolean> {
  const { actor, tokenHash } = uploader;
  if (record.capturedBy === actor.userId) return true;
  if (await onSameDevice(db, { orgId: actor.orgId, tokenHash, userId: record.capturedBy })) return true;
  return recordedOnCallersDevice(db, uploader, record.id);
}
