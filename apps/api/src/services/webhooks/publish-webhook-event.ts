import { and, eq, sql } from 'drizzle-orm';
import { newId, type WebhookEventType } from '@lastmile/domain';
import type { AnyTx, PublishedEvent } from '@lastmile/sync/server';
import { webhookDeliveries, webhookEvents, webhookSubscriptions } from '../../db/schema/index.ts';
import type { WebhookQueue } from './webhook-queue.ts';

/**
 * Records an event and queues one delivery per enabled subscription that wants it, all in the
 * caller's transaction (the change's own): the event exists if and only if the change committed.
 * An organization without subscriptions pays one indexed SELECT and nothing else.
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
    .select({ id: webhookSubscriptions.id })
    .from(webhookSubscriptions)
    .where(
      and(
        eq(webhookSubscriptions.orgId, orgId),
        eq(webhookSubscriptions.enabled, true),
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
  }));
  await tx.insert(webhookDeliveries).values(deliveries);
  for (const delivery of deliveries) await queue.enqueue(tx, delivery.id);
}
