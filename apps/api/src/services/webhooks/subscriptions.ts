import { lookup } from 'node:dns/promises';
import { and, asc, eq } from 'drizzle-orm';
import {
  AppError,
  ERROR_CODES,
  newId,
  type webhookCreateSchema,
  type webhookUpdateSchema,
  type WebhookSubscription,
} from '@lastmile/domain';
import type { z } from 'zod';
import type { AnyDb, DbOrTx } from '@lastmile/sync/server';
import { webhookSubscriptions } from '../../db/schema/index.ts';
import type { WebhooksConfig } from '../../env.ts';
import { isPrivateAddress, literalAddress } from './address-guard.ts';
import { releaseHeldDeliveries } from './publish-webhook-event.ts';
import { generateWebhookSecret, secretHint } from './signature.ts';
import type { WebhookQueue } from './webhook-queue.ts';

type Row = typeof webhookSubscriptions.$inferSelect;

export function toSubscription(row: Row): WebhookSubscription {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    secretHint: secretHint(row.secret),
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Refuses, up front, an endpoint the delivery guard would refuse anyway (a private address while
 * WEBHOOK_PRIVATE_TARGETS is `refuse`), so the admin hears it now and not a day later. A name
 * that does not resolve yet is accepted: every delivery resolves and checks it again.
 */
export async function assertAllowedTarget(url: string, config: WebhooksConfig): Promise<void> {
  if (config.privateTargets === 'allow') return;
  const parsed = new URL(url);
  const literal = literalAddress(parsed);
  const addresses = literal
    ? [literal]
    : await lookup(parsed.hostname, { all: true }).then(
        (found) => found.map((a) => a.address),
        () => [],
      );
  if (addresses.some(isPrivateAddress)) {
    throw new AppError(
      ERROR_CODES.validation,
      'This server does not send webhooks to private, loopback or link-local addresses.',
      [{ path: 'url', message: 'is a private, loopback or link-local address' }],
      { key: 'webhooks.privateTarget' },
    );
  }
}

/** Whether any organization subscribes to anything (then every process must be able to enqueue). */
export async function hasSubscriptions(db: DbOrTx): Promise<boolean> {
  const [row] = await db.select({ id: webhookSubscriptions.id }).from(webhookSubscriptions).limit(1);
  return row !== undefined;
}

export async function listSubscriptions(db: DbOrTx, orgId: string): Promise<WebhookSubscription[]> {
  const rows = await db
    .select()
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.orgId, orgId))
    .orderBy(asc(webhookSubscriptions.createdAt), asc(webhookSubscriptions.id));
  return rows.map(toSubscription);
}

export async function createSubscription(
  db: DbOrTx,
  actor: { orgId: string; userId: string },
  input: z.output<typeof webhookCreateSchema>,
): Promise<{ subscription: WebhookSubscription; secret: string }> {
  const secret = generateWebhookSecret();
  const [row] = await db
    .insert(webhookSubscriptions)
    .values({
      id: newId(),
      orgId: actor.orgId,
      url: input.url,
      description: input.description,
      eventTypes: input.eventTypes,
      secret,
      createdBy: actor.userId,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return { subscription: toSubscription(row), secret };
}

/** The organization's subscription, or 404 (another organization's id is not found either). */
async function findRow(db: DbOrTx, orgId: string, id: string): Promise<Row> {
  const [row] = await db
    .select()
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.orgId, orgId)));
  if (!row) throw new AppError(ERROR_CODES.notFound, 'This webhook does not exist.');
  return row;
}

/**
 * Changes a subscription. Switched on again, its held deliveries (the events while it was off) are
 * queued in the same transaction (`releaseHeldDeliveries`).
 */
export async function updateSubscription(
  db: AnyDb,
  queue: WebhookQueue,
  orgId: string,
  id: string,
  patch: z.output<typeof webhookUpdateSchema>,
): Promise<WebhookSubscription> {
  return db.transaction(async (tx) => {
    const before = await findRow(tx, orgId, id);
    const now = new Date();
    const switchedOn = patch.enabled === true && !before.enabled;
    const switched =
      patch.enabled === undefined || patch.enabled === before.enabled
        ? {}
        : patch.enabled
          ? { enabled: true, disabledReason: null, disabledAt: null }
          : { enabled: false, disabledReason: 'admin' as const, disabledAt: now };
    const [row] = await tx
      .update(webhookSubscriptions)
      .set({
        ...(patch.url === undefined ? {} : { url: patch.url }),
        ...(patch.description === undefined ? {} : { description: patch.description }),
        ...(patch.eventTypes === undefined ? {} : { eventTypes: patch.eventTypes }),
        ...switched,
        updatedAt: now,
      })
      .where(eq(webhookSubscriptions.id, before.id))
      .returning();
    if (!row) throw new AppError(ERROR_CODES.notFound, 'This webhook does not exist.');
    if (switchedOn) await releaseHeldDeliveries(tx, queue, row.id);
    return toSubscription(row);
  });
}

/** A new secret, shown once; the old one stops working at once (receivers must be updated). */
export async function rotateSecret(
  db: DbOrTx,
  orgId: string,
  id: string,
): Promise<{ subscription: WebhookSubscription; secret: string }> {
  const before = await findRow(db, orgId, id);
  const secret = generateWebhookSecret();
  const [row] = await db
    .update(webhookSubscriptions)
    .set({ secret, updatedAt: new Date() })
    .where(eq(webhookSubscriptions.id, before.id))
    .returning();
  if (!row) throw new AppError(ERROR_CODES.notFound, 'This webhook does not exist.');
  return { subscription: toSubscription(row), secret };
}

/** Deletes the subscription with its delivery log; its queued deliveries find nothing and end. */
export async function deleteSubscription(db: DbOrTx, orgId: string, id: string): Promise<void> {
  const before = await findRow(db, orgId, id);
  await db.delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, before.id));
}

export { findRow as findSubscriptionRow };
