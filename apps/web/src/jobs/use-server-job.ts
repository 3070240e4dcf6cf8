import { useQuery } from '@tanstack/react-query';
import { jobReportSchema, jobReportUrl } from '@lastmile/domain';
import { apiRequest } from '../app/api.ts';

/**
 * A job as the server holds it, from its inspection report's data (GET /api/jobs/:id/report.json:
 * the job, customer, site, technician, forms with answers, photos, items, reviews, approval), for a
 * job that is not on this device (ADR 0041). The server decides who may read it (the sync
 * scopes); `enabled` is false while the device may still have it or there is no connection.
 */
export function useServerJob(jobId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['job-report', jobId],
    queryFn: ({ signal }) => apiRequest(jobReportUrl(jobId, 'json'), { schema: jobReportSchema, signal }),
    enabled,
    retry: false,
    // Offline, fail at once (and say so) rather than wait paused for a connection.
    networkMode: 'always',
  });
}
