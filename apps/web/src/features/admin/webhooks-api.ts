import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import {
  webhookDeliveriesSchema,
  webhookSubscriptionSchema,
  webhookSubscriptionsSchema,
  webhookWithSecretSchema,
  type WebhookCreate,
  type WebhookUpdate,
} from '@lastmile/domain';
import { z } from 'zod';
import { apiRequest } from '../../app/api.ts';

const online = { retry: false, networkMode: 'always' } as const;

export const webhookKeys = {
  list: ['admin', 'webhooks'] as const,
  deliveries: (id: string) => ['admin', 'webhooks', id, 'deliveries'] as const,
};

export function useWebhooks() {
  return useQuery({
    queryKey: webhookKeys.list,
    queryFn: ({ signal }) => apiRequest('/api/admin/webhooks', { schema: webhookSubscriptionsSchema, signal }),
    ...online,
  });
}

/** A subscription's delivery log, newest first, a page of 25 at a time. */
export function useWebhookDeliveries(id: string) {
  return useInfiniteQuery({
    queryKey: webhookKeys.deliveries(id),
    initialPageParam: null as number | null,
    queryFn: ({ pageParam, signal }) =>
      apiRequest(`/api/admin/webhooks/${id}/deliveries${pageParam === null ? '' : `?before=${pageParam}`}`, {
        schema: webhookDeliveriesSchema,
        signal,
      }),
    getNextPageParam: (last) => last.nextBefore,
    ...online,
  });
}

export const webhookApi = {
  create: (body: WebhookCreate) =>
    apiRequest('/api/admin/webhooks', { method: 'POST', body, schema: webhookWithSecretSchema }),
  update: (id: string, body: WebhookUpdate) =>
    apiRequest(`/api/admin/webhooks/${id}`, { method: 'PATCH', body, schema: webhookSubscriptionSchema }),
  remove: (id: string) => apiRequest(`/api/admin/webhooks/${id}`, { method: 'DELETE', schema: z.null() }),
  rotateSecret: (id: string) =>
    apiRequest(`/api/admin/webhooks/${id}/rotate-secret`, { method: 'POST', schema: webhookWithSecretSchema }),
  redeliver: (id: string, deliveryId: string) =>
    apiRequest(`/api/admin/webhooks/${id}/deliveries/${deliveryId}/redeliver`, {
      method: 'POST',
      schema: z.object({ queued: z.literal(true) }),
    }),
};
