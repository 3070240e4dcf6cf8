import { useQuery } from '@tanstack/react-query';
import { jobReportSchema, jobReportUrl, jobThreadSchema } from '@lastmile/domain';
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

/**
 * The same job's thread as the server holds it (GET /api/jobs/:id/thread: messages, handoff notes
 * and their uploaded photos, oldest first), for the read-only view. Its view is drawn only once the
 * job itself has come from the server, so a person who may not see the job gets one "not found".
 */
export function useServerThread(jobId: string) {
  return useQuery({
    queryKey: ['job-thread', jobId],
    queryFn: ({ signal }) => apiRequest(`/api/jobs/${jobId}/thread`, { schema: jobThreadSchema, signal }),
    retry: false,
    networkMode: 'always',
  });
}
