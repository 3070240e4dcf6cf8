import { and, eq, sql } from 'drizzle-orm';
import { newId, type WebhookEventType } from '@lastmile/domain';
import type { AnyTx, PublishedEvent } from '@lastmile/sync/server';
import { webhookDeliveries, webhookEvents, webhookSubscriptions } from '../../db/schema/index.ts';
import type { WebhookQueue } from './webhook-queue.ts';

/**
 * Records an event and queues one delivery per enabled subscription that wants it, all in the
 * caller's transaction (the change's own): the event exists if and only if the change committed.
 * A switched-off subscription that wants it gets the delivery too, `held`: it is sent when the
 * webhook is switched on again (`releaseHeldDeliveries`), so an integrator whose endpoint was
 * down, or who paused it, misses nothing (found by an outsider integrator: those events were
 * lost, and not even in the log to send again). An organization without subscriptions pays one
 * indexed SELECT and nothing else.
 *
 * The body is fixed here, once: every subscription, attempt and redelivery sends the same bytes
 * under the same `webhook-id` (the event's id), so a receiver can drop duplicates.
 */
export async function publishWebhookEvent(
  tx: AnyTx,
  queue: WebhookQueue,
  orgId: string,
  event: PublishedEvent,
): Promise<void> {
  const subscribers = await tx
    .select({ id: webhookSubscriptions.id, enabled: webhookSubscriptions.enabled })
    .from(webhookSubscriptions)
    .where(
      and(
        eq(webhookSubscriptions.orgId, orgId),
        sql`${webhookSubscriptions.eventTypes} @> ${JSON.stringify([event.type])}::jsonb`,
      ),
    );
  if (subscribers.length === 0) return;
  const now = new Date();
  const id = newId();
  const body = JSON.stringify({ type: event.type, timestamp: now.toISOString(), data: event.data });
  await tx.insert(webhookEvents).values({ id, orgId, type: event.type as WebhookEventType, body, createdAt: now });
  const deliveries = subscribers.map((s) => ({
    id: newId(),
    orgId,
    subscriptionId: s.id,
    eventId: id,
    createdAt: now,
    status: s.enabled ? ('pending' as const) : ('held' as const),
  }));
  await tx.insert(webhookDeliveries).values(deliveries);
  for (const delivery of deliveries) if (delivery.status === 'pending') await queue.enqueue(tx, delivery.id);
}

/**
 * A webhook switched on again: its held deliveries (events while it was off, and deliveries that
 * were waiting for a retry when it went off) are queued, oldest first, in the caller's transaction.
 */
export async function releaseHeldDeliveries(tx: AnyTx, queue: WebhookQueue, subscriptionId: string): Promise<number> {
  const held = await tx
    .update(webhookDeliveries)
    .set({ status: 'pending', updatedAt: new Date() })
    .where(and(eq(webhookDeliveries.subscriptionId, subscriptionId), eq(webhookDeliveries.status, 'held')))
    .returning({ id: webhookDeliveries.id, createdAt: webhookDeliveries.createdAt });
  held.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const delivery of held) await queue.enqueue(tx, delivery.id);
  return held.length;
}
