import { z } from 'zod';
import { queryNumber } from '../query-number.ts';
import { idSchema } from '../ids.ts';

const isoDateTime = z.iso.datetime({ offset: true });

/**
 * What an organization's systems can be told about (issue 13), each emitted by the server in the
 * transaction of the change it tells about. docs/webhooks.md describes each payload.
 */
export const WEBHOOK_EVENT_TYPES = [
  'job.created',
  'job.assigned',
  'job.started',
  'job.completed',
  'job.submitted',
  'job.approved',
  'job.sent_back',
  'job.cancelled',
  'item.raised',
  'item.closed',
  'form.submitted',
] as const;
export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof webhookEventTypeSchema>;

export const MAX_WEBHOOK_URL_LENGTH = 2048;
export const MAX_WEBHOOK_DESCRIPTION_LENGTH = 200;

/**
 * An http(s) URL without credentials or fragment. Whether its host may be a private address is
 * decided by the server's setting (WEBHOOK_PRIVATE_TARGETS), at creation and at every delivery.
 */
export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, { message: 'is required' })
  .max(MAX_WEBHOOK_URL_LENGTH, { message: `must be at most ${MAX_WEBHOOK_URL_LENGTH} characters` })
  .refine(
    (value) => {
      if (!URL.canParse(value)) return false;
      const url = new URL(value);
      return /^https?:$/.test(url.protocol) && url.hostname !== '' && url.username === '' && url.password === '';
    },
    { message: 'must be an http:// or https:// URL without a user name or password' },
  );

const eventTypesSchema = z
  .array(webhookEventTypeSchema)
  .min(1, { message: 'choose at least one event' })
  .max(WEBHOOK_EVENT_TYPES.length)
  .transform((types) => WEBHOOK_EVENT_TYPES.filter((t) => types.includes(t)));

const descriptionSchema = z
  .string()
  .trim()
  .max(MAX_WEBHOOK_DESCRIPTION_LENGTH, { message: `must be at most ${MAX_WEBHOOK_DESCRIPTION_LENGTH} characters` });

export const webhookCreateSchema = z
  .object({ url: webhookUrlSchema, description: descriptionSchema.default(''), eventTypes: eventTypesSchema })
  .strict();
export type WebhookCreate = z.input<typeof webhookCreateSchema>;

/** A change to a subscription; `enabled: true` switches a disabled one back on (its failures forgotten). */
export const webhookUpdateSchema = z
  .object({
    url: webhookUrlSchema.optional(),
    description: descriptionSchema.optional(),
    eventTypes: eventTypesSchema.optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type WebhookUpdate = z.input<typeof webhookUpdateSchema>;

export const webhookSubscriptionSchema = z.object({
  id: idSchema,
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(webhookEventTypeSchema),
  enabled: z.boolean(),
  /** Why it is off: null while enabled; `failing` when the server switched it off. */
  disabledReason: z.enum(['failing', 'admin']).nullable(),
  disabledAt: isoDateTime.nullable(),
  /** The start of the secret (`whsec_abcd…`), to tell secrets apart; the whole secret is shown once. */
  secretHint: z.string(),
  createdAt: isoDateTime,
});
export type WebhookSubscription = z.infer<typeof webhookSubscriptionSchema>;

export const webhookSubscriptionsSchema = z.object({ subscriptions: z.array(webhookSubscriptionSchema) });

/** A subscription as it is created or its secret rotated: the only time the secret is shown. */
export const webhookWithSecretSchema = z.object({ subscription: webhookSubscriptionSchema, secret: z.string() });
export type WebhookWithSecret = z.infer<typeof webhookWithSecretSchema>;

/** `held`: recorded while the webhook was switched off, sent when it is switched on again. */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed', 'cancelled', 'held'] as const;

export const webhookAttemptSchema = z.object({
  at: isoDateTime,
  /** The HTTP status the endpoint answered, or null when there was no answer (see `error`). */
  status: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
});

export const webhookDeliverySchema = z.object({
  id: idSchema,
  /** Newest first; the keyset of the log's pages. */
  seq: z.number().int(),
  /** The event's id: the `webhook-id` header, the same on every attempt and redelivery. */
  eventId: idSchema,
  eventType: webhookEventTypeSchema,
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  createdAt: isoDateTime,
  /** The exact JSON body that was (or will be) signed and sent. */
  body: z.string(),
  attempts: z.array(webhookAttemptSchema),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveriesSchema = z.object({
  deliveries: z.array(webhookDeliverySchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.number().int().nullable(),
});
export type WebhookDeliveries = z.infer<typeof webhookDeliveriesSchema>;

export const webhookDeliveriesQuerySchema = z
  .object({
    before: queryNumber(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional()),
    limit: queryNumber(z.number().int().min(1).max(100).default(25)),
  })
  .strict();
