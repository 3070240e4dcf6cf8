import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { AnswerValue, FieldComment } from '@lastmile/domain';
import { organizations, users } from './org.ts';
import { jobs } from './work.ts';

/**
 * Every review decision on a job, kept for good (issue 11). One decision per round and stage:
 * the unique index makes a second reviewer of the same submission lose even if two pushes
 * slipped past the job lock. `answers` is the snapshot "changed since the last round" compares with.
 */
export const reviewRounds = pgTable(
  'review_rounds',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobs.id),
    round: integer('round').notNull(),
    stage: text('stage', { enum: ['lead', 'office'] }).notNull(),
    decision: text('decision', { enum: ['approved', 'sent_back'] }).notNull(),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => users.id),
    comment: text('comment').notNull().default(''),
    fieldComments: jsonb('field_comments').$type<FieldComment[]>().notNull().default([]),
    answers: jsonb('answers').$type<Record<string, AnswerValue | null>>().notNull().default({}),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('review_rounds_job_round_stage_idx').on(t.jobId, t.round, t.stage),
    index('review_rounds_org_idx').on(t.orgId),
  ],
);
