import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '@lastmile/sync/server';
import { requireRole } from '../../plugins/require-role.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';

const refusedChangeSchema = z.object({
  clientId: z.string(),
  mutationId: z.number(),
  name: z.string(),
  args: z.unknown(),
  code: z.string(),
  reason: z.string(),
  processedAt: z.string(),
  by: z.object({ id: z.string(), name: z.string() }),
  job: z.object({ id: z.string(), number: z.string(), assigneeName: z.string().nullable() }).nullable(),
});

/**
 * Sync principle 8: changes the server refused (a technician's offline work on a job that was
 * reassigned away, a lost reassignment race) are kept, and the lead of the team (or the office)
 * reviews them here instead of them vanishing.
 */
export async function refusedReviewRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/sync/refused',
    {
      onRequest: requireRole('lead', 'office', 'admin'),
      schema: {
        tags: ['sync'],
        summary: 'Refused changes for the lead (their team) or the office (the organization) to review',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ items: z.array(refusedChangeSchema) }) },
      },
    },
    async (request) => {
      const { actor } = request;
      const teamOnly = actor.role === 'lead';
      const rows = await queryRows<{
        client_id: string;
        mutation_id: string | number;
        name: string;
        args: unknown;
        code: string;
        reason: string;
        processed_at: Date | string;
        user_id: string;
        user_name: string;
        job_id: string | null;
        job_number: string | null;
        assignee_name: string | null;
      }>(
        app.db,
        sql`select r.client_id, r.mutation_id, r.name, r.args, r.code, r.reason, r.processed_at,
                   u.id as user_id, u.name as user_name, j.id as job_id, j.number as job_number, a.name as assignee_name
            from sync_mutation_results r
            join users u on u.id = r.user_id
            left join form_responses fr on fr.org_id = r.org_id and fr.id::text = r.args->>'responseId'
            left join jobs j on j.org_id = r.org_id and j.id::text = coalesce(r.args->>'jobId', fr.job_id::text)
            left join users a on a.id = j.assignee_id
            where r.org_id = ${actor.orgId}
              ${teamOnly ? sql`and (j.team_id = ${actor.teamId} or u.team_id = ${actor.teamId})` : sql``}
            order by r.processed_at desc
            limit ${request.query.limit}`,
      );
      return {
        items: rows.map((r) => ({
          clientId: r.client_id,
          mutationId: Number(r.mutation_id),
          name: r.name,
          args: r.args,
          code: r.code,
          reason: r.reason,
          processedAt: new Date(r.processed_at).toISOString(),
          by: { id: r.user_id, name: r.user_name },
          job: r.job_id ? { id: r.job_id, number: r.job_number ?? '', assigneeName: r.assignee_name } : null,
        })),
      };
    },
  );
}
