import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  fieldKeySchema,
  formAnswerHistoryItemSchema,
  formAnswerRowSchema,
  formVersionRowSchema,
  idParamsSchema,
  idSchema,
  jobTypeFormRulesSchema,
  jobTypeRowSchema,
  queryNumber,
  templateDefinitionSchema,
} from '@lastmile/domain';
import { writeInOrg } from '@lastmile/sync/server';
import { requireRole } from '../../plugins/require-role.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';
import { answerHistory } from '../../services/answer-history.ts';
import {
  TEMPLATE_EXPORT_FORMAT,
  createTemplate,
  diffVersions,
  exportTemplate,
  getTemplate,
  listTemplates,
  listVersions,
  publishTemplate,
  saveDraft,
  setJobTypeFormRules,
} from '../../services/form-templates.ts';

const issueSchema = z.object({ path: z.string(), key: z.string().nullable(), message: z.string() });
const summarySchema = z.object({
  id: idSchema,
  name: z.string(),
  latestVersion: z.number().int().nullable(),
  hasDraftChanges: z.boolean(),
  updatedAt: z.string(),
});
const detailSchema = summarySchema.extend({ draft: templateDefinitionSchema, issues: z.array(issueSchema) });
const name = z
  .string()
  .trim()
  .min(1, { message: 'is required' })
  .max(200, { message: 'must be at most 200 characters' });
/**
 * The draft's `updatedAt` as the editor last loaded or saved it: a save or publish is refused
 * (409) when someone saved the draft since. Without it the last save wins.
 */
const baseUpdatedAt = z.iso.datetime({ offset: true, message: 'must be the draft’s updatedAt' }).optional();
/** The definition is checked by the service (shape on save, everything on publish), with paths into it. */
const draftBodySchema = z.object({ name, definition: z.unknown(), baseUpdatedAt });
const changeSchema = z.object({
  kind: z.enum(['added', 'removed', 'changed', 'moved']),
  target: z.enum(['section', 'field']),
  key: z.string(),
  label: z.string(),
  details: z.array(z.string()),
  summary: z.string(),
});
const exportSchema = z.object({
  format: z.literal(TEMPLATE_EXPORT_FORMAT),
  formatVersion: z.literal(1),
  name,
  definition: z.unknown(),
  exportedAt: z.string().optional(),
});

/**
 * Form templates for the office (online, like the other reference editors): drafts, publish into
 * immutable versions (replicated to every device as `formVersions`), history, diffs, JSON
 * export/import, a job type's form rules; and answer history for leads and the office.
 */
export async function formRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const office = requireRole('office', 'admin');
  const reviewers = requireRole('lead', 'office', 'admin');
  const tags = ['forms'];

  app.get(
    '/api/form-templates',
    {
      onRequest: office,
      schema: {
        tags,
        summary: 'List form templates',
        response: { 200: z.object({ templates: z.array(summarySchema) }) },
      },
    },
    async (request) => ({ templates: await listTemplates(app.db, request.actor.orgId) }),
  );

  app.post(
    '/api/form-templates',
    {
      onRequest: office,
      schema: {
        tags,
        summary: 'Create a template (draft)',
        body: z.object({ name, definition: z.unknown().optional() }),
        response: { 201: detailSchema },
      },
    },
    async (request, reply) => {
      const { orgId, userId } = request.actor;
      const { name: templateName, definition } = request.body;
      const detail = await writeInOrg(app.db, orgId, (tx) =>
        createTemplate(tx, { orgId, userId, name: templateName, ...(definition === undefined ? {} : { definition }) }),
      );
      return reply.status(201).send(detail);
    },
  );

  app.get(
    '/api/form-templates/:id',
    {
      onRequest: office,
      schema: { tags, summary: 'A template with its draft', params: idParamsSchema, response: { 200: detailSchema } },
    },
    async (request) => getTemplate(app.db, request.actor.orgId, request.params.id),
  );

  const saveDraftRoute = async (request: {
    actor: { orgId: string; userId: string };
    params: { id: string };
    body: z.infer<typeof draftBodySchema>;
  }) => {
    const { orgId, userId } = request.actor;
    return writeInOrg(app.db, orgId, (tx) =>
      saveDraft(tx, {
        orgId,
        userId,
        id: request.params.id,
        name: request.body.name,
        definition: request.body.definition,
        ...(request.body.baseUpdatedAt === undefined ? {} : { baseUpdatedAt: request.body.baseUpdatedAt }),
      }),
    );
  };
  app.put(
    '/api/form-templates/:id',
    {
      onRequest: office,
      schema: {
        tags,
        summary: 'Save the draft',
        params: idParamsSchema,
        body: draftBodySchema,
        response: { 200: detailSchema },
      },
    },
    saveDraftRoute,
  );
  app.put(
    '/api/form-templates/:id/draft',
    {
      onRequest: office,
      schema: {
        tags,
        summary: 'Save the draft (same as PUT /api/form-templates/:id)',
        params: idParamsSchema,
        body: draftBodySchema,
        response: { 200: detailSchema },
      },
    },
    saveDraftRoute,
  );

  app.post(
    '/api/form-templates/:id/publish',
    {
      onRequest: office,
      schema: {
        tags,
        summary: 'Publish the draft as the next immutable version (400 with issues if it is not valid)',
        params: idParamsSchema,
        body: z.object({ baseUpdatedAt }).optional(),
        response: { 201: formVersionRowSchema },
      },
    },
    async (request, reply) => {
      const { orgId, userId } = request.actor;
      const base = request.body?.baseUpdatedAt;
      const version = await writeInOrg(app.db, orgId, (tx, recorder) =>
        publishTemplate(tx, recorder, {
          orgId,
          userId,
          id: request.params.id,
          ...(base ? { baseUpdatedAt: base } : {}),
        }),
      );
      return reply.status(201).send(version);
    },
  );

  app.get(
    '/api/form-templates/:id/versions',
    {
      onRequest: office,
      schema: {
        tags,
        summary: 'Who published which version when, with what changed',
        params: idParamsSchema,
        response: {
          200: z.object({
            versions: z.array(
              z.object({
                id: idSchema,
                version: z.number().int(),
                name: z.string(),
                publishedBy: idSchema,
                publishedByName: z.string().nullable(),
                publishedAt: z.string(),
                changes: z.array(z.string()),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({ versions: await listVersions(app.db, request.actor.orgId, request.params.id) }),
  );

  app.get(
    '/api/form-templates/:id/versions/:a/diff/:b',
    {
      onRequest: office,
      schema: {
        tags,
        summary: 'What changed from version a to version b',
        params: z.object({
          id: idSchema,
          // Version numbers are PostgreSQL integers: 99999999999 is no version, not a 500.
          a: queryNumber(z.number().int().positive().max(2_147_483_647)),
          b: queryNumber(z.number().int().positive().max(2_147_483_647)),
        }),
        response: { 200: z.object({ from: z.number().int(), to: z.number().int(), changes: z.array(changeSchema) }) },
      },
    },
    async (request) => diffVersions(app.db, request.actor.orgId, request.params.id, request.params.a, request.params.b),
  );

  app.get(
    '/api/form-templates/:id/export',
    {
      onRequest: office,
      schema: {
        tags,
        summary: 'The draft as a JSON file to share',
        params: idParamsSchema,
        response: { 200: exportSchema },
      },
    },
    async (request, reply) => {
      const file = await exportTemplate(app.db, request.actor.orgId, request.params.id);
      const filename = `${file.name.replace(/[^A-Za-z0-9_-]+/g, '-').toLowerCase() || 'template'}.json`;
      return reply.header('content-disposition', `attachment; filename="${filename}"`).send(file);
    },
  );

  app.post(
    '/api/form-templates/import',
    {
      onRequest: office,
      schema: {
        tags,
        summary: 'Create a template (draft) from an exported JSON file',
        body: exportSchema,
        response: { 201: detailSchema },
      },
    },
    async (request, reply) => {
      const { orgId, userId } = request.actor;
      const detail = await writeInOrg(app.db, orgId, (tx) =>
        createTemplate(tx, { orgId, userId, name: request.body.name, definition: request.body.definition }),
      );
      return reply.status(201).send(detail);
    },
  );

  app.put(
    '/api/job-types/:id/form-rules',
    {
      onRequest: office,
      schema: {
        tags,
        summary: "A job type's template, key fields (1–3) and required fields",
        params: idParamsSchema,
        body: jobTypeFormRulesSchema,
        response: { 200: jobTypeRowSchema },
      },
    },
    async (request) => {
      const { orgId } = request.actor;
      return writeInOrg(app.db, orgId, (tx, recorder) =>
        setJobTypeFormRules(tx, recorder, { ...request.body, orgId, jobTypeId: request.params.id }),
      );
    },
  );

  app.get(
    '/api/form-responses/:id/answers/:key/history',
    {
      onRequest: reviewers,
      schema: {
        tags,
        summary: "An answer's earlier values (lead of the job's team, office)",
        params: z.object({ id: idSchema, key: fieldKeySchema }),
        response: {
          200: z.object({ current: formAnswerRowSchema.nullable(), history: z.array(formAnswerHistoryItemSchema) }),
        },
      },
    },
    async (request) => answerHistory(app.db, request.actor, request.params.id, request.params.key),
  );
}
