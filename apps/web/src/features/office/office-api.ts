import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  customerRowSchema,
  importPreviewSchema,
  importResultSchema,
  jobsPageSchema,
  jobTypeRowSchema,
  siteRowSchema,
  type CustomerInput,
  type ImportPreview,
  type ImportResult,
  type JobsQuery,
  type JobTypeInput,
  type SiteInput,
  type SiteUpdate,
} from '@lastmile/domain';
import { apiRequest, queryString } from '../../app/api.ts';

/** The query string of GET /api/jobs (and of the export of the same filter). */
export const jobsQueryString = (query: Partial<JobsQuery>): string => queryString(query);

/** One page of the server-side jobs table; the previous page stays on screen while the next loads. */
export function useJobsPage(query: Partial<JobsQuery>) {
  const qs = jobsQueryString(query);
  return useQuery({
    queryKey: ['jobs-page', qs],
    queryFn: ({ signal }) => apiRequest(`/api/jobs?${qs}`, { schema: jobsPageSchema, signal }),
    placeholderData: keepPreviousData,
    retry: false,
    // Offline, fail at once (and say so) rather than wait paused for a connection.
    networkMode: 'always',
  });
}

export const officeApi = {
  createCustomer: (body: CustomerInput) =>
    apiRequest('/api/customers', { method: 'POST', body, schema: customerRowSchema }),
  updateCustomer: (id: string, body: CustomerInput) =>
    apiRequest(`/api/customers/${id}`, { method: 'PATCH', body, schema: customerRowSchema }),
  createSite: (body: SiteInput) => apiRequest('/api/sites', { method: 'POST', body, schema: siteRowSchema }),
  updateSite: (id: string, body: SiteUpdate) =>
    apiRequest(`/api/sites/${id}`, { method: 'PATCH', body, schema: siteRowSchema }),
  createJobType: (body: JobTypeInput) =>
    apiRequest('/api/job-types', { method: 'POST', body, schema: jobTypeRowSchema }),
  updateJobType: (id: string, body: JobTypeInput) =>
    apiRequest(`/api/job-types/${id}`, { method: 'PATCH', body, schema: jobTypeRowSchema }),
  previewImport: (csv: string, timeZone: string): Promise<ImportPreview> =>
    apiRequest('/api/jobs/import/preview', { method: 'POST', body: { csv, timeZone }, schema: importPreviewSchema }),
  commitImport: (csv: string, timeZone: string, onlyValid: boolean): Promise<ImportResult> =>
    apiRequest('/api/jobs/import/commit', {
      method: 'POST',
      body: { csv, timeZone, onlyValid },
      schema: importResultSchema,
    }),
};
