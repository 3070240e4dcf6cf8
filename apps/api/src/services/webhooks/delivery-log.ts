import { and, asc, desc, eq, inArray, lt, ne } from 'drizzle-orm';
import { AppError, ERROR_CODES, type WebhookDeliveries } from '@lastmile/domain';
import type { AnyDb } from '@lastmile/sync/server';
import { webhookAttempts, webhookDeliveries, webhookEvents } from '../../db/schema/index.ts';
import { findSubscriptionRow } from './subscriptions.ts';
import type { WebhookQueue } from './webhook-queue.ts';

/** A subscription's deliveries, newest first, each with its attempts and the body it sends. */
export async function findDeliveries(
  db: AnyDb,
  orgId: string,
  subscriptionId: string,
  page: { before?: number | undefined; limit: number },
): Promise<WebhookDeliveries> {
  await findSubscriptionRow(db, orgId, subscriptionId);
  const rows = await db
    .select({
      id: webhookDeliveries.id,
      seq: webhookDeliveries.seq,
      status: webhookDeliveries.status,
      createdAt: webhookDeliveries.createdAt,
      eventId: webhookEvents.id,
      eventType: webhookEvents.type,
      body: webhookEvents.body,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(
      and(
        eq(webhookDeliveries.subscriptionId, subscriptionId),
        page.before === undefined ? undefined : lt(webhookDeliveries.seq, page.before),
      ),
    )
    .orderBy(desc(webhookDeliveries.seq))
    .limit(page.limit + 1);
  const shown = rows.slice(0, page.limit);
  const attempts = shown.length
    ? await db
        .select()
        .from(webhookAttempts)
        .where(
          inArray(
            webhookAttempts.deliveryId,
            shown.map((r) => r.id),
          ),
        )
        .orderBy(asc(webhookAttempts.id))
    : [];
  return {
    deliveries: shown.map((r) => ({
      id: r.id,
      seq: r.seq,
      eventId: r.eventId,
      eventType: r.eventType,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      body: r.body,
      attempts: attempts
        .filter((a) => a.deliveryId === r.id)
        .map((a) => ({ at: a.at.toISOString(), status: a.status, error: a.error, durationMs: a.durationMs })),
    })),
    nextBefore: rows.length > page.limit ? (shown.at(-1)?.seq ?? null) : null,
  };
}

/**
 * Sends a delivery again (same event id and body, new signature and timestamp), with a fresh
 * round of retries. Refused while it is still pending (it is being worked already) and while the
 * subscription is switched off.
 */
export async function redeliver(
  db: AnyDb,
  queue: WebhookQueue,
  orgId: string,
  subscriptionId: string,
  deliveryId: string,
): Promise<void> {
  const subscription = await findSubscriptionRow(db, orgId, subscriptionId);
  if (!subscription.enabled) {
    throw new AppError(
      ERROR_CODES.conflict,
      'This webhook is switched off; switch it on before sending again.',
      undefined,
      {
        key: 'webhooks.disabled',
      },
    );
  }
  await queue.start();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhookDeliveries)
      .set({ status: 'pending', updatedAt: new Date() })
      .where(
        and(
          eq(webhookDeliveries.id, deliveryId),
          eq(webhookDeliveries.subscriptionId, subscriptionId),
          ne(webhookDeliveries.status, 'pending'),
        ),
      )
      .returning({ id: webhookDeliveries.id });
    if (!row) {
      const [exists] = await tx
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.subscriptionId, subscriptionId)));
      if (!exists) throw new AppError(ERROR_CODES.notFound, 'This delivery does not exist.');
      throw new AppError(ERROR_CODES.conflict, 'This delivery is still being sent.', undefined, {
        key: 'webhooks.pending',
      });
    }
    await queue.enqueue(tx, row.id);
  });
}
