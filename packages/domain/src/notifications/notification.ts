import { z } from 'zod';
import { idSchema } from '../ids.ts';

const isoDateTime = z.iso.datetime({ offset: true });

/** Why a person is told (R7): what happened to their work, or that someone needs them. */
export const NOTIFICATION_KINDS = [
  'assigned',
  'reassigned_away',
  'message',
  'mentioned',
  'sent_back',
  'webhook_disabled',
  /** An open outstanding item of yours is due today, or past its due date (once per due date). */
  'item_due',
  'item_overdue',
] as const;
export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

/**
 * One entry of a person's inbox. Written by the server in the same transaction as the change it
 * tells about, replicated only to its recipient (scope `user:<id>`), so it is readable offline.
 * `body` is what the person needs without opening the job: the handoff note, the message, the
 * reviewer's comment.
 */
export const notificationRowSchema = z.object({
  id: idSchema,
  orgId: idSchema,
  userId: idSchema,
  kind: notificationKindSchema,
  jobId: idSchema.nullable(),
  /** Who did it (null: the system). */
  actorId: idSchema.nullable(),
  body: z.string(),
  createdAt: isoDateTime,
  readAt: isoDateTime.nullable(),
});
export type NotificationRow = z.infer<typeof notificationRowSchema>;

/** Marks the caller's own notifications read (others' ids are ignored, not refused: nothing to leak). */
export const markNotificationsReadArgs = z.object({
  ids: z.array(idSchema).min(1, { message: 'name at least one notification' }).max(500),
});

/**
 * The people a message mentions: `@` followed by a person's full name, any case, the longest
 * name first (so "@Ann Lee" is not read as "@Ann"). Names are the organization's people.
 */
export function mentionedPeople<P extends { id: string; name: string }>(body: string, people: readonly P[]): P[] {
  const text = body.toLocaleLowerCase();
  const found = new Map<string, P>();
  const byLength = [...people].filter((p) => p.name.trim()).sort((a, b) => b.name.length - a.name.length);
  let taken = text;
  for (const person of byLength) {
    const needle = `@${person.name.trim().toLocaleLowerCase()}`;
    let at = taken.indexOf(needle);
    while (at !== -1) {
      const after = taken.charAt(at + needle.length);
      if (!/[\p{L}\p{N}]/u.test(after)) {
        found.set(person.id, person);
        // Blank the match out, so a shorter name inside it is not found again.
        taken = taken.slice(0, at) + ' '.repeat(needle.length) + taken.slice(at + needle.length);
      }
      at = taken.indexOf(needle, at + 1);
    }
  }
  return [...found.values()];
}
