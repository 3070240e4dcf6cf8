import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { driftReportSchema, type DriftQuery } from '@lastmile/domain';
import { apiRequest, queryString } from '../../app/api.ts';

/** The drift report is computed on the server from every job of the period: online only. */
export function useDriftReport(query: Partial<DriftQuery>) {
  const qs = queryString(query);
  return useQuery({
    queryKey: ['drift', qs],
    queryFn: ({ signal }) => apiRequest(`/api/drift?${qs}`, { schema: driftReportSchema, signal }),
    placeholderData: keepPreviousData,
    retry: false,
    networkMode: 'always',
  });
}
