import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { refusedChangesQuerySchema, refusedChangesSchema } from '@lastmile/domain';
import { queryRows } from '@lastmile/sync/server';
import { requireRole } from '../../plugins/require-role.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';

/**
 * Sync principle 8: changes the server refused (a technician's offline work on a job that was
 * reassigned away, a lost reassignment race) are kept, and the lead of the team (or the office)
 * reviews them here instead of them vanishing.
 *
 * Each is credited to the person who made it (`actor_id`, ADR 0033): on a crew's phone, the member
 * who held it, not the phone's signed-in person — or a lead chases the wrong technician. Rows from
 * before migration 0023 have none and name the phone's person (`user_id`), as they always did.
 *
 * A lead sees the refusals on their team's jobs, and those made by a person of their team — the
 * maker, not the phone's person, for the same reason: the lead who can act on a refused change
 * (ask the person, have it redone) is the maker's. When a crew mixes teams, the host's lead would
 * otherwise be shown another team's person's change (its `args` carry what they typed) on a job
 * that is not their team's, and the maker's own lead would never see it. A change on the lead's
 * team's job is theirs whoever made it. A refusal whose named maker was not signed in on the phone
 * (`sync.actorNotOnDevice`) is the phone's person's: the name is only the device's claim.
 *
 * A form change names its job through its form: also when it was sent under the id a second
 * device started the form with (an alias of the one form, mutators/forms.ts `startForm`), and when
 * the form was never started because its `startForm` was refused too — then that refused start,
 * by the same client, names the job. Without them a lead could not tell whose work it was.
 *
 * Ids in the arguments are read in lower case (ADR 0049): a change refused for invalid arguments
 * keeps them as the device sent them, and a client that writes upper-case UUIDs (Swift's
 * `uuidString`) had its refusals listed with no job.
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
        querystring: refusedChangesQuerySchema,
        response: { 200: refusedChangesSchema },
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
            join users u on u.id = coalesce(r.actor_id, r.user_id)
            left join form_response_aliases fa on fa.org_id = r.org_id and fa.alias_id::text = lower(r.args->>'responseId')
            left join form_responses fr on fr.org_id = r.org_id
              and fr.id::text = coalesce(fa.response_id::text, lower(r.args->>'responseId'))
            left join lateral (
              select lower(s.args->>'jobId') as job_id from sync_mutation_results s
              where r.args ? 'responseId' and fr.id is null
                and s.client_id = r.client_id and s.name = 'startForm' and lower(s.args->>'id') = lower(r.args->>'responseId')
              limit 1) as refused_start on true
            left join jobs j on j.org_id = r.org_id
              and j.id::text = coalesce(lower(r.args->>'jobId'), fr.job_id::text, refused_start.job_id)
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
