import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { AnswerValue, TemplateDefinition } from '@lastmile/domain';
import { organizations, users } from './org.ts';
import { jobs } from './work.ts';

/** A template as the office edits it: the draft definition. Publishing copies it into an immutable version. */
export const formTemplates = pgTable(
  'form_templates',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    /** The draft as last saved (it may be invalid: it is only validated on publish). */
    draft: jsonb('draft').$type<unknown>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [index('form_templates_org_idx').on(t.orgId, t.name)],
);

/** Published versions. Immutable: nothing in the code updates or deletes them; responses pin one. */
export const formTemplateVersions = pgTable(
  'form_template_versions',
  {
    id: uuid('id').primaryKey(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => formTemplates.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    definition: jsonb('definition').$type<TemplateDefinition>().notNull(),
    publishedBy: uuid('published_by')
      .notNull()
      .references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('form_versions_template_version_idx').on(t.templateId, t.version),
    index('form_versions_org_idx').on(t.orgId),
  ],
);

/** One filled-in form per job and template; it pins the version it is filled against. */
export const formResponses = pgTable(
  'form_responses',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobs.id),
    templateId: uuid('template_id')
      .notNull()
      .references(() => formTemplates.id),
    templateVersionId: uuid('template_version_id')
      .notNull()
      .references(() => formTemplateVersions.id),
    status: text('status', { enum: ['draft', 'submitted'] }).notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * The last time a submitted form went back to draft (a lead's reopen, a send-back), and who did
     * it: a submit from a device that had not seen that reopen is refused (mutators/forms.ts).
     * Server-only: not in the replicated row.
     */
    reopenedAt: timestamp('reopened_at', { withTimezone: true }),
    reopenedBy: uuid('reopened_by'),
  },
  (t) => [
    uniqueIndex('form_responses_job_template_idx').on(t.jobId, t.templateId),
    index('form_responses_org_idx').on(t.orgId),
  ],
);

/**
 * Another id for a response: two people who started the same job's form offline each made one;
 * the second `startForm` joins the first, and its id is kept here so answers sent against it land
 * in the one response (per-field merge, R6; mutators/forms.ts).
 */
export const formResponseAliases = pgTable(
  'form_response_aliases',
  {
    aliasId: uuid('alias_id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    responseId: uuid('response_id')
      .notNull()
      .references(() => formResponses.id),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('form_response_aliases_response_idx').on(t.responseId)],
);

/** One row per answered field (sync principle 7): edits of different fields never touch the same row. */
export const formAnswers = pgTable(
  'form_answers',
  {
    responseId: uuid('response_id')
      .notNull()
      .references(() => formResponses.id),
    fieldKey: text('field_key').notNull(),
    orgId: uuid('org_id').notNull(),
    value: jsonb('value').$type<AnswerValue | null>(),
    answeredBy: uuid('answered_by').notNull(),
    /**
     * The sync client (device) the answer came from; null before 2026-12-02 and for writes outside
     * a push. The same person answering on two devices that had not seen each other's value is a
     * conflict like two people's (setAnswer); their edits on one device are not.
     */
    answeredClientId: text('answered_client_id'),
    /** Device clock of the person who answered: shown, never used to order. */
    capturedAt: timestamp('captured_at', { withTimezone: true }).notNull(),
    /** Server time of the last write; the server's arrival order decides which value wins. */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    historyCount: integer('history_count').notNull().default(0),
    /** Someone overwrote a value they had not seen: shown to the lead/office until resolved. */
    conflict: boolean('conflict').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.fieldKey] })],
);

/** Earlier values of an answer, kept when another person (or an unseen concurrent edit) replaced them. */
export const formAnswerHistory = pgTable(
  'form_answer_history',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    responseId: uuid('response_id')
      .notNull()
      .references(() => formResponses.id),
    fieldKey: text('field_key').notNull(),
    value: jsonb('value').$type<AnswerValue | null>(),
    answeredBy: uuid('answered_by').notNull(),
    capturedAt: timestamp('captured_at', { withTimezone: true }).notNull(),
    storedAt: timestamp('stored_at', { withTimezone: true }).notNull(),
    replacedAt: timestamp('replaced_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
    replacedBy: uuid('replaced_by').notNull(),
    concurrent: boolean('concurrent').notNull(),
  },
  (t) => [index('form_answer_history_answer_idx').on(t.responseId, t.fieldKey, t.replacedAt)],
);
