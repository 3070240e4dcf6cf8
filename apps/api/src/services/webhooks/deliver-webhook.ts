import { and, eq } from 'drizzle-orm';
import { writeInOrg } from '@lastmile/sync/server';
import type { Db } from '../../db/client.ts';
import {
  users,
  webhookAttempts,
  webhookDeliveries,
  webhookEvents,
  webhookSubscriptions,
} from '../../db/schema/index.ts';
import type { WebhooksConfig } from '../../env.ts';
import { notify } from '../notify.ts';
import { isSuccess, sendWebhook } from './send-webhook.ts';
import { webhookHeaders } from './signature.ts';

/** Thrown to have pg-boss retry the attempt later; the attempt itself is already in the log. */
export class DeliveryFailed extends Error {
  override name = 'DeliveryFailed';
}

/**
 * One attempt at one delivery (a pg-boss job's handler). The attempt is logged whatever happens;
 * a 2xx answer settles the delivery; anything else throws, so the queue retries it with backoff.
 * When the last retry fails too (more than a day of failures with the default settings), the
 * delivery has failed, the subscription is switched off and the organization's admins are told
 * in their inbox. A delivery that is no longer pending (settled) is not sent again; one whose
 * subscription was switched off meanwhile is held, and sent when it is switched on again.
 */
export async function deliverWebhook(
  db: Db,
  config: WebhooksConfig,
  deliveryId: string,
  attempt: { final: boolean },
): Promise<void> {
  const [row] = await db
    .select({
      status: webhookDeliveries.status,
      orgId: webhookDeliveries.orgId,
      subscriptionId: webhookSubscriptions.id,
      url: webhookSubscriptions.url,
      secret: webhookSubscriptions.secret,
      enabled: webhookSubscriptions.enabled,
      eventId: webhookEvents.id,
      body: webhookEvents.body,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(eq(webhookDeliveries.id, deliveryId));
  if (!row || row.status !== 'pending') return;
  if (!row.enabled) {
    await settle(db, deliveryId, 'held');
    return;
  }
  const headers = webhookHeaders(row.secret, row.eventId, row.body, new Date());
  const result = await sendWebhook(row.url, headers, row.body, {
    timeoutMs: config.timeoutMs,
    privateTargets: config.privateTargets,
  });
  await db.insert(webhookAttempts).values({ deliveryId, ...result });
  if (isSuccess(result)) {
    await settle(db, deliveryId, 'succeeded');
    return;
  }
  if (attempt.final) await giveUp(db, { ...row, deliveryId });
  throw new DeliveryFailed(result.error ?? `the endpoint answered ${result.status}`);
}

async function settle(db: Db, deliveryId: string, status: 'succeeded' | 'held'): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ status, updatedAt: new Date() })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, 'pending')));
}

/** The last retry failed: the delivery is held, and the endpoint is switched off until an admin turns it on. */
async function giveUp(
  db: Db,
  row: { deliveryId: string; orgId: string; subscriptionId: string; url: string },
): Promise<void> {
  await writeInOrg(db, row.orgId, async (tx, recorder) => {
    const now = new Date();
    // Held, not failed: when an admin switches the webhook on again, it is sent with the events
    // that were held while it was off, so the endpoint misses none of them.
    await tx
      .update(webhookDeliveries)
      .set({ status: 'held', updatedAt: now })
      .where(eq(webhookDeliveries.id, row.deliveryId));
    const switchedOff = await tx
      .update(webhookSubscriptions)
      .set({ enabled: false, disabledReason: 'failing', disabledAt: now, updatedAt: now })
      .where(and(eq(webhookSubscriptions.id, row.subscriptionId), eq(webhookSubscriptions.enabled, true)))
      .returning({ id: webhookSubscriptions.id });
    // Told once, by whichever delivery switched it off.
    if (switchedOff.length === 0) return;
    const admins = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.orgId, row.orgId), eq(users.role, 'admin'), eq(users.active, true)));
    await notify(
      tx,
      recorder,
      { orgId: row.orgId, userId: null },
      admins.map((a) => ({ userId: a.id, kind: 'webhook_disabled' as const, jobId: null, body: row.url })),
    );
  });
}
