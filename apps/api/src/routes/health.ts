import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ZodTypeProvider } from '../plugins/zod-schemas.ts';

const statusSchema = z.object({ status: z.enum(['ok', 'ready', 'unavailable']) });

/** Liveness (the process answers) and readiness (the database answers), for load balancers. */
export async function healthRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const publicRoute = { public: true } as const;

  app.get(
    '/api/health',
    { config: publicRoute, schema: { tags: ['health'], security: [], response: { 200: statusSchema } } },
    async () => ({
      status: 'ok' as const,
    }),
  );

  app.get(
    '/api/ready',
    {
      config: publicRoute,
      schema: { tags: ['health'], security: [], response: { 200: statusSchema, 503: statusSchema } },
    },
    async (request, reply) => {
      try {
        await app.db.execute(sql`select 1`);
        return { status: 'ready' as const };
      } catch (error) {
        request.log.error({ err: error }, 'readiness check: database unavailable');
        return reply.status(503).send({ status: 'unavailable' });
      }
    },
  );
}
