import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { reviewQueuePageSchema, reviewSettingsSchema, type ReviewQueueQuery } from '@lastmile/domain';
import { apiRequest, queryString } from '../../app/api.ts';

/** One page of the review queue (REST: the office is online at a desk; the decisions are sync mutations). */
export function useReviewQueue(query: Partial<ReviewQueueQuery>) {
  const qs = queryString(query);
  return useQuery({
    queryKey: ['review-queue', qs],
    queryFn: ({ signal }) => apiRequest(`/api/review/queue?${qs}`, { schema: reviewQueuePageSchema, signal }),
    placeholderData: keepPreviousData,
    retry: false,
    networkMode: 'always',
  });
}

/**
 * Who reviews in this organization. Offline (or before it arrives) the default, office review,
 * is assumed: the server decides in any case.
 */
export function useReviewSettings() {
  return useQuery({
    queryKey: ['review-settings'],
    queryFn: ({ signal }) => apiRequest('/api/admin/settings/review', { schema: reviewSettingsSchema, signal }),
    retry: false,
    staleTime: 60_000,
    networkMode: 'always',
  });
}
