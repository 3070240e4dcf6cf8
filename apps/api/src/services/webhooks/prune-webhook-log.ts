import { and, lt, ne, notExists, eq } from 'drizzle-orm';
import type { DbOrTx } from '@lastmile/sync/server';
import { webhookDeliveries, webhookEvents } from '../../db/schema/index.ts';

/** How long the delivery log keeps a settled delivery: long enough to look into last month's problem. */
export const WEBHOOK_LOG_DAYS = 30;

/**
 * Forgets settled deliveries (with their attempts) not touched for `days`, and events no delivery
 * refers to any more. Pending deliveries are kept whatever their age: they are still being sent.
 * Run daily by the queue (webhook-queue.ts).
 */
export async function pruneWebhookLog(
  db: DbOrTx,
  now = new Date(),
  days = WEBHOOK_LOG_DAYS,
): Promise<{ deliveries: number; events: number }> {
  const cutoff = new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
  const deliveries = await db
    .delete(webhookDeliveries)
    .where(and(ne(webhookDeliveries.status, 'pending'), lt(webhookDeliveries.updatedAt, cutoff)))
    .returning({ id: webhookDeliveries.id });
  const events = await db
    .delete(webhookEvents)
    .where(
      and(
        lt(webhookEvents.createdAt, cutoff),
        notExists(
          db
            .select({ id: webhookDeliveries.id })
            .from(webhookDeliveries)
            .where(eq(webhookDeliveries.eventId, webhookEvents.id)),
        ),
      ),
    )
    .returning({ id: webhookEvents.id });
  return { deliveries: deliveries.length, events: events.length };
}
