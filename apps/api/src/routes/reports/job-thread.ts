import type { FastifyInstance } from 'fastify';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { idSchema, jobPeopleSchema, jobThreadSchema, type JobPeople, type JobThread } from '@lastmile/domain';
import { attachments, jobMessages, users } from '../../db/schema/index.ts';
import type { ZodTypeProvider } from '../../plugins/zod-schemas.ts';
import { findReportJob } from '../../services/reports/find-report-job.ts';
import { jobPeople } from '../../services/reports/job-people.ts';

const params = z.object({ id: idSchema });

/**
 * A job's thread (handoff notes, questions, replies and their photos) for whoever sees the job
 * (the sync scopes, as its report): the job screen shows it read only for a job that is not on
 * the device (ADR 0041). Not in the report itself: the report goes to customers, the thread is
 * the crew's and the office's.
 */
export async function jobThreadRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/jobs/:id/thread',
    {
      schema: {
        tags: ['reports'],
        summary: "A job's thread: its messages and handoff notes, oldest first, with their photos",
        params,
        response: { 200: jobThreadSchema },
      },
    },
    async (request): Promise<JobThread> => {
      const { job } = await findReportJob(app.db, request.actor, request.params.id);
      const messages = await app.db
        .select({
          id: jobMessages.id,
          kind: jobMessages.kind,
          body: jobMessages.body,
          createdAt: jobMessages.createdAt,
          author: users.name,
        })
        .from(jobMessages)
        .leftJoin(users, and(eq(users.id, jobMessages.authorId), eq(users.orgId, jobMessages.orgId)))
        .where(and(eq(jobMessages.jobId, job.id), eq(jobMessages.orgId, job.orgId)))
        .orderBy(asc(jobMessages.createdAt), asc(jobMessages.id));
      const photos =
        messages.length === 0
          ? []
          : await app.db
              .select({ id: attachments.id, messageId: attachments.messageId })
              .from(attachments)
              .where(
                and(
                  eq(attachments.orgId, job.orgId),
                  eq(attachments.kind, 'message'),
                  eq(attachments.state, 'available'),
                  inArray(
                    attachments.messageId,
                    messages.map((m) => m.id),
                  ),
                ),
              )
              .orderBy(asc(attachments.capturedAt), asc(attachments.id));
      const byMessage = new Map<string, string[]>();
      for (const photo of photos) {
        if (photo.messageId) byMessage.set(photo.messageId, [...(byMessage.get(photo.messageId) ?? []), photo.id]);
      }
      return {
        messages: messages.map((m) => ({
          id: m.id,
          kind: m.kind === 'handoff' ? 'handoff' : 'message',
          body: m.body,
          createdAt: m.createdAt.toISOString(),
          author: m.author,
          photoIds: byMessage.get(m.id) ?? [],
        })),
      };
    },
  );

  // Names for the people a job's rows mention, for a phone that does not hold them: a job handed
  // over from another team names its earlier crew (ADR 0051). Whoever sees the job sees them.
  app.get(
    '/api/jobs/:id/people',
    {
      schema: {
        tags: ['reports'],
        summary: "The people a job's rows name (assignee, thread, answers, photos, reviews, items), with their names",
        params,
        response: { 200: jobPeopleSchema },
      },
    },
    async (request): Promise<JobPeople> => {
      const { job } = await findReportJob(app.db, request.actor, request.params.id);
      return { people: await jobPeople(app.db, job.orgId, job.id) };
    },
  );
}
