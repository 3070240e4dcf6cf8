import type { FastifyInstance } from 'fastify';
import { peopleSearchQuerySchema, peopleSearchSchema, type PeopleSearch } from '@lastmile/domain';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';
import { searchPeople } from '../../services/people/search-people.ts';

/**
 * People of the organization by name, for any signed-in member: a phone holds its own team's
 * people and the office's (ADR 0051), and its mention and owner pickers find anyone else here
 * while online. Only what a picker shows — name, role, team — of active people, a page at most.
 */
export async function peopleRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/people/search',
    {
      schema: {
        tags: ['people'],
        summary: 'Active people of the organization whose name contains the text, for mention and owner pickers',
        querystring: peopleSearchQuerySchema,
        response: { 200: peopleSearchSchema },
      },
    },
    async (request): Promise<PeopleSearch> => ({
      people: await searchPeople(app.db, request.actor.orgId, request.query),
    }),
  );
}
