import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AuditChange } from '@lastmile/domain';
import { organizations } from './org.ts';

/**
 * The organization's audit trail: one row per accepted sync mutation and per REST write.
 * Append-only: triggers (migration 0008) refuse UPDATE, DELETE and TRUNCATE, so not even the
 * application's own connection can rewrite history (ADR 0022).
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Insertion order: the timelines' order and cursor (a push's rows share one transaction time). */
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    userId: uuid('user_id'),
    /** `sync`: a pushed mutation; `rest`: a write through the REST API. */
    source: text('source', { enum: ['sync', 'rest'] })
      .notNull()
      .default('rest'),
    /** The sync client id of the device, or for REST a reference to the session (never its token). */
    clientId: text('client_id'),
    /** The mutation name, or the REST action. */
    action: text('action').notNull(),
    entity: text('entity'),
    entityId: text('entity_id'),
    /** The job the change belongs to (answers, photos, messages too), for the job's timeline. */
    jobId: uuid('job_id'),
    mutationId: bigint('mutation_id', { mode: 'number' }),
    /** Server time. */
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** The device's clock when the person made the change (the device's word, for display). */
    clientTime: timestamp('client_time', { withTimezone: true }),
    changes: jsonb('changes').$type<AuditChange[]>().notNull().default([]),
  },
  (t) => [
    index('audit_org_at_idx').on(t.orgId, t.at),
    index('audit_job_seq_idx')
      .on(t.jobId, t.seq)
      .where(sql`${t.jobId} is not null`),
    index('audit_user_seq_idx').on(t.userId, t.seq),
    index('audit_client_seq_idx').on(t.clientId, t.seq),
  ],
);
