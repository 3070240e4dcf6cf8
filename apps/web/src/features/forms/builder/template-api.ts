import { templateDefinitionSchema, type JobTypeFormRulesInput } from '@lastmile/domain';
import { z } from 'zod';
import { apiRequest } from '../../../app/api.ts';

/**
 * The office's REST calls for templates (online only: the builder is a desktop, connected tool).
 * Published versions also replicate to every device (formVersions), so history and diffs are
 * read locally; only the draft, create, publish and job-type rules go through here.
 */
export const templateSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  latestVersion: z.number().int().nullable(),
  hasDraftChanges: z.boolean().optional(),
  updatedAt: z.string(),
});
export type TemplateSummary = z.infer<typeof templateSummarySchema>;

export const templateDetailSchema = z.object({
  id: z.string(),
  name: z.string(),
  draft: templateDefinitionSchema,
  latestVersion: z.number().int().nullable(),
  updatedAt: z.string(),
});
export type TemplateDetail = z.infer<typeof templateDetailSchema>;

const publishedSchema = z.object({ version: z.number().int() }).passthrough();

export const templateApi = {
  list: (signal?: AbortSignal) =>
    apiRequest('/api/form-templates', {
      schema: z.object({ templates: z.array(templateSummarySchema) }),
      ...(signal ? { signal } : {}),
    }),
  get: (id: string, signal?: AbortSignal) =>
    apiRequest(`/api/form-templates/${encodeURIComponent(id)}`, {
      schema: templateDetailSchema,
      ...(signal ? { signal } : {}),
    }),
  create: (name: string, definition?: unknown) =>
    apiRequest('/api/form-templates', {
      method: 'POST',
      body: definition === undefined ? { name } : { name, definition },
      schema: templateDetailSchema,
    }),
  /** `baseUpdatedAt`: the draft as this editor last saw it; someone else's save since is a 409, not overwritten. */
  saveDraft: (id: string, name: string, definition: unknown, baseUpdatedAt: string) =>
    apiRequest(`/api/form-templates/${encodeURIComponent(id)}/draft`, {
      method: 'PUT',
      body: { name, definition, baseUpdatedAt },
      schema: templateDetailSchema,
    }),
  /** Publishes the draft this editor last saw, or is refused (409) if someone saved another since. */
  publish: (id: string, baseUpdatedAt: string) =>
    apiRequest(`/api/form-templates/${encodeURIComponent(id)}/publish`, {
      method: 'POST',
      body: { baseUpdatedAt },
      schema: publishedSchema,
    }),
  /** Sets a job type's rules, or is refused (409) if they changed since `rules.base` was read. */
  saveRules: (jobTypeId: string, rules: JobTypeFormRulesInput) =>
    apiRequest(`/api/job-types/${encodeURIComponent(jobTypeId)}/form-rules`, {
      method: 'PUT',
      body: rules,
      schema: z.unknown(),
    }),
};
