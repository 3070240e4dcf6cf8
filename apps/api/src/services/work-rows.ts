import { itemStatusSchema, prioritySchema, type JobMessageRow, type OutstandingItemRow } from '@lastmile/domain';
import type { jobMessages, outstandingItems } from '../db/schema/index.ts';

export function toJobMessageRow(row: typeof jobMessages.$inferSelect): JobMessageRow {
  return {
    id: row.id,
    orgId: row.orgId,
    jobId: row.jobId,
    authorId: row.authorId,
    kind: row.kind === 'handoff' ? 'handoff' : 'message',
    body: row.body,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toOutstandingItemRow(row: typeof outstandingItems.$inferSelect): OutstandingItemRow {
  return {
    id: row.id,
    orgId: row.orgId,
    title: row.title,
    description: row.description,
    jobId: row.jobId,
    siteId: row.siteId,
    teamId: row.teamId,
    ownerId: row.ownerId,
    dueDate: row.dueDate,
    priority: prioritySchema.parse(row.priority),
    status: itemStatusSchema.parse(row.status),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
